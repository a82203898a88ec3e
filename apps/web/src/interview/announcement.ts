import { PHASE_LABELS, type PhaseView } from '@scaleboard/schema'
import { formatDuration } from './countdown.ts'

/**
 * What the room is told when the phase or its clock changes, in a few words; null when nothing
 * worth a toast happened (the first view, a mere refresh of the same state).
 */
export function phaseAnnouncement(previous: PhaseView | null, next: PhaseView): string | null {
  if (!previous) return null
  const label = PHASE_LABELS[next.name]
  if (previous.name !== next.name) {
    if (next.name === 'done') return 'The interview is finished'
    return `Now: ${label}${next.startedAt ? '' : ' (not started)'}`
  }
  if (previous.startedAt === null && next.startedAt !== null) return `${label} started`
  if (!previous.paused && next.paused) return 'Timer paused'
  if (previous.paused && !next.paused) return 'Timer resumed'
  if (previous.plannedMs !== null && next.plannedMs !== null && next.plannedMs > previous.plannedMs)
    return `${formatMinutes(next.plannedMs - previous.plannedMs)} added to ${label}`
  return null
}

function formatMinutes(ms: number): string {
  const minutes = ms / 60_000
  return Number.isInteger(minutes) ? `${minutes} min` : formatDuration(ms)
}
