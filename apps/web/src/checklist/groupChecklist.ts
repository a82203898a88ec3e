import {
  CHECKLIST_GROUP_LABELS,
  CHECKLIST_GROUPS,
  type ChecklistEntry,
  type ChecklistGroup,
  type ChecklistStatus,
} from '@scaleboard/schema'

export interface ChecklistSection {
  group: ChecklistGroup
  label: string
  items: ChecklistEntry[]
}

/** The checklist in the order of what the exercise assesses; groups without items are left out. */
export function groupChecklist(items: readonly ChecklistEntry[]): ChecklistSection[] {
  return CHECKLIST_GROUPS.map((group) => ({
    group,
    label: CHECKLIST_GROUP_LABELS[group],
    items: items.filter((item) => item.group === group),
  })).filter((section) => section.items.length > 0)
}

export const STATUS_LABELS: Record<ChecklistStatus, string> = {
  open: 'Open',
  partial: 'Partial',
  met: 'Met',
  missed: 'Missed',
}

export type StatusTally = Record<ChecklistStatus, number>

/** How many items have each status (an item without one counts as open). */
export function tallyStatuses(items: readonly ChecklistEntry[]): StatusTally {
  const tally: StatusTally = { open: 0, partial: 0, met: 0, missed: 0 }
  for (const item of items) tally[item.status ?? 'open'] += 1
  return tally
}

/** "3 met · 1 partial · 1 missed · 5 open", leaving out the zeros; "Nothing to tick yet" when empty. */
export function describeTally(tally: StatusTally): string {
  const parts = (['met', 'partial', 'missed', 'open'] as const)
    .filter((status) => tally[status] > 0)
    .map((status) => `${tally[status]} ${STATUS_LABELS[status].toLowerCase()}`)
  return parts.length > 0 ? parts.join(' · ') : 'Nothing to tick yet'
}
