import { z } from 'zod'

/**
 * The interview's phases, in order. The interviewer (or organiser) moves the session through
 * them; the server keeps the clock.
 */
export const PHASES = ['briefing', 'design', 'walkthrough', 'feedback', 'revision', 'done'] as const
export const Phase = z.enum(PHASES)
export type Phase = z.infer<typeof Phase>

/** Phases that have a planned duration ('done' has none). */
export const TimedPhase = z.enum(['briefing', 'design', 'walkthrough', 'feedback', 'revision'])
export type TimedPhase = z.infer<typeof TimedPhase>

/** Planned minutes per timed phase (fractions allowed: a rehearsal can run in seconds). */
export const PhaseMinutes = z
  .object({
    briefing: z.number().positive().max(600),
    design: z.number().positive().max(600),
    walkthrough: z.number().positive().max(600),
    feedback: z.number().positive().max(600),
    revision: z.number().positive().max(600),
  })
  .strict()
export type PhaseMinutes = z.infer<typeof PhaseMinutes>

/** The exercise's defaults; a scenario level or a session may override any of them. */
export const DEFAULT_PHASE_MINUTES: PhaseMinutes = {
  briefing: 10,
  design: 75,
  walkthrough: 15,
  feedback: 10,
  revision: 15,
}

export const PHASE_LABELS: Record<Phase, string> = {
  briefing: 'Briefing',
  design: 'Design',
  walkthrough: 'Walkthrough',
  feedback: 'Feedback',
  revision: 'Revision',
  done: 'Done',
}

/** A warning shows this long before a phase's planned end. */
export const PHASE_WARNING_MS = 5 * 60 * 1000

/**
 * `POST /api/sessions/:id/phase`: move to a phase (its clock starts at once), or control the
 * clock of the current one. `start` starts the current phase's clock (a new session waits in
 * 'briefing' with its clock not started).
 */
export const PhaseCommand = z.union([
  z.object({ phase: Phase }).strict(),
  z.object({ action: z.enum(['start', 'pause', 'resume']) }).strict(),
  z.object({ action: z.literal('extend'), minutes: z.number().positive().max(120) }).strict(),
])
export type PhaseCommand = z.infer<typeof PhaseCommand>

/**
 * The phase and its clock as everyone sees it. Times are the server's (ISO 8601); `serverNow`
 * lets a browser whose clock is off still count down correctly: it counts from
 * `remainingMs` at `serverNow`, never from its own idea of the time of day.
 */
export const PhaseView = z.object({
  name: Phase,
  /** when this phase's clock started; null before the interviewer starts it */
  startedAt: z.iso.datetime().nullable(),
  /** when the phase is planned to end (pauses included); null while not started, paused, or done */
  endsAt: z.iso.datetime().nullable(),
  paused: z.boolean(),
  /** planned time left at `serverNow`; negative in overtime; null before the start and when done */
  remainingMs: z.number().nullable(),
  /** the phase's planned length, extensions included, in ms; null for 'done' */
  plannedMs: z.number().nullable(),
  serverNow: z.iso.datetime(),
})
export type PhaseView = z.infer<typeof PhaseView>

/** One stored change of the phase or its clock: what revisions and replay build on. */
export const PhaseEvent = z.object({
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  author: z.enum(['candidate', 'interviewer', 'observer', 'organiser', 'system']),
  command: PhaseCommand,
})
export type PhaseEvent = z.infer<typeof PhaseEvent>

/**
 * The WebSocket message type of the session-state channel: the server sends
 * `varUint(SESSION_STATE_MESSAGE) varString(JSON of SessionStateMessage)` to every connection of a
 * session when its state changes, and once right after a connection joins. Only the server writes
 * it: a client frame of this type closes the connection as malformed.
 */
export const SESSION_STATE_MESSAGE = 100
