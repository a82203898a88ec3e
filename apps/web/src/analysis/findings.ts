import type { Finding, FindingSeverity } from '@scaleboard/analysis'

/** One line of the findings list: a finding, or several of a kind folded into one. */
export interface FindingItem {
  key: string
  severity: FindingSeverity
  message: string
  shapeIds: string[]
  /** how many findings the line stands for */
  count: number
}

const ORDER: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 }

/** "X has no capacity…" repeats for every card of an early board: one line says it for all. */
const FOLDED_CODE = 'missing-figures'

/**
 * The findings as the panel lists them: errors, then warnings, then notes, each in the analysis's
 * order; the info-level "missing figures" findings folded into one line naming the components.
 */
export function groupFindings(
  findings: readonly Finding[],
  nameOf: (shapeId: string) => string,
): FindingItem[] {
  const folded = findings.filter((f) => f.code === FOLDED_CODE && f.severity === 'info')
  const items: FindingItem[] = findings
    .filter((f) => !folded.includes(f))
    .map((f, index) => ({
      key: `${f.code}:${f.shapeIds.join(',')}:${index}`,
      severity: f.severity,
      message: f.message,
      shapeIds: [...f.shapeIds],
      count: 1,
    }))
  if (folded.length === 1) {
    const [only] = folded as [Finding]
    items.push({
      key: FOLDED_CODE,
      severity: 'info',
      message: only.message,
      shapeIds: [...only.shapeIds],
      count: 1,
    })
  } else if (folded.length > 1) {
    const shapeIds = [...new Set(folded.flatMap((f) => f.shapeIds))]
    items.push({
      key: FOLDED_CODE,
      severity: 'info',
      message: `${folded.length} components lack figures (${listNames(shapeIds.map(nameOf))}): what depends on them shows as unknown.`,
      shapeIds,
      count: folded.length,
    })
  }
  // Array.prototype.sort is stable: within a severity the analysis's order stays
  return items.sort((a, b) => ORDER[a.severity] - ORDER[b.severity])
}

/** "A, B, C and 2 more" */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length <= max) return names.join(', ')
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`
}
