import { z } from 'zod'
import { Phase, PhaseMinutes, PhaseView } from './interview.ts'
import { Role } from './role.ts'

export const Level = z.enum(['junior', 'mid', 'senior'])
export type Level = z.infer<typeof Level>

/** Session ids appear in URLs and as sync room names. */
export const SessionId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 characters of A-Z a-z 0-9 _ -')
export type SessionId = z.infer<typeof SessionId>

/**
 * Every role token the server issues is 32 random bytes in base64url: 43 characters of
 * A-Z a-z 0-9 _ -. Anything else in a link is damage (cut short when copied), which a page can
 * tell apart from a wrong token before asking the server.
 */
export const ROLE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

export function isRoleTokenShaped(token: string): boolean {
  return ROLE_TOKEN_PATTERN.test(token)
}

export const CreateSessionBody = z
  .object({
    scenarioId: z.string().min(1).max(100).optional(),
    level: Level.optional(),
    title: z.string().trim().min(1).max(200).optional(),
    candidateName: z.string().trim().min(1).max(200).optional(),
    /** Overrides the scenario level's planned minutes per phase for this session. */
    phaseMinutes: PhaseMinutes.partial().optional(),
  })
  .strict()
export type CreateSessionBody = z.infer<typeof CreateSessionBody>

export const SessionLinks = z.object({
  candidate: z.url(),
  interviewer: z.url(),
  observer: z.url(),
})
export type SessionLinks = z.infer<typeof SessionLinks>

export const SessionSummary = z.object({
  id: SessionId,
  title: z.string(),
  scenarioId: z.string().nullable(),
  level: Level.nullable(),
  candidateName: z.string().nullable(),
  createdAt: z.iso.datetime(),
})
export type SessionSummary = z.infer<typeof SessionSummary>

/**
 * One row of the organiser's list (`GET /api/sessions`): the summary, the scenario's title, the
 * interview's phase once it was started, and when anything last happened in the session.
 */
export const SessionListItem = SessionSummary.extend({
  /** the scenario's title; null for a blank board, or a scenario this server no longer has */
  scenarioTitle: z.string().nullable(),
  /** the interview's current phase; null until the interviewer first starts or moves it */
  phase: Phase.nullable(),
  /** the newest edit of its board or annotations, or phase change; its creation if none */
  lastActivityAt: z.iso.datetime(),
})
export type SessionListItem = z.infer<typeof SessionListItem>

export const CreatedSession = SessionSummary.extend({ links: SessionLinks })
export type CreatedSession = z.infer<typeof CreatedSession>

/**
 * `POST /api/sessions/:id/links/:role`: a new link for one role. The old token stops working at
 * once and its open boards are closed (4401); links cannot be shown again, only reissued.
 */
export const IssuedLink = z.object({ role: Role, link: z.url() })
export type IssuedLink = z.infer<typeof IssuedLink>

/** What a role token may know about its session: `GET /api/sessions/:id/access`. */
export const SessionAccess = z.object({
  session: SessionSummary,
  role: Role,
})
export type SessionAccess = z.infer<typeof SessionAccess>

/**
 * `POST /api/sessions/:id/tickets`: a single-use credential for one WebSocket connection
 * (`/sync/<id>?ticket=…`), so the role token itself never appears in a WebSocket URL.
 */
export const SyncTicket = z.object({
  ticket: z.string(),
  /** After this instant the ticket opens nothing; fetch a new one for each (re)connect. */
  expiresAt: z.iso.datetime(),
})
export type SyncTicket = z.infer<typeof SyncTicket>

/** Stable per-browser user ids travel as the `user` sync parameter and become the log's author. */
export const UserId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)

/**
 * `GET /api/sessions/:id` and the session-state channel: what every token of the session may know
 * about it, live. Later workflow state (checklist sharing, feedback release…) joins it here,
 * filtered by role.
 */
export const SessionView = z.object({
  id: SessionId,
  title: z.string(),
  scenarioId: z.string().nullable(),
  level: Level.nullable(),
  candidateName: z.string().nullable(),
  phase: PhaseView,
})
export type SessionView = z.infer<typeof SessionView>

/** One message on the session-state channel. */
export const SessionStateMessage = z.object({ type: z.literal('session'), session: SessionView })
export type SessionStateMessage = z.infer<typeof SessionStateMessage>

/**
 * A session-state channel message saying a resource changed: the browser refetches it.
 * 'requirements': the interviewer added a requirement change (the brief shows it).
 */
export const SessionChangedMessage = z.object({
  type: z.literal('changed'),
  what: z.enum(['checklist', 'messages', 'feedback', 'requirements', 'revisions', 'replay', 'analysis']),
})
export type SessionChangedMessage = z.infer<typeof SessionChangedMessage>
