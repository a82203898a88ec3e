import type { DiffSubject } from '@scaleboard/schema'

/** One side of a diff entry before ordering: `name` is what entries are sorted by. */
export interface Described {
  subject: DiffSubject
  name: string
  summary: string
  details: string[]
}

/** "Ranking service: replicas 2 → 6, $/month +1,840" */
export function changedEntry(subject: DiffSubject, name: string, details: string[]): Described | undefined {
  if (details.length === 0) return undefined
  return { subject, name, summary: `${name}: ${details.join(', ')}`, details }
}

/** "detail “Flask” → “Triton”", "detail set to “Triton”", "detail removed (was “Flask”)" */
export function textChange(label: string, before: string, after: string, quoteText: (s: string) => string) {
  if (before === after) return undefined
  if (!before) return `${label} set to ${quoteText(after)}`
  if (!after) return `${label} removed (was ${quoteText(before)})`
  return `${label} ${quoteText(before)} → ${quoteText(after)}`
}
