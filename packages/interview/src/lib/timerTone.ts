import { PHASE_WARNING_MS, type PhaseView } from '@scaleboard/schema'

export type TimerTone = 'idle' | 'normal' | 'warning' | 'overtime'

/**
 * What the timer's colour says: 'idle' while not started, paused or done; 'overtime' once the
 * planned time is over (remaining < 0); 'warning' with PHASE_WARNING_MS or less left; else
 * 'normal'. `remainingMs` is the time left as the caller counts it now (a browser counts down
 * locally from the view's `remainingMs`).
 */
export function timerTone(view: PhaseView, remainingMs: number | null): TimerTone {
  if (view.name === 'done' || view.startedAt === null || view.paused || remainingMs === null) return 'idle'
  if (remainingMs < 0) return 'overtime'
  if (remainingMs <= PHASE_WARNING_MS) return 'warning'
  return 'normal'
}
