/*
 * The scenario check's second opinion: the design analysis run on each scenario's current
 * architecture at today's peak, which is what the interviewer's scoreboard shows on the "Current
 * state" drawing before the candidate draws a card. Its utilisation and monthly cost must agree
 * with the metrics the brief states, or the board and the brief tell the candidate two stories.
 *
 * Only what the model computes soundly is compared:
 * - utilisation, λ / (replicas × capacity per replica) with λ from the flows' rates, against the
 *   tier's stated CPU or GPU utilisation (the busier one: that is the resource that saturates);
 * - the monthly cost of the kinds the analysis prices.
 * Latency is not compared: scenarios state a tier's latency as its caller sees it, the calls behind
 * it included, and the analysis adds the callees' latency once more (docs/analysis.md, "Known
 * limits"); on recommendations that turns a measured 624 ms p99 into an estimate of ~3.6 s.
 */

import { analyseBoard, type BoardAnalysis, type ComponentAnalysis } from '@scaleboard/analysis'
import { architectureToRecords, getCatalogueEntry } from '@scaleboard/components/schema'
import {
  type ArchitectureComponent,
  derivedPeakRps,
  HOURS_PER_MONTH,
  type Scenario,
} from '@scaleboard/schema'
import type { ConsistencyProblem } from './consistency.ts'
import { formatFieldPath } from './formatIssues.ts'

/**
 * Stated and computed utilisation may differ by this many points (0.1 = 10 points). Absolute, not
 * relative: a gateway stated at 3 % CPU (its idle work included) against 0.1 % computed from
 * requests tells the same story, which a relative 10 % would call a disagreement.
 */
export const ANALYSIS_UTILISATION_TOLERANCE = 0.1
/** Stated and computed monthly cost may differ by this fraction. */
export const ANALYSIS_COST_TOLERANCE = 0.1

/** The current state's cards are drawn under this id prefix: `shape:current-state--<component id>`. */
const ID_PREFIX = 'current-state'

function shapeIdOf(componentId: string): string {
  return `shape:${ID_PREFIX}--${componentId}`
}

/** Today's peak (not the target's): the current metrics describe today. */
export function currentPeakRps(scenario: Scenario): number {
  const { growth } = scenario
  return growth.peakRpsNow ?? derivedPeakRps(growth.perDayNow, growth.peakToAverage)
}

/** The analysis of the scenario's current architecture, drawn as the server draws a session's first board. */
export function analyseCurrentState(scenario: Scenario): BoardAnalysis {
  const { records } = architectureToRecords(scenario.currentArchitecture, {
    pageId: 'page:page' as never,
    idPrefix: ID_PREFIX,
  })
  return analyseBoard(records, { peakRps: currentPeakRps(scenario) }, { scope: 'reference' })
}

/**
 * Components with a price whose kind the analysis does not price (its cards carry no
 * `costPerReplicaHourUsd`: object storage, monitoring). Left out of both sides of the cost
 * comparison; a gap in the model's catalogue, not in the scenario.
 */
export function componentsTheAnalysisDoesNotPrice(scenario: Scenario): ArchitectureComponent[] {
  return scenario.currentArchitecture.components.filter(
    (c) =>
      c.figures.costPerReplicaHourUsd !== undefined &&
      !getCatalogueEntry(c.kind).figures.includes('costPerReplicaHourUsd'),
  )
}

/**
 * Where the analysis of the current state disagrees with the scenario's stated utilisation or
 * monthly cost; an empty list when they agree.
 */
export function checkAgainstAnalysis(scenario: Scenario): ConsistencyProblem[] {
  const analysis = analyseCurrentState(scenario)
  const byShapeId = new Map(analysis.components.map((c) => [c.shapeId, c]))
  return [...checkUtilisation(scenario, analysis, byShapeId), ...checkCost(scenario, analysis)]
}

function checkUtilisation(
  scenario: Scenario,
  analysis: BoardAnalysis,
  byShapeId: ReadonlyMap<string, ComponentAnalysis>,
): ConsistencyProblem[] {
  const problems: ConsistencyProblem[] = []
  const statedFor = new Set<string>()
  scenario.metrics.tiers.forEach((tier, i) => {
    const stated = [tier.cpuUtilisation, tier.gpuUtilisation].filter((u) => u !== undefined)
    if (stated.length === 0) return
    statedFor.add(tier.componentId)
    const busiest = Math.max(...stated)
    const computed = byShapeId.get(shapeIdOf(tier.componentId))
    const at = formatFieldPath(['metrics', 'tiers', i])
    if (!computed || computed.utilisation === null) {
      const missing = computed?.missingFigures.length ? `: no ${computed.missingFigures.join(', ')}` : ''
      problems.push({
        path: at,
        message: `"${tier.componentId}" states ${pct(busiest)} utilisation but the analysis of the current state cannot compute one${missing}`,
      })
      return
    }
    if (Math.abs(busiest - computed.utilisation) > ANALYSIS_UTILISATION_TOLERANCE + 1e-9)
      problems.push({
        path: at,
        message:
          `"${tier.componentId}" states ${pct(busiest)} utilisation but the analysis of the current state ` +
          `computes ${pct(computed.utilisation)} (${fmt(computed.arrivalRps)} rps at today's peak over ` +
          `${computed.replicas} × ${fmt(capacityOf(scenario, tier.componentId))} rps)`,
      })
  })

  // The component the board will show as the busiest must be one the brief gives figures for.
  const bottleneck = analysis.components.reduce<ComponentAnalysis | undefined>(
    (top, c) => (c.utilisation !== null && (top?.utilisation ?? -1) < c.utilisation ? c : top),
    undefined,
  )
  const bottleneckId = bottleneck?.shapeId.slice(`shape:${ID_PREFIX}--`.length)
  if (bottleneck && bottleneckId !== undefined && !statedFor.has(bottleneckId))
    problems.push({
      path: 'metrics.tiers',
      message: `the analysis of the current state finds "${bottleneckId}" busiest (${pct(bottleneck.utilisation ?? 0)}) but no tier states its utilisation`,
    })
  return problems
}

function checkCost(scenario: Scenario, analysis: BoardAnalysis): ConsistencyProblem[] {
  const leftOut = componentsTheAnalysisDoesNotPrice(scenario)
  const leftOutUsd = leftOut.reduce(
    (sum, c) => sum + (c.figures.replicas ?? 1) * (c.figures.costPerReplicaHourUsd ?? 0) * HOURS_PER_MONTH,
    0,
  )
  const stated = scenario.currentCost.monthlyUsd - leftOutUsd
  const computed = analysis.totals.monthlyCostUsd
  if (Math.abs(computed - stated) <= Math.abs(stated) * ANALYSIS_COST_TOLERANCE + 1e-9) return []
  const without = leftOut.length
    ? ` (without ${leftOut.map((c) => `"${c.id}"`).join(', ')}, which the analysis does not price)`
    : ''
  return [
    {
      path: formatFieldPath(['currentCost', 'monthlyUsd']),
      message: `states $${fmt(round2(stated))} a month${without} but the analysis of the current state computes $${fmt(round2(computed))}`,
    },
  ]
}

function capacityOf(scenario: Scenario, componentId: string): number {
  const component = scenario.currentArchitecture.components.find((c) => c.id === componentId)
  return component?.figures.capacityRpsPerReplica ?? 0
}

function fmt(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 })
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}

function pct(fraction: number): string {
  return `${Math.round(fraction * 100)}%`
}
