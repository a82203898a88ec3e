import { COMPONENT_CATALOGUE, type FigureName, figureTotals } from '@scaleboard/components/schema'
import type { BoardNode } from '../board/boardGraph.ts'
import type { ComponentAnalysis, ComponentState } from '../types.ts'
import { mmcWait } from './erlangC.ts'

/** p99 ÷ p50 of an exponential distribution: ln 100 / ln 2 ≈ 6.64 */
export const EXPONENTIAL_P99_OVER_P50 = Math.log(100) / Math.log(2)

export const MODEL_SERVER_KINDS: ReadonlySet<string> = new Set(['model-server-cpu', 'model-server-gpu'])
const CACHE_KINDS: ReadonlySet<string> = new Set(['cache', 'cdn'])

/** ρ this close to 1 is saturation: 1 − 0.8 is 0.19999999999999996 in floating point, not 0.2 */
const SATURATED = 1 - 1e-9

export interface ComponentInput {
  node: BoardNode
  arrivalRps: number
  /** replicas lost in the what-if */
  lostReplicas: number
  /** its region is lost in the what-if */
  regionLost: boolean
  targetUtilisation: number
  extraModelLatencyMs: number
}

const FIGURES_OF_KIND = new Map(
  Object.values(COMPONENT_CATALOGUE).map((entry) => [entry.kind, new Set<FigureName>(entry.figures)]),
)

/** The figures the kind uses (the catalogue's list). */
function fits(node: BoardNode): ReadonlySet<FigureName> {
  return FIGURES_OF_KIND.get(node.kind) as ReadonlySet<FigureName>
}

/** A cache's or CDN's hit rate, 0 when cold; undefined for other kinds or when not stated. */
export function hitRateOf(node: BoardNode, coldCache: boolean): number | undefined {
  if (!CACHE_KINDS.has(node.kind)) return undefined
  return coldCache ? 0 : node.figures.cacheHitRate
}

/** Replicas after the what-if: a kind without a replica count runs as one unit. */
export function replicasOf(node: BoardNode, lostReplicas: number, regionLost: boolean): number | undefined {
  const drawn = fits(node).has('replicas') ? node.figures.replicas : 1
  if (drawn === undefined) return undefined
  return regionLost ? 0 : Math.max(0, drawn - lostReplicas)
}

/**
 * One component at the analysed peak: utilisation and the replicas needed, the M/M/c wait, the
 * typical and p99 latency, availability and monthly cost. Only the figures the kind uses count
 * (the catalogue's list); a figure the kind uses but the card leaves empty is named in
 * `missingFigures` and whatever depends on it is null.
 */
export function analyseComponent(input: ComponentInput): ComponentAnalysis {
  const { node, arrivalRps, targetUtilisation } = input
  const figureNames = fits(node)
  const missing: string[] = []
  const miss = (name: string) => {
    if (!missing.includes(name)) missing.push(name)
  }
  const need = <K extends FigureName>(name: K) => {
    const value = node.figures[name]
    if (value === undefined) miss(name)
    return value
  }

  const replicas = replicasOf(node, input.lostReplicas, input.regionLost)
  if (replicas === undefined) miss('replicas')
  const down = replicas === 0

  // capacity
  const capacityBound = figureNames.has('capacityRpsPerReplica')
  const perReplicaRps = capacityBound ? need('capacityRpsPerReplica') : undefined
  let utilisation: number | null = null
  let replicasNeeded: number | null = null
  if (perReplicaRps !== undefined && perReplicaRps > 0) {
    // a hair under the integer, so 0.7 × 10 / 0.7 is 10 replicas, not 11
    replicasNeeded = Math.max(0, Math.ceil(arrivalRps / (perReplicaRps * targetUtilisation) - 1e-9))
    if (replicas !== undefined && replicas > 0) utilisation = arrivalRps / (replicas * perReplicaRps)
  } else if (perReplicaRps === 0) miss('capacityRpsPerReplica')

  // latency: service time from the p50, the p99 from the card or, lacking one, the exponential's
  const usesLatency = figureNames.has('latencyP50Ms') || figureNames.has('latencyP99Ms')
  const extra = MODEL_SERVER_KINDS.has(node.kind) ? input.extraModelLatencyMs : 0
  let p50 = figureNames.has('latencyP50Ms') ? node.figures.latencyP50Ms : undefined
  let p99 = figureNames.has('latencyP99Ms') ? node.figures.latencyP99Ms : undefined
  if (p50 === undefined && p99 !== undefined) p50 = p99 / EXPONENTIAL_P99_OVER_P50
  if (p99 === undefined && p50 !== undefined) p99 = p50 * EXPONENTIAL_P99_OVER_P50
  if (usesLatency && p50 === undefined)
    miss(figureNames.has('latencyP50Ms') ? 'latencyP50Ms' : 'latencyP99Ms')

  let queueWaitMs: number | null = 0
  let p99WaitMs: number | null = 0
  if (capacityBound) {
    if (utilisation === null) queueWaitMs = p99WaitMs = down || arrivalRps === 0 ? 0 : null
    else if (utilisation >= SATURATED) queueWaitMs = p99WaitMs = null
    else if (arrivalRps > 0) {
      const wait = mmcWait(arrivalRps, replicas as number, perReplicaRps as number)
      queueWaitMs = wait ? wait.meanSeconds * 1000 : null
      p99WaitMs = wait ? wait.p99Seconds * 1000 : null
    }
  }
  const serviceKnown = !usesLatency || p50 !== undefined
  const latencyMs =
    down || !serviceKnown || queueWaitMs === null
      ? null
      : (usesLatency ? (p50 as number) + extra : 0) + queueWaitMs
  const p99LatencyMs =
    down || !serviceKnown || p99WaitMs === null
      ? null
      : (usesLatency ? (p99 as number) + extra : 0) + p99WaitMs

  // availability: replicas in parallel
  const a = figureNames.has('availability') ? need('availability') : undefined
  const availability = down ? 0 : a === undefined || replicas === undefined ? null : 1 - (1 - a) ** replicas

  // cost: the drawn replicas (a what-if's failure saves nothing)
  const usesCost = figureNames.has('costPerReplicaHourUsd')
  const cost = figureTotals(node.kind, node.figures).cost
  if (usesCost && node.figures.costPerReplicaHourUsd === undefined) miss('costPerReplicaHourUsd')
  const monthlyCostUsd = usesCost ? (cost?.monthlyUsd ?? null) : 0

  let state: ComponentState = 'ok'
  if (down) state = 'down'
  else if (capacityBound && utilisation === null && arrivalRps > 0) state = 'unknown'
  else if (utilisation !== null && utilisation >= SATURATED) state = 'overloaded'
  else if (utilisation !== null && utilisation > targetUtilisation) state = 'hot'

  return {
    shapeId: node.id,
    kind: node.kind,
    name: node.name,
    regionId: node.regionId,
    arrivalRps,
    replicas: replicas ?? null,
    utilisation,
    replicasNeeded,
    queueWaitMs,
    latencyMs,
    p99LatencyMs,
    availability,
    monthlyCostUsd,
    state,
    missingFigures: missing,
  }
}
