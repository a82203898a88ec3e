import { PHASE_LABELS } from '@scaleboard/schema'
import { Flag, Pause, Timer } from 'lucide-react'
import { type ReceivedView, remainingAt, timerDisplay } from './countdown.ts'
import { useCountdownNow } from './useSessionState.ts'

interface Props {
  received: ReceivedView | null
  /** why the session state could not be loaded, while there is none */
  error: string | null
}

const HINTS = {
  'not-started': 'The interviewer has not started this phase’s clock yet.',
  running: 'Time left in this phase. The server keeps the clock; overtime never stops anyone.',
  paused: 'The interviewer paused the clock.',
  done: 'All phases are over. The board stays open.',
} as const

/**
 * The phase and its countdown, the same for every role: calm, amber from 5 minutes left, red at
 * 0 with overtime counting up. It only informs: nothing here ever blocks the board.
 */
export function PhaseTimer({ received, error }: Props) {
  const now = useCountdownNow(received)
  if (!received) {
    return (
      <div
        className="phase-timer phase-timer--calm phase-timer--unavailable"
        data-testid="phase-timer"
        data-status="unavailable"
        title={error ? `The timer could not be loaded: ${error}` : 'Loading the timer…'}
      >
        <Timer size={15} aria-hidden />
        <span className="phase-timer__note">{error ? 'Timer unavailable' : 'Loading timer…'}</span>
      </div>
    )
  }
  const { phase } = received.view
  const display = timerDisplay(phase, remainingAt(phase, received.receivedAt, now))
  const Icon = display.status === 'paused' ? Pause : display.status === 'done' ? Flag : Timer
  return (
    <div
      role="timer"
      className={`phase-timer phase-timer--${display.tone} phase-timer--${display.status}`}
      data-testid="phase-timer"
      data-phase={phase.name}
      data-status={display.status}
      data-tone={display.tone}
      title={HINTS[display.status]}
    >
      <Icon size={15} aria-hidden className="phase-timer__icon" />
      <span className="phase-timer__phase">{PHASE_LABELS[phase.name]}</span>
      {display.clock && (
        <span className="phase-timer__clock" data-testid="phase-clock">
          {display.clock}
        </span>
      )}
      {display.note && <span className="phase-timer__note">{display.note}</span>}
    </div>
  )
}
