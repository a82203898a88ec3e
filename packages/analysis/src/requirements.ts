import { derivedPeakRps, type Level, type Requirement, type Scenario } from '@scaleboard/schema'

/** The figures the analysis checks a board against; everything but the peak is optional. */
export interface AnalysisRequirements {
  /** requests per second entering at the clients at peak */
  peakRps: number
  /** the utilisation replicas are sized for (default 0.7) */
  targetUtilisation?: number
  p99TargetMs?: number
  monthlyBudgetUsd?: number
  /** a fraction, e.g. 0.9999 */
  availabilitySlo?: number
  rpoMinutes?: number
  rtoMinutes?: number
  /** the day's highest traffic divided by its lowest; above 2 the lint asks for autoscaling */
  loadVariation?: number
}

/** What the analysis may be asked to imagine (issue 10, item 4). */
export interface WhatIf {
  /** multiplies the traffic entering at the clients and every rate written on an arrow */
  trafficMultiplier?: number
  /** region shapes whose components are all down */
  lostRegionIds?: readonly string[]
  /** caches and CDNs hit nothing */
  coldCache?: boolean
  /** added to the p50 and p99 of every model server */
  extraModelLatencyMs?: number
  /** each listed component loses one replica; list an id twice to lose two */
  lostReplicaShapeIds?: readonly string[]
}

export const DEFAULT_TARGET_UTILISATION = 0.7

/**
 * The requirements of a scenario as the analysis reads them, at a level (its requirement ids) or,
 * without one, all of them. The peak is the target's: a throughput requirement's rate, else the
 * growth target's stated or derived peak. Where several requirements of a kind apply the strictest
 * wins. Generation latency (time to first token) is not a p99 the board's figures compute, so it
 * is left out.
 */
export function analysisRequirements(scenario: Scenario, level?: Level): AnalysisRequirements {
  const ids = level ? scenario.levels.find((l) => l.level === level)?.requirementIds : undefined
  const applies = (r: Requirement) => !ids || ids.includes(r.id)
  const requirements = scenario.requirements.filter(applies)
  const strictest = (values: number[], pick: (...n: number[]) => number) =>
    values.length ? pick(...values) : undefined

  const throughput = strictest(
    requirements.flatMap((r) => (r.kind === 'throughput' ? [r.peakRps] : [])),
    Math.max,
  )
  const { growth } = scenario
  const peakRps =
    throughput ?? growth.peakRpsTarget ?? derivedPeakRps(growth.perDayTarget, growth.peakToAverage)

  const result: AnalysisRequirements = { peakRps }
  const set = <K extends keyof AnalysisRequirements>(key: K, value: AnalysisRequirements[K] | undefined) => {
    if (value !== undefined) result[key] = value
  }
  set(
    'p99TargetMs',
    strictest(
      requirements.flatMap((r) => (r.kind === 'latency' ? [r.p99LatencyMs] : [])),
      Math.min,
    ),
  )
  set(
    'monthlyBudgetUsd',
    strictest(
      requirements.flatMap((r) => (r.kind === 'budget' ? [r.monthlyBudgetUsd] : [])),
      Math.min,
    ),
  )
  set(
    'availabilitySlo',
    strictest(
      requirements.flatMap((r) => (r.kind === 'availability' ? [r.availabilitySlo] : [])),
      Math.max,
    ),
  )
  set(
    'rpoMinutes',
    strictest(
      requirements.flatMap((r) => (r.kind === 'recovery' ? [r.rpoMinutes] : [])),
      Math.min,
    ),
  )
  set(
    'rtoMinutes',
    strictest(
      requirements.flatMap((r) => (r.kind === 'recovery' ? [r.rtoMinutes] : [])),
      Math.min,
    ),
  )
  set('loadVariation', loadVariation(scenario))
  return result
}

/** A series that touches 0 varies without bound; this keeps the number finite (and JSON-safe). */
const MAX_LOAD_VARIATION = 1000

/**
 * Max ÷ min of the whole system's rps series (the first one); without a series, peak ÷ average,
 * which understates the swing (min ≤ average) and so never invents a need for autoscaling.
 */
function loadVariation(scenario: Scenario): number {
  const series = scenario.metrics.series.find((s) => s.metric === 'rps' && s.componentId === undefined)
  if (series) {
    const max = Math.max(...series.values)
    const min = Math.min(...series.values)
    if (max > 0) return Math.min(MAX_LOAD_VARIATION, max / Math.max(min, max / MAX_LOAD_VARIATION))
  }
  return scenario.growth.peakToAverage
}
