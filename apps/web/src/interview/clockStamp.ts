import type { SessionClockStamp } from '@scaleboard/schema'

/** "design +34:10": the domain's own wording, so every screen says the session clock the same way. */
export { formatClockStamp } from '@scaleboard/interview'

/** The stamp's wall-clock time for a tooltip, e.g. "14:32:05". */
export function clockStampTitle(stamp: SessionClockStamp): string {
  const date = new Date(stamp.at)
  return Number.isNaN(date.getTime()) ? stamp.at : date.toLocaleTimeString()
}
