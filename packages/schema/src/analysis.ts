import { z } from 'zod'
import { ComponentKind } from './component.ts'

/*
 * Live design analysis (issue 10): the shapes of its REST answers and of the interviewer's what-if
 * injections. @scaleboard/analysis computes them; its TypeScript types match these schemas.
 */

const nullableNonNegative = z.number().min(0).nullable()

export const ComponentState = z.enum(['ok', 'hot', 'overloaded', 'down', 'unknown'])
export type ComponentState = z.infer<typeof ComponentState>

export const ComponentAnalysis = z.object({
  shapeId: z.string(),
  kind: ComponentKind,
  name: z.string(),
  regionId: z.string().nullable(),
  arrivalRps: z.number().min(0),
  replicas: z.number().int().min(0).nullable(),
  /** may exceed 1: the queue then grows without bound */
  utilisation: nullableNonNegative,
  replicasNeeded: z.number().int().min(0).nullable(),
  /** the mean M/M/c wait */
  queueWaitMs: nullableNonNegative,
  latencyMs: nullableNonNegative,
  p99LatencyMs: nullableNonNegative,
  availability: z.number().min(0).max(1).nullable(),
  monthlyCostUsd: nullableNonNegative,
  state: ComponentState,
  missingFigures: z.array(z.string()),
})
export type ComponentAnalysis = z.infer<typeof ComponentAnalysis>

export const PathAnalysis = z.object({
  shapeIds: z.array(z.string()).min(2),
  latencyMs: nullableNonNegative,
  p99LatencyMs: nullableNonNegative,
  unknownShapeIds: z.array(z.string()),
  overloadedShapeIds: z.array(z.string()),
})
export type PathAnalysis = z.infer<typeof PathAnalysis>

export const AnalysisTotals = z.object({
  peakRps: z.number().min(0),
  monthlyCostUsd: z.number().min(0),
  availability: z.number().min(0).max(1).nullable(),
  maxUtilisation: nullableNonNegative,
  p99LatencyMs: nullableNonNegative,
})
export type AnalysisTotals = z.infer<typeof AnalysisTotals>

/** met: green; near: amber; missed: red; unknown: a figure it needs is missing */
export const RequirementStatus = z.enum(['met', 'near', 'missed', 'unknown'])
export type RequirementStatus = z.infer<typeof RequirementStatus>

export const RequirementCheck = z.object({
  id: z.enum(['throughput', 'latency', 'budget', 'availability']),
  text: z.string(),
  target: z.number(),
  value: z.number().nullable(),
  status: RequirementStatus,
})
export type RequirementCheck = z.infer<typeof RequirementCheck>

export const FindingSeverity = z.enum(['error', 'warning', 'info'])
export type FindingSeverity = z.infer<typeof FindingSeverity>

export const Finding = z.object({
  code: z.string(),
  severity: FindingSeverity,
  shapeIds: z.array(z.string()),
  message: z.string(),
})
export type Finding = z.infer<typeof Finding>

/** `GET /api/sessions/:id/analysis` (and `?revision=<revId>`) */
export const BoardAnalysis = z.object({
  scope: z.enum(['design', 'reference', 'all']),
  components: z.array(ComponentAnalysis),
  paths: z.array(PathAnalysis),
  totals: AnalysisTotals,
  requirements: z.array(RequirementCheck),
  findings: z.array(Finding),
})
export type BoardAnalysis = z.infer<typeof BoardAnalysis>

/** An injection the interviewer runs during the walkthrough; every field optional, all combine. */
export const WhatIf = z
  .object({
    /** traffic × N at the clients and on every stated rate */
    trafficMultiplier: z.number().positive().max(1000).optional(),
    /** region shapes whose components are all down (a region or zone lost) */
    lostRegionIds: z.array(z.string().min(1).max(100)).max(50).optional(),
    /** caches and CDNs hit nothing */
    coldCache: z.boolean().optional(),
    /** added to every model server's p50 and p99 */
    extraModelLatencyMs: z.number().min(0).max(600_000).optional(),
    /** each listed component loses one replica (list an id twice to lose two) */
    lostReplicaShapeIds: z.array(z.string().min(1).max(100)).max(1000).optional(),
  })
  .strict()
export type WhatIf = z.infer<typeof WhatIf>

/** `POST /api/sessions/:id/what-if`: apply an injection (replacing the current one), or clear it. */
export const WhatIfBody = z.union([
  z.object({ whatIf: WhatIf }).strict(),
  z.object({ clear: z.literal(true) }).strict(),
])
export type WhatIfBody = z.infer<typeof WhatIfBody>

/** `POST /api/sessions/:id/analysis/share`: show the analysis to everyone, or to the interviewer's side only. */
export const ShareAnalysisBody = z.object({ shown: z.boolean() }).strict()

/**
 * The requirements the analysis checks, from the session's scenario and level (null targets: the
 * scenario states none). What `analyseBoard` takes besides the records.
 */
export const AnalysisTargets = z.object({
  peakRps: z.number().min(0),
  targetUtilisation: z.number().gt(0).max(1).optional(),
  p99TargetMs: z.number().positive().optional(),
  monthlyBudgetUsd: z.number().positive().optional(),
  availabilitySlo: z.number().gt(0).lt(1).optional(),
  rpoMinutes: z.number().min(0).optional(),
  rtoMinutes: z.number().min(0).optional(),
  loadVariation: z.number().positive().optional(),
})
export type AnalysisTargets = z.infer<typeof AnalysisTargets>

/**
 * `GET /api/sessions/:id/analysis/state`: what a browser needs to compute the analysis itself from
 * its board (debounced, on document changes): the targets, the injection in force, and whether the
 * interviewer shows it to everyone. The candidate and observers get it only while it is shown
 * (403 `analysis_not_shown` otherwise): an injection is the interviewer's until then.
 */
export const AnalysisState = z.object({
  shown: z.boolean(),
  whatIf: WhatIf.nullable(),
  targets: AnalysisTargets.nullable(),
})
export type AnalysisState = z.infer<typeof AnalysisState>

/** One stored change of the session's analysis: an injection, its reset, showing or hiding it. */
export const AnalysisChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('what-if'), whatIf: WhatIf }).strict(),
  z.object({ kind: z.literal('what-if-cleared') }).strict(),
  z.object({ kind: z.literal('shown'), shown: z.boolean() }).strict(),
])
export type AnalysisChange = z.infer<typeof AnalysisChange>
