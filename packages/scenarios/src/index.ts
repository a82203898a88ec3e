export {
  ANALYSIS_COST_TOLERANCE,
  ANALYSIS_UTILISATION_TOLERANCE,
  analyseCurrentState,
  checkAgainstAnalysis,
  componentsTheAnalysisDoesNotPrice,
  currentPeakRps,
} from './analysisCheck.ts'
export { checkScenarioDir, type ScenarioDirReport } from './checkScenarioDir.ts'
export {
  COST_TOLERANCE,
  type ConsistencyProblem,
  checkScenarioConsistency,
  currentMonthlyCost,
  hourlyCost,
  RATE_TOLERANCE,
  sampleAt,
  tierUtilisation,
  UTILISATION_TOLERANCE,
} from './consistency.ts'
export { formatFieldPath } from './formatIssues.ts'
export {
  loadScenario,
  loadScenarios,
  readScenarioDir,
  readScenarioFile,
  type ScenarioFileResult,
} from './loadScenarios.ts'
export { DEFAULT_SCENARIOS_DIR, SCENARIO_FILE } from './paths.ts'
export { ScenarioLoadError } from './ScenarioLoadError.ts'
export { toCandidateScenario, toScenarioSummary } from './views.ts'
