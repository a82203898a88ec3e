import type { CandidateScenario, Scenario, ScenarioSummary } from '@scaleboard/schema'

/** What the candidate may see: everything but the interviewer's guidance and checklist. */
export function toCandidateScenario(scenario: Scenario): CandidateScenario {
  const { guidance: _interviewerOnly, checklist: _rubric, ...candidate } = scenario
  return candidate
}

/** The line a scenario list shows. */
export function toScenarioSummary(scenario: Scenario): ScenarioSummary {
  return {
    id: scenario.id,
    title: scenario.title,
    summary: scenario.summary,
    levels: scenario.levels.map((l) => l.level),
  }
}
