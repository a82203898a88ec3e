import { z } from 'zod'
import { Architecture } from './component.ts'
import { ChecklistGroup, PhaseMinutes } from './interview.ts'
import { Level } from './session.ts'

/**
 * A scenario pack: everything the interviewer hands the candidate at the briefing (business need,
 * current architecture with its metrics, priced infrastructure options, numeric requirements), plus
 * the level variants, the checklist and the interviewer-only guidance.
 *
 * Units live in field names (…Ms, …Usd, …Rps) so later features (capacity and cost analysis of the
 * candidate's design) compute without guessing. Fractions (utilisation, error rate, availability)
 * are 0..1.
 */

/** Ids that other records refer to; kebab-case so they read well in URLs and checklists. */
export const ScenarioRefId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single dashes)')
export type ScenarioRefId = z.infer<typeof ScenarioRefId>

/** Hours in a billing month, as AWS and GCP calculators use (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730

const OneLine = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\n]*$/, 'must be one line')
const Text = z.string().trim().min(1).max(20_000)
const Fraction = z.number().min(0).max(1)
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')

// ---------------------------------------------------------------------------------------------
// Growth

export const DemandUnit = z.enum(['predictions', 'requests', 'transactions', 'images', 'completions'])
export type DemandUnit = z.infer<typeof DemandUnit>

/** Peak rps as derived from a daily volume and the peak-to-average factor. */
export function derivedPeakRps(perDay: number, peakToAverage: number): number {
  return (perDay * peakToAverage) / 86_400
}

/** Stated peak rps may differ from the derived one by this fraction (rounding in prose). */
export const PEAK_RPS_TOLERANCE = 0.05

export const Growth = z
  .object({
    unit: DemandUnit,
    perDayNow: z.number().positive(),
    perDayTarget: z.number().positive(),
    /** peak-hour rate divided by the daily average rate */
    peakToAverage: z.number().min(1).max(50),
    horizonMonths: z.number().int().min(1).max(60),
    /** optional: when stated, must agree with perDay × peakToAverage / 86400 */
    peakRpsNow: z.number().positive().optional(),
    peakRpsTarget: z.number().positive().optional(),
    /** generative workloads: tokens per request, to reason in tokens per second */
    tokensPerRequest: z
      .object({ input: z.number().int().positive(), output: z.number().int().positive() })
      .strict()
      .optional(),
    notes: Text.optional(),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.perDayTarget < g.perDayNow)
      ctx.addIssue({ code: 'custom', path: ['perDayTarget'], message: 'target must not be below today' })
    const stated = [
      ['peakRpsNow', g.peakRpsNow, g.perDayNow],
      ['peakRpsTarget', g.peakRpsTarget, g.perDayTarget],
    ] as const
    for (const [field, rps, perDay] of stated) {
      if (rps === undefined) continue
      const derived = derivedPeakRps(perDay, g.peakToAverage)
      if (Math.abs(rps - derived) > derived * PEAK_RPS_TOLERANCE)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${rps} rps disagrees with ${perDay}/day × ${g.peakToAverage} / 86400 = ${round(derived)} rps`,
        })
    }
  })
export type Growth = z.infer<typeof Growth>

// ---------------------------------------------------------------------------------------------
// Metrics of the current state

/** One tier's figures at the observed peak. Latencies are as seen by the tier's caller. */
export const TierMetrics = z
  .object({
    /** the component of currentArchitecture these figures describe */
    componentId: z.string(),
    /** requests (or queries, messages) per second reaching this tier at peak */
    rps: z.number().min(0).optional(),
    p50LatencyMs: z.number().min(0),
    p99LatencyMs: z.number().min(0),
    cpuUtilisation: Fraction.optional(),
    gpuUtilisation: Fraction.optional(),
    errorRate: Fraction,
    /** the highest depth sampled in the observed window (its peak hour), not the mean */
    queueDepth: z.number().min(0).optional(),
    /** generative tiers: time to first token and output tokens per second summed over streams */
    ttftP50Ms: z.number().min(0).optional(),
    ttftP99Ms: z.number().min(0).optional(),
    outputTokensPerSecond: z.number().min(0).optional(),
    note: Text.optional(),
  })
  .strict()
  .refine((t) => t.p50LatencyMs <= t.p99LatencyMs, {
    path: ['p99LatencyMs'],
    message: 'p99 must be at least p50',
  })
export type TierMetrics = z.infer<typeof TierMetrics>

export const SeriesMetric = z.enum([
  'rps',
  'p50-latency-ms',
  'p99-latency-ms',
  'cpu-utilisation',
  'gpu-utilisation',
  'error-rate',
  'queue-depth',
  'output-tokens-per-second',
])
export type SeriesMetric = z.infer<typeof SeriesMetric>

/** A small chart for the brief: equally spaced samples, e.g. hourly rps over a day. */
export const TimeSeries = z
  .object({
    id: ScenarioRefId,
    title: OneLine,
    metric: SeriesMetric,
    /** absent: the whole system's traffic (only meaningful for 'rps') */
    componentId: z.string().optional(),
    /** clock time of the first sample, HH:MM */
    start: ClockTime,
    stepMinutes: z.number().int().min(1).max(1440),
    values: z.array(z.number().min(0)).min(2).max(2016),
  })
  .strict()
  .refine((s) => s.stepMinutes * s.values.length <= 7 * 1440, {
    path: ['values'],
    message: 'a series covers at most 7 days',
  })
export type TimeSeries = z.infer<typeof TimeSeries>

export const ScenarioMetrics = z
  .object({
    /** when and over which window the figures were taken, e.g. "weekday peak hour" */
    observedWindow: OneLine,
    /** clock time (HH:MM) the tier figures were taken at; series samples at this time must agree */
    peakAt: ClockTime.optional(),
    tiers: z.array(TierMetrics).min(1),
    series: z.array(TimeSeries).default([]),
  })
  .strict()
export type ScenarioMetrics = z.infer<typeof ScenarioMetrics>

// ---------------------------------------------------------------------------------------------
// Infrastructure options with unit prices

export const Provider = z.enum(['aws', 'gcp', 'azure', 'on-prem'])
export type Provider = z.infer<typeof Provider>

/** Where a price comes from: a public list-price page (or an internal rate card) and when it was read. */
export const PriceSource = z
  .object({
    title: OneLine,
    /** absent only for internal rate cards */
    url: z.url().optional(),
    /** YYYY-MM or YYYY-MM-DD */
    seen: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'must be YYYY-MM or YYYY-MM-DD'),
    note: Text.optional(),
  })
  .strict()
export type PriceSource = z.infer<typeof PriceSource>

/**
 * Billing units. `hour` and `*-hour` units are charged per unit per hour; `gb-month` per GB held
 * per month; the rest per quantity used.
 */
export const PriceUnit = z.enum([
  'hour',
  'node-hour',
  'broker-hour',
  'shard-hour',
  'stream-hour',
  'lcu-hour',
  'kpu-hour',
  'wcu-hour',
  'rcu-hour',
  'gb-month',
  'million-requests',
  'million-put-requests',
  'million-get-requests',
  'million-read-request-units',
  'million-write-request-units',
  'million-put-payload-units',
  'gb-ingested',
])
export type PriceUnit = z.infer<typeof PriceUnit>

export const UnitPrice = z
  .object({
    unit: PriceUnit,
    amountUsd: z.number().min(0),
    /** what the unit means here, e.g. "per broker (kafka.m5.large)" */
    label: OneLine.optional(),
  })
  .strict()
export type UnitPrice = z.infer<typeof UnitPrice>

export const GpuSpec = z
  .object({
    model: z.string().min(1).max(60),
    count: z.number().int().min(1).max(64),
    /** memory per GPU */
    memoryGiB: z.number().positive(),
  })
  .strict()
export type GpuSpec = z.infer<typeof GpuSpec>

const OptionBase = {
  id: ScenarioRefId,
  provider: Provider,
  /** the product name, e.g. "c6i.xlarge" or "ElastiCache (Redis OSS) cache.r6g.large" */
  name: z.string().min(1).max(120),
  region: z.string().max(40).optional(),
  /**
   * Days from ordering to running (a data-centre VM in 2 weeks: 14). Absent: a cloud option runs
   * within minutes, on demand; an on-premises one has no lead time stated.
   */
  leadTimeDays: z.number().min(0).max(730).optional(),
  /** what caps how much of it can be had, e.g. "at most 20 more VMs this fiscal year" */
  limits: OneLine.optional(),
  notes: Text.optional(),
  source: PriceSource,
}

/** A machine, rented in a cloud or from the company's own data centre (amortised rate). */
export const InstanceOption = z
  .object({
    ...OptionBase,
    category: z.literal('instance'),
    vcpu: z.number().int().min(1),
    memoryGiB: z.number().positive(),
    gpu: GpuSpec.optional(),
    pricePerHourUsd: z.number().min(0),
  })
  .strict()
export type InstanceOption = z.infer<typeof InstanceOption>

export const ManagedServiceKind = z.enum([
  'cache',
  'stream',
  'queue',
  'database',
  'feature-store',
  'object-storage',
  'load-balancer',
  'stream-processing',
])
export type ManagedServiceKind = z.infer<typeof ManagedServiceKind>

export const ManagedServiceOption = z
  .object({
    ...OptionBase,
    category: z.literal('managed-service'),
    service: ManagedServiceKind,
    prices: z.array(UnitPrice).min(1),
  })
  .strict()
  .refine((o) => new Set(o.prices.map((p) => p.unit)).size === o.prices.length, {
    path: ['prices'],
    message: 'each unit may be priced once',
  })
export type ManagedServiceOption = z.infer<typeof ManagedServiceOption>

export const InfrastructureOption = z.discriminatedUnion('category', [InstanceOption, ManagedServiceOption])
export type InfrastructureOption = z.infer<typeof InfrastructureOption>

/** The unit prices an option charges; an instance charges by the hour. */
export function optionPrices(option: InfrastructureOption): UnitPrice[] {
  return option.category === 'instance'
    ? [{ unit: 'hour', amountUsd: option.pricePerHourUsd }]
    : option.prices
}

/**
 * How a costed component of the current state is priced: per replica, the sum over parts of
 * units × unit price, converted to $/hour. `units` means: for per-hour units, how many run (a batch
 * host busy 4 h a day is 4/24); for gb-month, GB held; for per-use units, the average used per hour.
 */
export const CostBasis = z
  .object({
    componentId: z.string(),
    parts: z
      .array(
        z
          .object({
            optionId: ScenarioRefId,
            units: z.number().min(0),
            /** which of the option's prices; instances: 'hour' (the default) */
            unit: PriceUnit.default('hour'),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
export type CostBasis = z.infer<typeof CostBasis>

export const CurrentCost = z
  .object({
    /** must equal Σ replicas × costPerReplicaHourUsd × 730 over the current architecture */
    monthlyUsd: z.number().min(0),
    basis: z.array(CostBasis).default([]),
  })
  .strict()
export type CurrentCost = z.infer<typeof CurrentCost>

// ---------------------------------------------------------------------------------------------
// Requirements

const RequirementBase = {
  id: ScenarioRefId,
  label: OneLine,
  description: Text.optional(),
}

export const Requirement = z.discriminatedUnion('kind', [
  z
    .object({
      ...RequirementBase,
      kind: z.literal('latency'),
      p99LatencyMs: z.number().positive(),
      p50LatencyMs: z.number().positive().optional(),
      /** where it is measured, e.g. "at the load balancer, per request" */
      scope: OneLine,
    })
    .strict(),
  z
    .object({
      ...RequirementBase,
      kind: z.literal('generation-latency'),
      ttftP99Ms: z.number().positive(),
      minOutputTokensPerSecondPerStream: z.number().positive(),
    })
    .strict(),
  z.object({ ...RequirementBase, kind: z.literal('throughput'), peakRps: z.number().positive() }).strict(),
  z
    .object({
      ...RequirementBase,
      kind: z.literal('batch'),
      itemsPerRun: z.number().int().positive(),
      windowHours: z.number().positive(),
    })
    .strict(),
  z
    .object({ ...RequirementBase, kind: z.literal('budget'), monthlyBudgetUsd: z.number().positive() })
    .strict(),
  z
    .object({
      ...RequirementBase,
      kind: z.literal('availability'),
      /** e.g. 0.9999; a fraction below 1 */
      availabilitySlo: z.number().gt(0).lt(1),
    })
    .strict(),
  z
    .object({
      ...RequirementBase,
      kind: z.literal('recovery'),
      rpoMinutes: z.number().min(0),
      rtoMinutes: z.number().min(0),
    })
    .strict(),
  z
    .object({ ...RequirementBase, kind: z.literal('freshness'), maxStalenessMinutes: z.number().positive() })
    .strict(),
  z.object({ ...RequirementBase, kind: z.literal('constraint'), description: Text }).strict(),
])
export type Requirement = z.infer<typeof Requirement>
export type RequirementKind = Requirement['kind']

// ---------------------------------------------------------------------------------------------
// Levels, checklist, guidance

export const ScenarioLevel = z
  .object({
    level: Level,
    /** the requirements that apply at this level */
    requirementIds: z.array(ScenarioRefId).min(1),
    /** what a hiring bar answer shows at this level */
    expectations: z.array(OneLine).min(1),
    /** the design phase's planned minutes, as the brief states them; must agree with phaseMinutes.design */
    designMinutes: z.number().int().min(15).max(180).optional(),
    /**
     * Planned minutes per phase at this level; a phase left out keeps DEFAULT_PHASE_MINUTES. A new
     * session copies the resolved minutes, so editing them later never changes a running interview.
     */
    phaseMinutes: PhaseMinutes.partial().optional(),
  })
  .strict()
  .refine(
    (l) =>
      l.designMinutes === undefined ||
      l.phaseMinutes?.design === undefined ||
      l.designMinutes === l.phaseMinutes.design,
    { path: ['phaseMinutes', 'design'], message: 'must equal designMinutes' },
  )
export type ScenarioLevel = z.infer<typeof ScenarioLevel>

export const ChecklistItem = z
  .object({
    id: ScenarioRefId,
    label: OneLine,
    /** what the exercise assesses with this item; the checklist is grouped by it */
    group: ChecklistGroup,
    description: Text.optional(),
    levels: z.array(Level).min(1),
    requirementIds: z.array(ScenarioRefId).default([]),
  })
  .strict()
export type ChecklistItem = z.infer<typeof ChecklistItem>

/** Interviewer-only. Never sent to a candidate (see CandidateScenario). */
export const ScenarioGuidance = z
  .object({
    /** the honest reading of the current state, e.g. where it saturates and why */
    bottleneck: Text,
    hints: z.array(z.object({ text: OneLine, when: OneLine.optional() }).strict()).default([]),
    followUps: z
      .array(z.object({ question: OneLine, levels: z.array(Level).optional() }).strict())
      .default([]),
    strongAnswers: z.array(OneLine).default([]),
    pitfalls: z.array(OneLine).default([]),
    /**
     * Requirement changes the interviewer may announce during the session ("traffic doubles in 6
     * months"), offered as one-click suggestions; `levels` absent: every level. Each fits
     * AddRequirementChangeBody (at most 300 characters).
     */
    requirementChanges: z
      .array(z.object({ text: OneLine, levels: z.array(Level).min(1).optional() }).strict())
      .default([]),
  })
  .strict()
export type ScenarioGuidance = z.infer<typeof ScenarioGuidance>

// ---------------------------------------------------------------------------------------------
// The scenario

const candidateFields = {
  id: ScenarioRefId,
  title: z.string().trim().min(1).max(120),
  summary: OneLine,
  /** the business context, markdown-ish */
  context: Text,
  growth: Growth,
  currentArchitecture: Architecture,
  metrics: ScenarioMetrics,
  currentCost: CurrentCost,
  options: z.array(InfrastructureOption).min(1),
  requirements: z.array(Requirement).min(1),
  levels: z.array(ScenarioLevel).min(1),
}

/**
 * The checklist is the interviewer's rubric: like the guidance, it never reaches a candidate or
 * an observer (the interviewer may share the result at feedback time).
 */
const ScenarioShape = z
  .object({ ...candidateFields, checklist: z.array(ChecklistItem).min(1), guidance: ScenarioGuidance })
  .strict()
const CandidateShape = z.object(candidateFields).strict()

type ReferencedScenario = z.infer<typeof CandidateShape> & {
  checklist?: ChecklistItem[]
  guidance?: ScenarioGuidance
}
type Ctx = z.RefinementCtx<ReferencedScenario>
type Path = (string | number)[]

/** Cross-references inside a scenario; arithmetic lives in @scaleboard/scenarios' consistency check. */
function checkReferences(s: ReferencedScenario, ctx: Ctx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message })
  const unique = (items: { id: string }[], at: string) => {
    const seen = new Set<string>()
    items.forEach((item, i) => {
      if (seen.has(item.id)) issue([at, i, 'id'], `duplicate id "${item.id}"`)
      seen.add(item.id)
    })
  }
  unique(s.requirements, 'requirements')
  unique(s.options, 'options')
  unique(s.checklist ?? [], 'checklist')
  const seriesIds = new Set<string>()
  s.metrics.series.forEach((series, i) => {
    if (seriesIds.has(series.id)) issue(['metrics', 'series', i, 'id'], `duplicate id "${series.id}"`)
    seriesIds.add(series.id)
  })

  const requirementIds = new Set(s.requirements.map((r) => r.id))
  const componentIds = new Set(s.currentArchitecture.components.map((c) => c.id))
  const optionsById = new Map(s.options.map((o) => [o.id, o]))
  const levels = new Set<string>()

  s.levels.forEach((l, i) => {
    if (levels.has(l.level)) issue(['levels', i, 'level'], `level "${l.level}" appears twice`)
    levels.add(l.level)
    l.requirementIds.forEach((id, j) => {
      if (!requirementIds.has(id)) issue(['levels', i, 'requirementIds', j], `unknown requirement "${id}"`)
    })
  })
  s.checklist?.forEach((item, i) => {
    item.levels.forEach((level, j) => {
      if (!levels.has(level)) issue(['checklist', i, 'levels', j], `level "${level}" is not offered`)
    })
    item.requirementIds.forEach((id, j) => {
      if (!requirementIds.has(id)) issue(['checklist', i, 'requirementIds', j], `unknown requirement "${id}"`)
    })
  })
  s.guidance?.followUps.forEach((f, i) => {
    f.levels?.forEach((level, j) => {
      if (!levels.has(level))
        issue(['guidance', 'followUps', i, 'levels', j], `level "${level}" is not offered`)
    })
  })

  s.guidance?.requirementChanges.forEach((change, i) => {
    change.levels?.forEach((level, j) => {
      if (!levels.has(level))
        issue(['guidance', 'requirementChanges', i, 'levels', j], `level "${level}" is not offered`)
    })
  })

  s.metrics.tiers.forEach((t, i) => {
    if (!componentIds.has(t.componentId))
      issue(['metrics', 'tiers', i, 'componentId'], `unknown component "${t.componentId}"`)
  })
  s.metrics.series.forEach((series, i) => {
    if (series.componentId !== undefined && !componentIds.has(series.componentId))
      issue(['metrics', 'series', i, 'componentId'], `unknown component "${series.componentId}"`)
  })

  s.currentCost.basis.forEach((b, i) => {
    if (!componentIds.has(b.componentId))
      issue(['currentCost', 'basis', i, 'componentId'], `unknown component "${b.componentId}"`)
    b.parts.forEach((part, j) => {
      const option = optionsById.get(part.optionId)
      if (!option) {
        issue(['currentCost', 'basis', i, 'parts', j, 'optionId'], `unknown option "${part.optionId}"`)
        return
      }
      if (!optionPrices(option).some((p) => p.unit === part.unit))
        issue(
          ['currentCost', 'basis', i, 'parts', j, 'unit'],
          `option "${option.id}" has no "${part.unit}" price`,
        )
    })
  })
}

export const Scenario = ScenarioShape.superRefine(checkReferences)
export type Scenario = z.infer<typeof Scenario>

/** Everything the candidate may see: the scenario without the interviewer's guidance and checklist. */
export const CandidateScenario = CandidateShape.superRefine(checkReferences)
export type CandidateScenario = z.infer<typeof CandidateScenario>

/** What a scenario list shows (organiser's session form). */
export const ScenarioSummary = z
  .object({
    id: ScenarioRefId,
    title: z.string(),
    summary: z.string(),
    levels: z.array(Level),
  })
  .strict()
export type ScenarioSummary = z.infer<typeof ScenarioSummary>

function round(n: number): number {
  return Math.round(n * 100) / 100
}
