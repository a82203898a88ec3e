import { getFigureSpec, isFigureName } from '@scaleboard/components/schema'
import {
  type BoardGraph,
  type BoardNode,
  type BoardRecords,
  readBoardGraph,
  type ScopeOption,
} from './board/boardGraph.ts'
import { formatAvailability, formatMs, formatRps, formatUsd, formatUtilisation } from './format.ts'
import { designLint, type LintContext } from './lint/designLint.ts'
import { pathAvailability, syncPathComponents } from './model/availability.ts'
import { analyseComponent, hitRateOf, replicasOf } from './model/componentModel.ts'
import { flowOrder } from './model/flowOrder.ts'
import { criticalPaths } from './model/paths.ts'
import { computeTraffic } from './model/traffic.ts'
import { type AnalysisRequirements, DEFAULT_TARGET_UTILISATION, type WhatIf } from './requirements.ts'
import type {
  AnalysisTotals,
  BoardAnalysis,
  ComponentAnalysis,
  Finding,
  PathAnalysis,
  RequirementCheck,
  RequirementStatus,
} from './types.ts'

export interface AnalyseOptions {
  whatIf?: WhatIf
  /** which shapes to analyse (default `auto`: the candidate's design once it has a card, else the reference) */
  scope?: ScopeOption
}

/** Within this fraction below a ceiling (p99, budget) a requirement shows amber. */
const NEAR_MARGIN = 0.1

/**
 * The analysis of a board (docs/analysis.md): traffic, capacity, latency, cost and availability of
 * the drawn components against the requirements, with what-if injections and the design lint.
 * Pure: records and figures in, a JSON-safe result out.
 */
export function analyseBoard(
  records: BoardRecords,
  requirements: AnalysisRequirements,
  options: AnalyseOptions = {},
): BoardAnalysis {
  return analyseGraph(readBoardGraph(records, options.scope), requirements, options.whatIf)
}

export function analyseGraph(
  graph: BoardGraph,
  requirements: AnalysisRequirements,
  whatIf: WhatIf = {},
): BoardAnalysis {
  const targetUtilisation = requirements.targetUtilisation ?? DEFAULT_TARGET_UTILISATION
  const multiplier = whatIf.trafficMultiplier ?? 1
  const peakRps = requirements.peakRps * multiplier
  const lostRegions = new Set(whatIf.lostRegionIds ?? [])
  const lostReplicas = new Map<string, number>()
  for (const id of whatIf.lostReplicaShapeIds ?? []) lostReplicas.set(id, (lostReplicas.get(id) ?? 0) + 1)
  const regionLost = (node: BoardNode) => node.regionId !== null && lostRegions.has(node.regionId)

  const order = flowOrder(graph)
  const downIds = new Set<string>()
  for (const node of graph.nodes.values())
    if (replicasOf(node, lostReplicas.get(node.id) ?? 0, regionLost(node)) === 0) downIds.add(node.id)
  const traffic = computeTraffic(graph, order, {
    peakRps,
    trafficMultiplier: multiplier,
    hitRate: (node) => hitRateOf(node, whatIf.coldCache ?? false),
    isDown: (id) => downIds.has(id),
  })

  const components = new Map<string, ComponentAnalysis>()
  for (const node of graph.nodes.values())
    components.set(
      node.id,
      analyseComponent({
        node,
        arrivalRps: traffic.arrivalRps.get(node.id) ?? 0,
        lostReplicas: lostReplicas.get(node.id) ?? 0,
        regionLost: regionLost(node),
        targetUtilisation,
        extraModelLatencyMs: whatIf.extraModelLatencyMs ?? 0,
      }),
    )

  const paths = criticalPaths(graph, order, components)
  const syncPath = syncPathComponents(graph, order)
  const { availability, unknownShapeIds: availabilityUnknown } = pathAvailability(syncPath, components)
  const monthlyCostUsd = [...components.values()].reduce((sum, c) => sum + (c.monthlyCostUsd ?? 0), 0)
  const utilisations = [...components.values()].flatMap((c) =>
    c.utilisation === null ? [] : [c.utilisation],
  )
  const worstPath = slowest(paths)
  const totals: AnalysisTotals = {
    peakRps,
    monthlyCostUsd,
    availability,
    maxUtilisation: utilisations.length ? Math.max(...utilisations) : null,
    p99LatencyMs: worstPath?.p99LatencyMs ?? null,
  }

  const context: LintContext = {
    graph,
    order,
    components,
    paths,
    syncPath,
    requirements,
    monthlyCostUsd,
  }
  const findings = [
    ...componentFindings(components, syncPath, targetUtilisation, lostRegions, graph),
    ...cycleFindings(graph, order.cycleFlows),
    ...designLint(context),
  ]

  return {
    scope: graph.scope,
    components: [...components.values()],
    paths,
    totals,
    requirements: requirementChecks(requirements, totals, components, downIds, targetUtilisation, {
      latency: paths.some((p) => p.unknownShapeIds.length > 0),
      cost: [...components.values()].some((c) => c.monthlyCostUsd === null),
      availability: availabilityUnknown.length > 0,
    }),
    findings,
  }
}

/** The client path with the highest p99, an unbounded one first. */
function slowest(paths: PathAnalysis[]): PathAnalysis | undefined {
  return paths.reduce<PathAnalysis | undefined>((worst, p) => {
    if (!worst) return p
    if (p.p99LatencyMs === null) return worst.p99LatencyMs === null ? worst : p
    if (worst.p99LatencyMs === null) return worst
    return p.p99LatencyMs > worst.p99LatencyMs ? p : worst
  }, undefined)
}

/**
 * Green up to 90 % of a ceiling, amber up to it, red above it. With a figure missing the value is
 * only a lower bound: above the ceiling it is still red, below it unknown.
 */
function ceilingStatus(value: number | null, target: number, partial: boolean): RequirementStatus {
  if (value === null) return 'unknown'
  if (value > target) return 'missed'
  if (partial) return 'unknown'
  return value > target * (1 - NEAR_MARGIN) ? 'near' : 'met'
}

/** Which totals leave something out: a latency on a path, a cost, an availability on the request path. */
interface PartialTotals {
  latency: boolean
  cost: boolean
  availability: boolean
}

function requirementChecks(
  requirements: AnalysisRequirements,
  totals: AnalysisTotals,
  components: ReadonlyMap<string, ComponentAnalysis>,
  downIds: ReadonlySet<string>,
  targetUtilisation: number,
  partial: PartialTotals,
): RequirementCheck[] {
  const checks: RequirementCheck[] = []
  const all = [...components.values()]
  const failing = all.some((c) => downIds.has(c.shapeId) && c.arrivalRps > 0)
  const rho = totals.maxUtilisation
  // The busiest component's utilisation against the target: not a sustainable entry rate (peak ÷ ρ),
  // which rates written on arrows would make wrong (they replace the peak on their edge).
  checks.push({
    id: 'throughput',
    text: `Carries ${formatRps(totals.peakRps)} at peak, no component above ${formatUtilisation(targetUtilisation)} busy`,
    target: targetUtilisation,
    value: rho,
    status:
      failing || (rho !== null && rho >= 1)
        ? 'missed'
        : rho === null
          ? 'unknown'
          : rho > targetUtilisation
            ? 'near'
            : 'met',
  })
  if (requirements.p99TargetMs !== undefined) {
    const unbounded = totals.p99LatencyMs === null && all.some((c) => c.state === 'overloaded')
    checks.push({
      id: 'latency',
      text: `p99 ≤ ${formatMs(requirements.p99TargetMs)} on the critical sync path`,
      target: requirements.p99TargetMs,
      value: totals.p99LatencyMs,
      status: unbounded
        ? 'missed'
        : ceilingStatus(totals.p99LatencyMs, requirements.p99TargetMs, partial.latency),
    })
  }
  if (requirements.monthlyBudgetUsd !== undefined)
    checks.push({
      id: 'budget',
      text: `≤ ${formatUsd(requirements.monthlyBudgetUsd)} a month`,
      target: requirements.monthlyBudgetUsd,
      value: totals.monthlyCostUsd,
      status: ceilingStatus(totals.monthlyCostUsd, requirements.monthlyBudgetUsd, partial.cost),
    })
  if (requirements.availabilitySlo !== undefined)
    checks.push({
      id: 'availability',
      text: `Available ≥ ${formatAvailability(requirements.availabilitySlo)} on the request path`,
      target: requirements.availabilitySlo,
      value: totals.availability,
      // with a figure missing (counted as always up) the value is an upper bound
      status:
        totals.availability === null
          ? 'unknown'
          : totals.availability < requirements.availabilitySlo
            ? 'missed'
            : partial.availability
              ? 'unknown'
              : 'met',
    })
  return checks
}

function capacityText(node: ComponentAnalysis, graph: BoardGraph): string {
  const perReplica = graph.nodes.get(node.shapeId)?.figures.capacityRpsPerReplica ?? 0
  return `${node.replicas} × ${formatRps(perReplica)}`
}

function componentFindings(
  components: ReadonlyMap<string, ComponentAnalysis>,
  syncPath: ReadonlySet<string>,
  targetUtilisation: number,
  lostRegions: ReadonlySet<string>,
  graph: BoardGraph,
): Finding[] {
  const findings: Finding[] = []
  for (const c of components.values()) {
    const needs = () =>
      c.replicasNeeded === null
        ? ''
        : ` It needs ${c.replicasNeeded} replicas to stay at ${formatUtilisation(targetUtilisation)}.`
    if (c.state === 'overloaded')
      findings.push({
        code: 'overloaded',
        severity: 'error',
        shapeIds: [c.shapeId],
        message: `${c.name} is overloaded: ${formatRps(c.arrivalRps)} arrive against ${capacityText(c, graph)} (${formatUtilisation(c.utilisation ?? 0)} busy); its queue grows without bound.${needs()}`,
      })
    else if (c.state === 'hot')
      findings.push({
        code: 'above-target-utilisation',
        severity: 'warning',
        shapeIds: [c.shapeId],
        message: `${c.name} runs ${formatUtilisation(c.utilisation ?? 0)} busy at peak, above the ${formatUtilisation(targetUtilisation)} target: little headroom for a spike or a lost replica.${needs()}`,
      })
    else if (c.state === 'down' && (c.arrivalRps > 0 || syncPath.has(c.shapeId))) {
      const why =
        c.regionId !== null && lostRegions.has(c.regionId) ? 'its region is lost' : 'no replica is left'
      findings.push({
        code: 'component-down',
        severity: 'error',
        shapeIds: [c.shapeId],
        message: `${c.name} is down (${why})${c.arrivalRps > 0 ? `: the ${formatRps(c.arrivalRps)} sent to it fail` : ''}.`,
      })
    }
    if (
      c.missingFigures.length &&
      (c.arrivalRps > 0 || syncPath.has(c.shapeId) || c.missingFigures.includes('costPerReplicaHourUsd'))
    ) {
      const labels = c.missingFigures.map((f) => (isFigureName(f) ? getFigureSpec(f).label.toLowerCase() : f))
      findings.push({
        code: 'missing-figures',
        severity: 'info',
        shapeIds: [c.shapeId],
        message: `${c.name} has no ${labels.join(', ')}: what depends on ${labels.length === 1 ? 'it' : 'them'} is shown as unknown, not guessed.`,
      })
    }
  }
  return findings
}

function cycleFindings(graph: BoardGraph, cycleFlows: BoardGraph['flows']): Finding[] {
  return cycleFlows.map((flow) => {
    const from = graph.nodes.get(flow.from)?.name ?? flow.from
    const to = graph.nodes.get(flow.to)?.name ?? flow.to
    return {
      code: 'flow-cycle',
      severity: 'info',
      shapeIds: [flow.id, flow.from, flow.to],
      message: `The arrow from ${from} to ${to} closes a loop (${to} already leads back to ${from}): no traffic is counted along it, so the loop cannot feed itself.`,
    }
  })
}
