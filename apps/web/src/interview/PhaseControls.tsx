import {
  PHASE_LABELS,
  PHASES,
  type Phase,
  type PhaseCommand,
  type PhaseView,
  type SessionView,
} from '@scaleboard/schema'
import { Check, ChevronDown, ChevronRight, ListOrdered, Pause, Play, Plus, UserLock, X } from 'lucide-react'
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { ApiRequestError, sendPhaseCommand } from '../api.ts'
import { errorMessage } from '../useRequest.ts'

interface Props {
  sessionId: string
  token: string
  phase: PhaseView
  /** the session as the server answered the command */
  onView: (view: SessionView) => void
}

/** Minutes one click on "+5 min" adds to the current phase. */
const EXTEND_MINUTES = 5

/** The failure in plain words: what did not happen, and why. */
function commandError(what: string, error: unknown): string {
  const prefix = `Could not ${what}.`
  if (!(error instanceof ApiRequestError)) return `${prefix} ${errorMessage(error)}`
  switch (error.status) {
    case 0:
      return `${prefix} The server could not be reached: check your connection and try again.`
    case 401:
    case 403:
      return `${prefix} This link may not control the timer. Ask the organiser for an interviewer link.`
    case 409:
      return `${prefix} ${error.message} The timer shows the current state.`
    case 429:
      return `${prefix} Too many changes in a short time: wait a moment and try again.`
    default:
      return `${prefix} ${error.message}`
  }
}

/**
 * The interviewer's clock controls: start, pause/resume, +5 min, next phase, and a menu to go to
 * any phase. Only interviewer links render them (and the server refuses everyone else); they are
 * marked so the interviewer knows the candidate does not see them.
 */
export function PhaseControls({ sessionId, token, phase, onView }: Props) {
  const [pending, setPending] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function send(command: PhaseCommand, what: string) {
    if (pending) return
    setPending(what)
    setError(null)
    try {
      onView(await sendPhaseCommand(sessionId, token, command))
    } catch (failure) {
      setError(commandError(what, failure))
    } finally {
      setPending(null)
    }
  }

  const index = PHASES.indexOf(phase.name)
  const next: Phase | undefined = PHASES[index + 1]
  const started = phase.startedAt !== null
  const done = phase.name === 'done'
  // aria-disabled rather than disabled while a command runs: the focused button keeps focus.
  const busy = pending !== null

  return (
    <fieldset
      className="phase-controls"
      aria-label="Timer controls (interviewer only)"
      aria-busy={busy}
      data-testid="phase-controls"
    >
      <span
        className="phase-controls__tag"
        title="Only interviewers see these controls. The candidate and observers see the timer only."
      >
        <UserLock size={14} aria-hidden />
        <span className="phase-controls__tag-text">Interviewer only</span>
      </span>
      {!done && !started && (
        <button
          type="button"
          className="sb-button sb-button--small sb-button--primary"
          aria-disabled={busy}
          onClick={() =>
            send({ action: 'start' }, `start the ${PHASE_LABELS[phase.name].toLowerCase()} clock`)
          }
        >
          <Play size={14} aria-hidden /> Start
        </button>
      )}
      {!done && started && !phase.paused && (
        <button
          type="button"
          className="sb-button sb-button--small"
          aria-disabled={busy}
          onClick={() => send({ action: 'pause' }, 'pause the timer')}
        >
          <Pause size={14} aria-hidden /> Pause
        </button>
      )}
      {!done && started && phase.paused && (
        <button
          type="button"
          className="sb-button sb-button--small sb-button--primary"
          aria-disabled={busy}
          onClick={() => send({ action: 'resume' }, 'resume the timer')}
        >
          <Play size={14} aria-hidden /> Resume
        </button>
      )}
      {!done && started && (
        <button
          type="button"
          className="sb-button sb-button--small"
          aria-disabled={busy}
          title={`Add ${EXTEND_MINUTES} minutes to this phase`}
          onClick={() => send({ action: 'extend', minutes: EXTEND_MINUTES }, `add ${EXTEND_MINUTES} minutes`)}
        >
          <Plus size={14} aria-hidden /> {EXTEND_MINUTES} min
        </button>
      )}
      {next && (
        <button
          type="button"
          className="sb-button sb-button--small"
          aria-disabled={busy}
          title={
            next === 'done'
              ? 'End the interview (the board stays open)'
              : `Move to ${PHASE_LABELS[next]}; its clock starts at once`
          }
          onClick={() => send({ phase: next }, `move to ${PHASE_LABELS[next].toLowerCase()}`)}
        >
          Next: {PHASE_LABELS[next]} <ChevronRight size={14} aria-hidden />
        </button>
      )}
      <PhaseMenu
        current={phase.name}
        busy={busy}
        onPick={(picked) => send({ phase: picked }, `move to ${PHASE_LABELS[picked].toLowerCase()}`)}
      />
      {error && (
        <div className="phase-controls__error sb-alert sb-alert--error" role="alert">
          <span>{error}</span>
          <button
            type="button"
            className="phase-controls__dismiss"
            aria-label="Dismiss this message"
            onClick={() => setError(null)}
          >
            <X size={14} aria-hidden />
          </button>
        </div>
      )}
    </fieldset>
  )
}

/** "Phases ▾": a list of every phase to jump to (the current one is marked and cannot be picked). */
function PhaseMenu({
  current,
  busy,
  onPick,
}: {
  current: Phase
  busy: boolean
  onPick: (phase: Phase) => void
}) {
  const [open, setOpen] = useState(false)
  const wrap = useRef<HTMLDivElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)
  const listId = useId()

  useEffect(() => {
    if (!open) return
    menuItems(wrap.current)[0]?.focus()
    // Closes when a click or the focus goes anywhere else.
    const onOutside = (event: Event) => {
      if (!wrap.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onOutside)
    document.addEventListener('focusin', onOutside)
    return () => {
      document.removeEventListener('pointerdown', onOutside)
      document.removeEventListener('focusin', onOutside)
    }
  }, [open])

  function close() {
    setOpen(false)
    toggle.current?.focus()
  }

  function onKeyDown(event: KeyboardEvent) {
    if (!open) return
    if (event.key === 'Escape') {
      event.stopPropagation()
      close()
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const list = menuItems(wrap.current)
      const at = list.indexOf(document.activeElement as HTMLButtonElement)
      const step = event.key === 'ArrowDown' ? 1 : -1
      list[(at + step + list.length) % list.length]?.focus()
    }
  }

  return (
    <div className="phase-menu" ref={wrap}>
      <button
        ref={toggle}
        type="button"
        className="sb-button sb-button--small"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        title="Go to any phase"
        onClick={() => setOpen((was) => !was)}
        onKeyDown={onKeyDown}
      >
        <ListOrdered size={14} aria-hidden className="phase-menu__icon" />
        <span className="phase-menu__text">Phases</span> <ChevronDown size={14} aria-hidden />
      </button>
      {open && (
        <div id={listId} className="phase-menu__list">
          <p className="phase-menu__hint" id={`${listId}-hint`}>
            Go to a phase. Its clock starts at once.
          </p>
          {PHASES.map((phase, i) => (
            <button
              aria-describedby={`${listId}-hint`}
              onKeyDown={onKeyDown}
              key={phase}
              type="button"
              className="phase-menu__item"
              disabled={phase === current}
              aria-current={phase === current ? 'step' : undefined}
              aria-disabled={busy || undefined}
              onClick={() => {
                if (busy) return
                close()
                onPick(phase)
              }}
            >
              <span className="phase-menu__index" aria-hidden>
                {i + 1}
              </span>
              <span className="phase-menu__label">{PHASE_LABELS[phase]}</span>
              {phase === current && (
                <span className="phase-menu__current">
                  <Check size={14} aria-hidden /> now
                </span>
              )}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}

function menuItems(wrap: HTMLElement | null): HTMLButtonElement[] {
  return Array.from(wrap?.querySelectorAll<HTMLButtonElement>('.phase-menu__item:not([disabled])') ?? [])
}
