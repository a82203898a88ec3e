/**
 * @scaleboard/analysis: live design analysis of a board (issue 10). Pure TypeScript, no I/O: the
 * web app and the server run the same code on the same records.
 *
 * - analyseBoard: board records + requirements (+ a what-if) → components, critical paths,
 *   totals, requirement checks and findings, JSON-safe (the REST answer's shape);
 * - analysisRequirements: a scenario's requirements at a level, as the analysis reads them;
 * - design lint: each rule a function of the analysed board;
 * - erlangC / mmcWait: the M/M/c queueing the latency model uses.
 *
 * The model, its assumptions and a worked example: docs/analysis.md. Records are read as tldraw
 * keeps them, immutable: what is read from a record object is cached for it, so a record must be
 * replaced, never mutated in place, between two analyses.
 */

export { type AnalyseOptions, analyseBoard, analyseGraph } from './analyseBoard.ts'
export {
  type BoardFlow,
  type BoardGraph,
  type BoardNode,
  type BoardRecords,
  type BoardRegion,
  readBoardGraph,
  type ScopeOption,
} from './board/boardGraph.ts'
export {
  AUTOSCALE_LOAD_VARIATION,
  DESIGN_LINT_RULES,
  designLint,
  type LintContext,
  type LintRule,
  STANDBY_RTO_MINUTES,
} from './lint/designLint.ts'
export { EXPONENTIAL_P99_OVER_P50 } from './model/componentModel.ts'
export { erlangC, mmcWait, type QueueWait } from './model/erlangC.ts'
export {
  type AnalysisRequirements,
  analysisRequirements,
  DEFAULT_TARGET_UTILISATION,
  type WhatIf,
} from './requirements.ts'
export {
  type AnalysisSettings,
  analysisSettings,
  describeAnalysisChange,
  describeWhatIf,
} from './session/analysisSession.ts'
export type {
  AnalysisScope,
  AnalysisTotals,
  BoardAnalysis,
  ComponentAnalysis,
  ComponentState,
  Finding,
  FindingSeverity,
  PathAnalysis,
  RequirementCheck,
  RequirementId,
  RequirementStatus,
} from './types.ts'
