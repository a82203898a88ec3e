import type { Level, RequirementChange, ScenarioGuidance, SessionMessage } from '@scaleboard/schema'

/** Records stamped with the session clock, newest first (stable for equal times: later added first). */
export function newestFirst<T extends { at: { at: string } }>(records: readonly T[]): T[] {
  return records
    .map((record, index) => ({ record, index, at: Date.parse(record.at.at) }))
    .sort((a, b) => b.at - a.at || b.index - a.index)
    .map(({ record }) => record)
}

/** The Q&A answers the interviewer marked as clarifying the brief. */
export function clarificationsOf(messages: readonly SessionMessage[] | null): SessionMessage[] {
  return (messages ?? []).filter((message) => message.clarification)
}

/**
 * The scenario's suggested requirement changes for the session's level that have not been made
 * yet (same text, ignoring case and surrounding space). Without a level every suggestion applies.
 */
export function suggestedChangesFor(
  guidance: ScenarioGuidance | undefined,
  level: Level | null,
  made: readonly RequirementChange[],
): string[] {
  const done = new Set(made.map((change) => normalise(change.text)))
  return (guidance?.requirementChanges ?? [])
    .filter((s) => level === null || !s.levels || s.levels.includes(level))
    .map((s) => s.text)
    .filter((text) => !done.has(normalise(text)))
}

const normalise = (text: string) => text.trim().toLowerCase()
