import type { SessionClockStamp } from '@scaleboard/schema'
import { elapsedMs, type PhaseClock } from './phaseClock.ts'

/** The session clock at server time `at`: the phase and the time since its clock started (pauses excluded; null before the start). */
export function sessionClockStamp(clock: PhaseClock, at: number): SessionClockStamp {
  return { at: new Date(at).toISOString(), phase: clock.phase, phaseElapsedMs: elapsedMs(clock, at) }
}

/** "design +34:10" (h:mm:ss past an hour); "briefing, not started" when phaseElapsedMs is null. */
export function formatClockStamp(stamp: SessionClockStamp): string {
  if (stamp.phaseElapsedMs === null) return `${stamp.phase}, not started`
  const totalSeconds = Math.floor(Math.max(0, stamp.phaseElapsedMs) / 1000)
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  const time = hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`
  return `${stamp.phase} +${time}`
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
