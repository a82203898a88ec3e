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

// ---------------------------------------------------------------------------------------------
// The interviewer's rubric, private notes, the Q&A thread and the feedback

/** What the exercise assesses; the checklist is grouped by it. */
export const CHECKLIST_GROUPS = [
  'bottlenecks',
  'requirements',
  'scaling',
  'technology',
  'migration',
  'operations',
  'tradeoffs',
] as const
export const ChecklistGroup = z.enum(CHECKLIST_GROUPS)
export type ChecklistGroup = z.infer<typeof ChecklistGroup>

export const CHECKLIST_GROUP_LABELS: Record<ChecklistGroup, string> = {
  bottlenecks: 'Bottlenecks addressed',
  requirements: 'Latency, throughput, budget and reliability met',
  scaling: 'Horizontal and vertical scaling',
  technology: 'Technology choices justified',
  migration: 'Migration plan',
  operations: 'Monitoring, failover and DR',
  tradeoffs: 'Trade-offs defended, open to alternatives',
}

export const ChecklistStatus = z.enum(['open', 'partial', 'met', 'missed'])
export type ChecklistStatus = z.infer<typeof ChecklistStatus>

/** When something happened, on the session's clock: shown as e.g. "design +34:10". */
export const SessionClockStamp = z.object({
  at: z.iso.datetime(),
  phase: Phase,
  /** time since the phase's clock started (pauses excluded); null before it started */
  phaseElapsedMs: z.number().nullable(),
})
export type SessionClockStamp = z.infer<typeof SessionClockStamp>

export const ChecklistEntry = z.object({
  id: z.string(),
  text: z.string(),
  group: ChecklistGroup,
  /** from the scenario, or added by the interviewer during the session */
  source: z.enum(['scenario', 'interviewer']),
  /** status, note and changedAt reach only the interviewer and organiser, or everyone once shared */
  status: ChecklistStatus.optional(),
  note: z.string().optional(),
  changedAt: SessionClockStamp.optional(),
})
export type ChecklistEntry = z.infer<typeof ChecklistEntry>

/** `GET /api/sessions/:id/checklist` */
export const Checklist = z.object({ items: z.array(ChecklistEntry), shared: z.boolean() })
export type Checklist = z.infer<typeof Checklist>

/** `POST /api/sessions/:id/checklist` */
export const AddChecklistItemBody = z
  .object({ text: z.string().trim().min(1).max(300), group: ChecklistGroup.optional() })
  .strict()
export type AddChecklistItemBody = z.infer<typeof AddChecklistItemBody>

/** `PATCH /api/sessions/:id/checklist/:itemId` */
export const UpdateChecklistItemBody = z
  .object({ status: ChecklistStatus.optional(), note: z.string().trim().max(2000).optional() })
  .strict()
  .refine((body) => body.status !== undefined || body.note !== undefined, 'send a status, a note, or both')
export type UpdateChecklistItemBody = z.infer<typeof UpdateChecklistItemBody>

/** `POST /api/sessions/:id/checklist/share`: show the checklist's result to everyone (feedback time). */
export const ShareChecklistBody = z.object({ shared: z.boolean() }).strict()

/** A private interviewer note: `GET|POST /api/sessions/:id/notes` (interviewer and organiser only). */
export const InterviewerNote = z.object({
  id: z.string(),
  text: z.string(),
  itemId: z.string().nullable(),
  at: SessionClockStamp,
})
export type InterviewerNote = z.infer<typeof InterviewerNote>

export const AddNoteBody = z
  .object({ text: z.string().trim().min(1).max(5000), itemId: z.string().min(1).max(100).optional() })
  .strict()
export type AddNoteBody = z.infer<typeof AddNoteBody>

/** One post of the Q&A thread: `GET|POST /api/sessions/:id/messages`. */
export const SessionMessage = z.object({
  id: z.string(),
  author: z.enum(['candidate', 'interviewer', 'organiser']),
  text: z.string(),
  at: SessionClockStamp,
  /** an interviewer's answer marked as a clarification of the brief (it shows in the brief) */
  clarification: z.boolean(),
})
export type SessionMessage = z.infer<typeof SessionMessage>

export const PostMessageBody = z
  .object({
    text: z.string().trim().min(1).max(2000),
    /** interviewer and organiser only: this answer clarifies the brief */
    clarification: z.boolean().optional(),
  })
  .strict()
export type PostMessageBody = z.infer<typeof PostMessageBody>

/**
 * A requirement the interviewer adds during the session ("traffic doubles in 6 months"): public,
 * unlike the checklist. It shows at once in everyone's brief, marked as new with its time, and
 * comes with a checklist item (`checklistItemId`) the interviewer rates like any other.
 * `GET|POST /api/sessions/:id/requirements`.
 */
export const RequirementChange = z.object({
  id: z.string(),
  text: z.string(),
  at: SessionClockStamp,
  checklistItemId: z.string(),
})
export type RequirementChange = z.infer<typeof RequirementChange>

/** `POST /api/sessions/:id/requirements` (interviewer and organiser) */
export const AddRequirementChangeBody = z.object({ text: z.string().trim().min(1).max(300) }).strict()
export type AddRequirementChangeBody = z.infer<typeof AddRequirementChangeBody>

export const FeedbackPoint = z.object({
  text: z.string().trim().min(1).max(2000),
  /** board components the point is about (highlighted on the board when shown) */
  shapeIds: z.array(z.string().min(1).max(100)).max(50).optional(),
})
export type FeedbackPoint = z.infer<typeof FeedbackPoint>

/** `POST /api/sessions/:id/feedback` (interviewer and organiser) */
export const FeedbackBody = z
  .object({ strength: FeedbackPoint, improvement: FeedbackPoint, released: z.boolean().optional() })
  .strict()
export type FeedbackBody = z.infer<typeof FeedbackBody>

/** `GET /api/sessions/:id/feedback`: the candidate and observers get it only once released. */
export const Feedback = z.object({
  strength: FeedbackPoint,
  improvement: FeedbackPoint,
  released: z.boolean(),
  updatedAt: SessionClockStamp,
})
export type Feedback = z.infer<typeof Feedback>
