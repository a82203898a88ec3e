import {
  type ArchitectureComponent,
  derivedPeakRps,
  HOURS_PER_MONTH,
  type InfrastructureOption,
  optionPrices,
  type PriceUnit,
  type Scenario,
  type TierMetrics,
  type TimeSeries,
} from '@scaleboard/schema'
import { formatFieldPath } from './formatIssues.ts'

/** One arithmetic problem in a scenario, at a field path such as `metrics.tiers[1]`. */
export type ConsistencyProblem = { path: string; message: string }

/** Stated utilisation may differ from rps ÷ (replicas × capacity) by this many points (0.1 = 10%). */
export const UTILISATION_TOLERANCE = 0.1
/** Relative tolerance for rates that should add up (flows, series, requirements). */
export const RATE_TOLERANCE = 0.1
/** Relative tolerance for money: prices × counts against stated costs. */
export const COST_TOLERANCE = 0.005
/**
 * Checks that a scenario's numbers add up, so the brief a candidate reasons from is honest:
 * costs (price × count × 730 h), capacity (load against replicas × capacity per replica) and demand
 * (flows, series and requirements against the growth figures).
 * Returns an empty list when everything agrees.
 */
export function checkScenarioConsistency(scenario: Scenario): ConsistencyProblem[] {
  return [
    ...checkCost(scenario),
    ...checkCapacity(scenario),
    ...checkDemand(scenario),
    ...checkSeriesAtPeak(scenario),
  ]
}

type Keys = (string | number)[]

function problem(keys: Keys, message: string): ConsistencyProblem {
  return { path: formatFieldPath(keys), message }
}

function differs(actual: number, expected: number, relative: number): boolean {
  return Math.abs(actual - expected) > Math.abs(expected) * relative + 1e-9
}

function fmt(n: number): string {
  return Number.isInteger(n)
    ? n.toLocaleString('en-US')
    : n.toLocaleString('en-US', { maximumFractionDigits: 4 })
}

// ---------------------------------------------------------------------------------------------
// Cost

/** What one unit of `unit` costs per hour when `units` of it are used (see CostBasis). */
export function hourlyCost(option: InfrastructureOption, unit: PriceUnit, units: number): number | undefined {
  const price = optionPrices(option).find((p) => p.unit === unit)
  if (!price) return undefined
  // gb-month is a monthly charge for what is held; every other unit is per hour or per use per hour.
  return unit === 'gb-month' ? (units * price.amountUsd) / HOURS_PER_MONTH : units * price.amountUsd
}

/** Σ replicas × $/replica-hour × 730 over the current architecture. */
export function currentMonthlyCost(scenario: Scenario): number {
  let perHour = 0
  for (const c of scenario.currentArchitecture.components)
    perHour += (c.figures.replicas ?? 0) * (c.figures.costPerReplicaHourUsd ?? 0)
  return perHour * HOURS_PER_MONTH
}

function checkCost(s: Scenario): ConsistencyProblem[] {
  const problems: ConsistencyProblem[] = []
  const components = s.currentArchitecture.components
  const options = new Map(s.options.map((o) => [o.id, o]))
  const basisByComponent = new Map(s.currentCost.basis.map((b, i) => [b.componentId, i]))

  components.forEach((c, i) => {
    const cost = c.figures.costPerReplicaHourUsd
    if (cost === undefined) return
    const at = ['currentArchitecture', 'components', i, 'figures']
    if (c.figures.replicas === undefined)
      problems.push(problem(at, `"${c.id}" has a cost but no replica count`))
    if (!basisByComponent.has(c.id))
      problems.push(problem(at, `"${c.id}" costs $${fmt(cost)}/h but no currentCost.basis line prices it`))
  })

  const total = currentMonthlyCost(s)
  if (differs(s.currentCost.monthlyUsd, total, COST_TOLERANCE))
    problems.push(
      problem(
        ['currentCost', 'monthlyUsd'],
        `states $${fmt(s.currentCost.monthlyUsd)} but Σ replicas × $/h × ${HOURS_PER_MONTH} = $${fmt(round2(total))}`,
      ),
    )

  s.currentCost.basis.forEach((b, i) => {
    const component = components.find((c) => c.id === b.componentId)
    const stated = component?.figures.costPerReplicaHourUsd
    if (stated === undefined) {
      problems.push(problem(['currentCost', 'basis', i], `"${b.componentId}" has no costPerReplicaHourUsd`))
      return
    }
    let derived = 0
    for (const part of b.parts) {
      const option = options.get(part.optionId)
      const cost = option && hourlyCost(option, part.unit, part.units)
      if (cost === undefined) return // a broken reference: the schema already reported it
      derived += cost
    }
    if (differs(stated, derived, COST_TOLERANCE))
      problems.push(
        problem(
          ['currentCost', 'basis', i],
          `"${b.componentId}" costs $${fmt(stated)}/h per replica but its priced parts give $${fmt(derived)}/h`,
        ),
      )
  })
  return problems
}

// ---------------------------------------------------------------------------------------------
// Capacity

/** Load over capacity for a tier, when both are known: rps ÷ (replicas × capacity per replica). */
export function tierUtilisation(tier: TierMetrics, component: ArchitectureComponent): number | undefined {
  const { replicas, capacityRpsPerReplica } = component.figures
  if (tier.rps === undefined || !replicas || !capacityRpsPerReplica) return undefined
  return tier.rps / (replicas * capacityRpsPerReplica)
}

function checkCapacity(s: Scenario): ConsistencyProblem[] {
  const problems: ConsistencyProblem[] = []
  const components = new Map(s.currentArchitecture.components.map((c) => [c.id, c]))
  const flows = s.currentArchitecture.flows

  s.metrics.tiers.forEach((tier, i) => {
    const at = ['metrics', 'tiers', i]
    const component = components.get(tier.componentId)
    if (!component) return

    const utilisation = tierUtilisation(tier, component)
    const stated = [tier.cpuUtilisation, tier.gpuUtilisation].filter((u) => u !== undefined)
    if (utilisation !== undefined && stated.length > 0) {
      const busiest = Math.max(...stated)
      if (Math.abs(busiest - utilisation) > UTILISATION_TOLERANCE)
        problems.push(
          problem(
            at,
            `"${tier.componentId}" states ${pct(busiest)} utilisation but ${fmt(tier.rps ?? 0)} rps over ` +
              `${component.figures.replicas} × ${fmt(component.figures.capacityRpsPerReplica ?? 0)} rps is ${pct(utilisation)}`,
          ),
        )
    }

    const inbound = flows.filter((f) => f.to === tier.componentId && f.rps !== undefined)
    if (tier.rps !== undefined && inbound.length > 0) {
      const sum = inbound.reduce((total, f) => total + (f.rps ?? 0), 0)
      if (differs(sum, tier.rps, RATE_TOLERANCE))
        problems.push(
          problem(
            [...at, 'rps'],
            `${fmt(tier.rps)} rps but the flows into "${tier.componentId}" carry ${fmt(sum)} rps`,
          ),
        )
    }

    for (const [figure, metric] of [
      ['latencyP50Ms', 'p50LatencyMs'],
      ['latencyP99Ms', 'p99LatencyMs'],
    ] as const) {
      const onCard = component.figures[figure]
      if (onCard !== undefined && differs(onCard, tier[metric], RATE_TOLERANCE))
        problems.push(
          problem(
            [...at, metric],
            `${fmt(tier[metric])} ms but the component's card shows ${fmt(onCard)} ms`,
          ),
        )
    }

    const tokens = s.growth.tokensPerRequest
    if (tier.outputTokensPerSecond !== undefined && tier.rps !== undefined && tokens) {
      const expected = tier.rps * tokens.output
      if (differs(tier.outputTokensPerSecond, expected, RATE_TOLERANCE))
        problems.push(
          problem(
            [...at, 'outputTokensPerSecond'],
            `${fmt(tier.outputTokensPerSecond)} tokens/s but ${fmt(tier.rps)} rps × ${tokens.output} output tokens = ${fmt(expected)}`,
          ),
        )
    }
  })
  return problems
}

// ---------------------------------------------------------------------------------------------
// Demand: flows, the traffic series and requirements against the growth figures

function checkDemand(s: Scenario): ConsistencyProblem[] {
  const problems: ConsistencyProblem[] = []
  const g = s.growth
  const peakNow = derivedPeakRps(g.perDayNow, g.peakToAverage)
  const peakTarget = derivedPeakRps(g.perDayTarget, g.peakToAverage)
  const clients = new Set(
    s.currentArchitecture.components.filter((c) => c.kind === 'client').map((c) => c.id),
  )

  const entry = s.currentArchitecture.flows.filter((f) => clients.has(f.from) && f.rps !== undefined)
  if (entry.length > 0) {
    const sum = entry.reduce((total, f) => total + (f.rps ?? 0), 0)
    if (differs(sum, peakNow, RATE_TOLERANCE))
      problems.push(
        problem(
          ['currentArchitecture', 'flows'],
          `clients send ${fmt(sum)} rps but the growth figures give ${fmt(round2(peakNow))} rps at peak today`,
        ),
      )
  }

  s.metrics.series.forEach((series, i) => {
    if (series.metric !== 'rps' || series.componentId !== undefined) return
    const at = ['metrics', 'series', i, 'values']
    const max = Math.max(...series.values)
    if (differs(max, peakNow, RATE_TOLERANCE))
      problems.push(
        problem(at, `peaks at ${fmt(max)} rps but the growth figures give ${fmt(round2(peakNow))} rps`),
      )
    if (series.stepMinutes * series.values.length === 1440) {
      const perDay = Math.round(mean(series.values) * 86_400)
      if (differs(perDay, g.perDayNow, RATE_TOLERANCE))
        problems.push(problem(at, `adds up to ${fmt(perDay)} a day but perDayNow is ${fmt(g.perDayNow)}`))
    }
  })

  s.requirements.forEach((r, i) => {
    if (r.kind === 'throughput' && differs(r.peakRps, peakTarget, RATE_TOLERANCE))
      problems.push(
        problem(
          ['requirements', i, 'peakRps'],
          `${fmt(r.peakRps)} rps but the growth target gives ${fmt(round2(peakTarget))} rps at peak`,
        ),
      )
  })
  return problems
}

/** Samples taken at `metrics.peakAt` must agree with the tier figures taken at that time. */
function checkSeriesAtPeak(s: Scenario): ConsistencyProblem[] {
  const problems: ConsistencyProblem[] = []
  const peakAt = s.metrics.peakAt
  if (peakAt === undefined) return problems
  const peakNow = derivedPeakRps(s.growth.perDayNow, s.growth.peakToAverage)

  s.metrics.series.forEach((series, i) => {
    const value = sampleAt(series, peakAt)
    if (value === undefined) return
    const expected = expectedAtPeak(series, s.metrics.tiers, peakNow)
    if (expected !== undefined && differs(value, expected, RATE_TOLERANCE))
      problems.push(
        problem(
          ['metrics', 'series', i, 'values'],
          `reads ${fmt(value)} at ${peakAt} but the figures at peak give ${fmt(round2(expected))}`,
        ),
      )
  })
  return problems
}

function expectedAtPeak(series: TimeSeries, tiers: TierMetrics[], peakNow: number): number | undefined {
  if (series.componentId === undefined) return series.metric === 'rps' ? peakNow : undefined
  const tier = tiers.find((t) => t.componentId === series.componentId)
  if (!tier) return undefined
  switch (series.metric) {
    case 'rps':
      return tier.rps
    case 'p50-latency-ms':
      return tier.p50LatencyMs
    case 'p99-latency-ms':
      return tier.p99LatencyMs
    case 'cpu-utilisation':
      return tier.cpuUtilisation
    case 'gpu-utilisation':
      return tier.gpuUtilisation
    case 'error-rate':
      return tier.errorRate
    case 'queue-depth':
      return tier.queueDepth
    case 'output-tokens-per-second':
      return tier.outputTokensPerSecond
  }
}

/** The sample at clock time `at`, when the series has one there. */
export function sampleAt(series: TimeSeries, at: string): number | undefined {
  const offset = (minutesOf(at) - minutesOf(series.start) + 1440) % 1440
  if (offset % series.stepMinutes !== 0) return undefined
  return series.values[offset / series.stepMinutes]
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number)
  return h * 60 + m
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}

function pct(fraction: number): string {
  return `${Math.round(fraction * 100)}%`
}
