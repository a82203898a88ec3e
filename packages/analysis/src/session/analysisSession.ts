import type { AnalysisChange, WhatIf } from '@scaleboard/schema'

/** The analysis settings in force in a session: shown to everyone or not, and the injection. */
export interface AnalysisSettings {
  shown: boolean
  whatIf: WhatIf | null
}

/** The settings after replaying a session's stored changes in order (a new session: hidden, none). */
export function analysisSettings(changes: Iterable<{ change: AnalysisChange }>): AnalysisSettings {
  const settings: AnalysisSettings = { shown: false, whatIf: null }
  for (const { change } of changes) {
    switch (change.kind) {
      case 'what-if':
        settings.whatIf = change.whatIf
        break
      case 'what-if-cleared':
        settings.whatIf = null
        break
      case 'shown':
        settings.shown = change.shown
        break
      default:
        change satisfies never
    }
  }
  return settings
}

/**
 * An injection in words, for the board's chip and the replay's timeline: "traffic × 10, cold
 * cache, eu-west-1 lost". `nameOf` names a shape (a region, a component) when it is known.
 */
export function describeWhatIf(
  whatIf: WhatIf,
  nameOf: (shapeId: string) => string | undefined = () => undefined,
): string {
  const parts: string[] = []
  if (whatIf.trafficMultiplier !== undefined && whatIf.trafficMultiplier !== 1)
    parts.push(`traffic × ${formatNumber(whatIf.trafficMultiplier)}`)
  for (const id of whatIf.lostRegionIds ?? []) parts.push(`${nameOf(id) ?? 'a region'} lost`)
  if (whatIf.coldCache) parts.push('cold cache')
  if (whatIf.extraModelLatencyMs) parts.push(`model latency + ${formatNumber(whatIf.extraModelLatencyMs)} ms`)
  const lost = new Map<string, number>()
  for (const id of whatIf.lostReplicaShapeIds ?? []) lost.set(id, (lost.get(id) ?? 0) + 1)
  for (const [id, count] of lost)
    parts.push(`${nameOf(id) ?? 'a component'} loses ${count === 1 ? 'a replica' : `${count} replicas`}`)
  return parts.length > 0 ? parts.join(', ') : 'no change'
}

/** A stored change in words, for the replay's timeline. */
export function describeAnalysisChange(
  change: AnalysisChange,
  nameOf?: (shapeId: string) => string | undefined,
): string {
  switch (change.kind) {
    case 'what-if':
      return `What-if: ${describeWhatIf(change.whatIf, nameOf)}`
    case 'what-if-cleared':
      return 'What-if reset'
    case 'shown':
      return change.shown ? 'Analysis shown to everyone' : 'Analysis hidden from the candidate'
  }
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : String(Number(value.toFixed(2)))
}
