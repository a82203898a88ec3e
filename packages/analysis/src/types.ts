/*
 * What the analysis answers, shaped like `GET /api/sessions/:id/analysis` (issue 10). Numbers a
 * figure on the board does not support are `null` and the shapes behind them are named; a result
 * never holds NaN or Infinity, so it goes through JSON unchanged.
 */

import type { ComponentKind } from '@scaleboard/schema'

/**
 * How a component stands at the analysed peak:
 * - `ok`: within the target utilisation, or not capacity-bound (a client, object storage);
 * - `hot`: above the target utilisation, still below 1;
 * - `overloaded`: utilisation ≥ 1, the queue grows without bound;
 * - `down`: no replica left, or its region is lost (what-if);
 * - `unknown`: a figure the capacity needs is missing.
 */
export type ComponentState = 'ok' | 'hot' | 'overloaded' | 'down' | 'unknown'

export interface ComponentAnalysis {
  shapeId: string
  kind: ComponentKind
  name: string
  /** the region shape it sits in, if any */
  regionId: string | null
  /** requests per second arriving at peak */
  arrivalRps: number
  /** replicas after the what-if (lost replicas, lost region); the drawn count otherwise */
  replicas: number | null
  /** ρ = λ / (replicas × capacity per replica); null when not capacity-bound, unknown or down */
  utilisation: number | null
  /** the fewest replicas that keep ρ at or below the target utilisation */
  replicasNeeded: number | null
  /** mean M/M/c queueing wait; null when unknown or unbounded (overloaded) */
  queueWaitMs: number | null
  /** typical latency: service time (from p50) plus the mean queueing wait */
  latencyMs: number | null
  /** p99 estimate: the p99 service time plus the wait's own 99th percentile (docs/analysis.md) */
  p99LatencyMs: number | null
  /** 1 − (1 − a)^replicas; null when the card states no availability */
  availability: number | null
  /** replicas × $/replica-hour × 730 (drawn replicas); null when a needed figure is missing */
  monthlyCostUsd: number | null
  state: ComponentState
  /** figures this kind uses that the analysis needed and the card leaves empty */
  missingFigures: string[]
}

export interface PathAnalysis {
  /** the client the path starts at, then every component on it, in call order */
  shapeIds: string[]
  /** Σ typical latency along the path; null when a component on it is overloaded */
  latencyMs: number | null
  /** Σ p99 estimates along the path (conservative); null when a component on it is overloaded */
  p99LatencyMs: number | null
  /** components on the path whose latency is unknown (counted as 0) */
  unknownShapeIds: string[]
  /** components on the path at ρ ≥ 1 */
  overloadedShapeIds: string[]
}

export interface AnalysisTotals {
  /** the peak entering at the clients, after the what-if's traffic multiplier */
  peakRps: number
  /** Σ known monthly costs */
  monthlyCostUsd: number
  /** of the sync request path; null when nothing on it states an availability */
  availability: number | null
  /** the highest utilisation of any component; null when none is known */
  maxUtilisation: number | null
  /** the slowest client's critical path, p99 estimate; null when unknown or unbounded */
  p99LatencyMs: number | null
}

export type RequirementId = 'throughput' | 'latency' | 'budget' | 'availability'

/** met: green; near: amber (within 10 % of the target, or above the target utilisation); missed: red */
export type RequirementStatus = 'met' | 'near' | 'missed' | 'unknown'

export interface RequirementCheck {
  id: RequirementId
  text: string
  target: number
  value: number | null
  status: RequirementStatus
}

export type FindingSeverity = 'error' | 'warning' | 'info'

export interface Finding {
  code: string
  severity: FindingSeverity
  /** the shapes the finding is about; selecting them shows it on the board */
  shapeIds: string[]
  message: string
}

/** Which shapes were analysed: the candidate's design, the scenario's reference drawing, or both. */
export type AnalysisScope = 'design' | 'reference' | 'all'

export interface BoardAnalysis {
  scope: AnalysisScope
  components: ComponentAnalysis[]
  paths: PathAnalysis[]
  totals: AnalysisTotals
  requirements: RequirementCheck[]
  findings: Finding[]
}
