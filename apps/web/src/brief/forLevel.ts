import type {
  CandidateScenario,
  ChecklistItem,
  Level,
  Requirement,
  ScenarioGuidance,
  ScenarioLevel,
} from '@scaleboard/schema'

/**
 * A scenario is one exercise scaled by seniority: the session's level picks which requirements,
 * expectations, checklist items and follow-up questions apply. Without a level (or with one the
 * scenario doesn't offer) everything applies.
 */
export function levelOf(scenario: CandidateScenario, level: Level | null): ScenarioLevel | undefined {
  return scenario.levels.find((l) => l.level === level)
}

export function requirementsFor(scenario: CandidateScenario, level: Level | null): Requirement[] {
  const variant = levelOf(scenario, level)
  if (!variant) return scenario.requirements
  const ids = new Set(variant.requirementIds)
  return scenario.requirements.filter((r) => ids.has(r.id))
}

export function checklistFor(
  checklist: ChecklistItem[],
  scenario: CandidateScenario,
  level: Level | null,
): ChecklistItem[] {
  if (!levelOf(scenario, level)) return checklist
  return checklist.filter((item) => level !== null && item.levels.includes(level))
}

export function followUpsFor(guidance: ScenarioGuidance, level: Level | null): ScenarioGuidance['followUps'] {
  if (level === null) return guidance.followUps
  return guidance.followUps.filter((f) => !f.levels || f.levels.includes(level))
}
