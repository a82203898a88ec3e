import type {
  Checklist,
  ChecklistEntry,
  ChecklistItem,
  ChecklistStatus,
  Level,
  SessionClockStamp,
} from '@scaleboard/schema'

/** What is stored about one checklist item: its status, the interviewer's note, and when it last changed. */
export interface ChecklistItemState {
  status?: ChecklistStatus
  note?: string
  changedAt: SessionClockStamp
}

/** The scenario's checklist for a level (items whose levels include it; all items when level is null), as entries with source 'scenario', in scenario order, without status. */
export function scenarioChecklist(
  items: ReadonlyArray<ChecklistItem>,
  level: Level | null,
): ChecklistEntry[] {
  return items
    .filter((item) => level === null || item.levels.includes(level))
    .map((item) => ({ id: item.id, text: item.label, group: item.group, source: 'scenario' }))
}

/**
 * Merges base entries, interviewer-added items and the stored states into the view; `withState`
 * false drops status, note and changedAt. With state, an item nobody has touched is 'open'.
 * An added item whose id repeats a base item's is left out (the base item wins).
 */
export function checklistView(
  base: ReadonlyArray<ChecklistEntry>,
  added: ReadonlyArray<ChecklistEntry>,
  states: ReadonlyMap<string, ChecklistItemState>,
  shared: boolean,
  withState: boolean,
): Checklist {
  const seen = new Set<string>()
  const items: ChecklistEntry[] = []
  for (const entry of [...base, ...added]) {
    if (seen.has(entry.id)) continue
    seen.add(entry.id)
    const { status: _status, note: _note, changedAt: _changedAt, ...bare } = entry
    if (!withState) {
      items.push(bare)
      continue
    }
    const state = states.get(entry.id)
    items.push({
      ...bare,
      status: state?.status ?? 'open',
      ...(state?.note !== undefined ? { note: state.note } : {}),
      ...(state ? { changedAt: state.changedAt } : {}),
    })
  }
  return { items, shared }
}
