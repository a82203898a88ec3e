import { PHASE_WARNING_MS, type PhaseView } from '@scaleboard/schema'

/** calm → warning (amber) at PHASE_WARNING_MS left → overtime (red) from the end on. */
export type TimerTone = 'calm' | 'warning' | 'overtime'

/**
 * What the timer's colour says: 'calm' while not started, done, or with more than
 * PHASE_WARNING_MS left; 'warning' from then; 'overtime' once the planned time is used up
 * (remaining ≤ 0: the clock reads +00:00). A paused phase keeps its tone, so a pause in the last
 * minutes still shows that time is short. `remainingMs` is the time left as the caller counts it
 * now (a browser counts down locally from the view's `remainingMs`).
 */
export function timerTone(view: PhaseView, remainingMs: number | null): TimerTone {
  if (view.name === 'done' || view.startedAt === null || remainingMs === null) return 'calm'
  if (remainingMs <= 0) return 'overtime'
  if (remainingMs <= PHASE_WARNING_MS) return 'warning'
  return 'calm'
}
