import {
  applyPhaseCommand,
  type PhaseClock,
  phaseClockFromEvents,
  phaseView,
  sessionClockStamp,
} from '@scaleboard/interview'
import {
  type Phase,
  type PhaseCommand,
  type PhaseEvent,
  SESSION_STATE_MESSAGE,
  type SessionChangedMessage,
  type SessionClockStamp,
  type SessionStateMessage,
  type SessionView,
} from '@scaleboard/schema'
import type { SessionRecord, Storage } from '@scaleboard/storage'
import * as encoding from 'lib0/encoding'
import { resolveSessionMinutes } from './phaseMinutes.ts'

/**
 * The server's side of the interview's live state: the phase and its clock, rebuilt from the
 * stored phase events, changed only through `command`, and pushed to every connection of the
 * session over the session-state channel. Commands of one session run one at a time, so two
 * clicks never both apply to the same old clock.
 */
export interface SessionState {
  view(session: SessionRecord): Promise<SessionView>
  /** Applies, stores and broadcasts a command; throws PhaseCommandError when it does not apply now. */
  command(session: SessionRecord, command: PhaseCommand, author: PhaseEvent['author']): Promise<SessionView>
  /** The channel frame carrying `view`. */
  frame(view: SessionView): Uint8Array
  /** Where the session's clock stands now ("design +34:10"): what notes, messages and ticks are stamped with. */
  stamp(session: SessionRecord): Promise<SessionClockStamp>
  /** Tells every open board of the session that a resource changed, so it refetches it. */
  changed(sessionId: string, what: SessionChangedMessage['what']): void
}

export interface SessionStateDeps {
  storage: Storage
  /** Sends a frame to every live connection of a session (RoomRegistry.broadcast). */
  broadcast: (sessionId: string, frame: Uint8Array) => void
  /**
   * Called after a command took the interview out of a phase (e.g. design → walkthrough), before
   * the command answers: where the revision of the phase's end is taken. A failure is logged and
   * does not undo the phase change.
   */
  onPhaseLeft?: (session: SessionRecord, left: Phase, at: number) => Promise<void>
  now?: () => number
}

export function createSessionState({
  storage,
  broadcast,
  onPhaseLeft,
  now = Date.now,
}: SessionStateDeps): SessionState {
  const queues = new Map<string, Promise<unknown>>()

  async function clockOf(session: SessionRecord): Promise<PhaseClock> {
    const events = await storage.listPhaseEvents(session.id)
    return phaseClockFromEvents(events, resolveSessionMinutes(session))
  }

  function toView(session: SessionRecord, clock: PhaseClock): SessionView {
    return {
      id: session.id,
      title: session.title,
      scenarioId: session.scenarioId,
      level: session.level,
      candidateName: session.candidateName,
      phase: phaseView(clock, now()),
    }
  }

  function encode(message: SessionStateMessage | SessionChangedMessage): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, SESSION_STATE_MESSAGE)
    encoding.writeVarString(encoder, JSON.stringify(message))
    return encoding.toUint8Array(encoder)
  }

  function frame(view: SessionView): Uint8Array {
    return encode({ type: 'session', session: view })
  }

  /** Runs `task` after every earlier task of the same session. */
  function serialised<T>(sessionId: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(sessionId) ?? Promise.resolve()
    const next = previous.then(task, task)
    const settled = next.catch(() => {})
    queues.set(sessionId, settled)
    void settled.then(() => {
      if (queues.get(sessionId) === settled) queues.delete(sessionId)
    })
    return next
  }

  return {
    frame,
    async stamp(session) {
      return sessionClockStamp(await clockOf(session), now())
    },
    changed(sessionId, what) {
      broadcast(sessionId, encode({ type: 'changed', what }))
    },
    async view(session) {
      return toView(session, await clockOf(session))
    },
    command(session, command, author) {
      return serialised(session.id, async () => {
        const at = now()
        const before = await clockOf(session)
        const next = applyPhaseCommand(before, command, at, resolveSessionMinutes(session))
        await storage.appendPhaseEvent(session.id, { at, author, command })
        const view = toView(session, next)
        broadcast(session.id, frame(view))
        if (next.phase !== before.phase && onPhaseLeft)
          await onPhaseLeft(session, before.phase, at).catch((error: unknown) =>
            console.error(`[session ${session.id}] no revision at the end of ${before.phase}`, error),
          )
        return view
      })
    },
  }
}
