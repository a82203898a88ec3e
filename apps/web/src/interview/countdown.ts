import { type TimerTone, timerTone } from '@scaleboard/interview'
import type { PhaseView, SessionView } from '@scaleboard/schema'

/**
 * The countdown as this browser shows it. The server sends `remainingMs` as of its own `serverNow`;
 * the browser counts down from the moment the view *arrived*, measured on its monotonic clock
 * (performance.now()). It never compares `endsAt` with its own time of day, so a browser whose
 * clock is minutes off still shows the server's countdown.
 */

/** A session view and when this browser received it. */
export interface ReceivedView {
  view: SessionView
  /** performance.now() at receipt: the origin of the local countdown */
  receivedAt: number
  /** the server's clock minus this browser's wall clock at receipt, in ms (for stamping, never for counting) */
  clockOffsetMs: number
}

export function receiveView(view: SessionView, perfNow: number, wallNow: number): ReceivedView {
  return { view, receivedAt: perfNow, clockOffsetMs: Date.parse(view.phase.serverNow) - wallNow }
}

/**
 * Which of two views to keep: the one the server produced later (its `serverNow`); on a tie the
 * one that arrived last. A slow answer to the initial GET never undoes a newer pushed change.
 */
export function newerView(current: ReceivedView | null, next: ReceivedView): ReceivedView {
  if (!current) return next
  return Date.parse(next.view.phase.serverNow) >= Date.parse(current.view.phase.serverNow) ? next : current
}

/** Planned time left at local monotonic time `now`; negative in overtime; null before the start and when done. */
export function remainingAt(phase: PhaseView, receivedAt: number, now: number): number | null {
  if (phase.remainingMs === null) return null
  if (phase.paused || phase.startedAt === null) return phase.remainingMs
  return phase.remainingMs - Math.max(0, now - receivedAt)
}

export type TimerStatus = 'not-started' | 'running' | 'paused' | 'done'

export interface TimerDisplay {
  status: TimerStatus
  tone: TimerTone
  /** "42:17", "1:05:00", "+03:12"; empty when done */
  clock: string
  /** what follows the clock in words: "overtime", "paused", "not started", "interview finished", "" */
  note: string
}

export function timerDisplay(phase: PhaseView, remainingMs: number | null): TimerDisplay {
  if (phase.name === 'done') return { status: 'done', tone: 'calm', clock: '', note: 'interview finished' }
  if (phase.startedAt === null || remainingMs === null) {
    return {
      status: 'not-started',
      tone: 'calm',
      clock: phase.plannedMs === null ? '' : formatDuration(phase.plannedMs),
      note: 'not started',
    }
  }
  const tone = timerTone(phase, remainingMs)
  const clock = countdownText(remainingMs)
  if (phase.paused) return { status: 'paused', tone, clock, note: 'paused' }
  return { status: 'running', tone, clock, note: tone === 'overtime' ? 'overtime' : '' }
}

/**
 * "mm:ss" (or "h:mm:ss") of the time left, rounded up so the clock reads 00:01 until the last
 * second has passed; in overtime "+mm:ss", counting up in whole seconds from +00:00.
 */
export function countdownText(remainingMs: number): string {
  if (remainingMs > 0) return formatDuration(Math.ceil(remainingMs / 1000) * 1000)
  return `+${formatDuration(Math.floor(-remainingMs / 1000) * 1000)}`
}

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`
  return hours > 0 ? `${hours}:${mmss}` : mmss
}

/** Milliseconds until `countdownText` changes: the next tick lands just after a whole second. */
export function msUntilNextTick(remainingMs: number): number {
  const intoSecond = ((remainingMs % 1000) + 1000) % 1000
  return (intoSecond === 0 ? 1000 : intoSecond) + 5
}
