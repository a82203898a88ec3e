import {
  type AddChecklistItemBody,
  type AddNoteBody,
  type AddRequirementChangeBody,
  AnalysisState,
  ApiError,
  BoardAnalysis,
  BoardAt,
  BoardDiff,
  CandidateScenario,
  Checklist,
  ChecklistEntry,
  ChecklistItem,
  CreatedSession,
  type CreateSessionBody,
  Feedback,
  type FeedbackBody,
  InterviewerNote,
  IssuedLink,
  Level,
  type PhaseCommand,
  type PostMessageBody,
  ReplayData,
  RequirementChange,
  RestoreResult,
  Revision,
  RevisionList,
  type Role,
  ScenarioGuidance,
  SessionAccess,
  SessionListItem,
  SessionMessage,
  SessionView,
  type ShareAnalysisBody,
  ShareReplayBody,
  SyncTicket,
  type UpdateChecklistItemBody,
  type WhatIf,
} from '@scaleboard/schema'
import { z } from 'zod'

/** A failed API call, with what the server said (or `network` when it could not be reached). */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError'
  readonly status: number
  readonly code: string
  readonly issues: { path: string; message: string }[]
  /** Why a token was refused (401/403), when the server said: an AuthFailureReason. */
  readonly reason: string | null

  constructor(
    status: number,
    code: string,
    message: string,
    issues: { path: string; message: string }[] = [],
    reason: string | null = null,
  ) {
    super(message)
    this.status = status
    this.code = code
    this.issues = issues
    this.reason = reason
  }
}

interface RequestOptions {
  token?: string
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  body?: unknown
}

async function request<T>(
  path: string,
  schema: z.ZodType<T>,
  { token, method = 'GET', body }: RequestOptions = {},
) {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiRequestError(
      0,
      'network',
      'Could not reach the Scaleboard server. Check your connection and try again.',
    )
  }
  const json: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = ApiError.safeParse(json)
    if (error.success) {
      const { code, message, issues, reason } = error.data.error
      throw new ApiRequestError(response.status, code, message, issues, reason ?? null)
    }
    throw new ApiRequestError(
      response.status,
      'http',
      `The server answered ${response.status} ${response.statusText}.`,
    )
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    throw new ApiRequestError(
      response.status,
      'unexpected',
      'The server sent an answer this page does not understand.',
    )
  }
  return parsed.data
}

/** What the organiser's session form offers (GET /api/scenarios). Parsed leniently: extra fields are fine. */
export interface ScenarioChoice {
  id: string
  title: string
  summary: string
  levels: Level[]
}

const ScenarioChoices = z.array(
  z.object({
    id: z.string().min(1),
    title: z.string(),
    summary: z.string().default(''),
    levels: z.array(z.enum(['junior', 'mid', 'senior'])).default([]),
  }),
)

export function getScenarios(adminToken: string): Promise<ScenarioChoice[]> {
  return request('/api/scenarios', ScenarioChoices, { token: adminToken })
}

export function createSession(adminToken: string, body: CreateSessionBody): Promise<CreatedSession> {
  return request('/api/sessions', CreatedSession, { token: adminToken, method: 'POST', body })
}

/** A new link for one role; the old one stops working at once (organiser only). */
export function issueLink(adminToken: string, sessionId: string, role: Role): Promise<IssuedLink> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/links/${role}`, IssuedLink, {
    token: adminToken,
    method: 'POST',
  })
}

const SessionList = z.object({ sessions: z.array(SessionListItem) })

/** The organiser's list: newest first, with scenario title, phase and last activity. */
export async function listSessions(adminToken: string): Promise<SessionListItem[]> {
  return (await request('/api/sessions', SessionList, { token: adminToken })).sessions
}

/** DELETE /api/sessions/:id (organiser): its open boards are closed, and everything of it goes. */
export async function deleteSession(adminToken: string, sessionId: string): Promise<void> {
  // 204: no body, which `request` reads as null.
  await request(`/api/sessions/${encodeURIComponent(sessionId)}`, z.null(), {
    token: adminToken,
    method: 'DELETE',
  })
}

/** What a role link opens; the role token is the bearer. */
export function getSessionAccess(sessionId: string, token: string): Promise<SessionAccess> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/access`, SessionAccess, { token })
}

/** A single-use ticket for one sync WebSocket; the role token is the bearer and never enters a WebSocket URL. */
export function createSyncTicket(sessionId: string, token: string): Promise<SyncTicket> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/tickets`, SyncTicket, {
    token,
    method: 'POST',
  })
}

/** GET /api/sessions/:id/brief: the scenario as this role may see it; `guidance` only for the interviewer. */
export const SessionBrief = z.object({
  scenario: CandidateScenario.nullable(),
  level: Level.nullable(),
  guidance: ScenarioGuidance.optional(),
  /** the interviewer's rubric: only the interviewer's token receives it */
  checklist: z.array(ChecklistItem).optional(),
})
export type SessionBrief = z.infer<typeof SessionBrief>

export function getSessionBrief(sessionId: string, token: string): Promise<SessionBrief> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/brief`, SessionBrief, { token })
}

/** GET /api/sessions/:id: the session with its phase and server-kept clock, as this role may see it. */
export function getSessionView(sessionId: string, token: string): Promise<SessionView> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}`, SessionView, { token })
}

/** POST /api/sessions/:id/phase (interviewer and organiser): move to a phase or control its clock. */
export function sendPhaseCommand(
  sessionId: string,
  token: string,
  command: PhaseCommand,
): Promise<SessionView> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/phase`, SessionView, {
    token,
    method: 'POST',
    body: command,
  })
}

const sessionPath = (sessionId: string, rest: string) =>
  `/api/sessions/${encodeURIComponent(sessionId)}/${rest}`

/** GET /api/sessions/:id/checklist: statuses and notes only for the interviewer, or for all once shared. */
export function getChecklist(sessionId: string, token: string): Promise<Checklist> {
  return request(sessionPath(sessionId, 'checklist'), Checklist, { token })
}

/** POST /api/sessions/:id/checklist (interviewer): an item added during the session. */
export function addChecklistItem(
  sessionId: string,
  token: string,
  body: AddChecklistItemBody,
): Promise<ChecklistEntry> {
  return request(sessionPath(sessionId, 'checklist'), ChecklistEntry, { token, method: 'POST', body })
}

/** PATCH /api/sessions/:id/checklist/:itemId (interviewer): a status, a note, or both. */
export function updateChecklistItem(
  sessionId: string,
  token: string,
  itemId: string,
  body: UpdateChecklistItemBody,
): Promise<ChecklistEntry> {
  return request(sessionPath(sessionId, `checklist/${encodeURIComponent(itemId)}`), ChecklistEntry, {
    token,
    method: 'PATCH',
    body,
  })
}

/** POST /api/sessions/:id/checklist/share (interviewer): show the result to everyone, or hide it again. */
export function shareChecklist(sessionId: string, token: string, shared: boolean): Promise<Checklist> {
  return request(sessionPath(sessionId, 'checklist/share'), Checklist, {
    token,
    method: 'POST',
    body: { shared },
  })
}

const NoteList = z.object({ notes: z.array(InterviewerNote) })

/** GET /api/sessions/:id/notes (interviewer only). */
export async function getNotes(sessionId: string, token: string): Promise<InterviewerNote[]> {
  return (await request(sessionPath(sessionId, 'notes'), NoteList, { token })).notes
}

/** POST /api/sessions/:id/notes (interviewer only). */
export function addNote(sessionId: string, token: string, body: AddNoteBody): Promise<InterviewerNote> {
  return request(sessionPath(sessionId, 'notes'), InterviewerNote, { token, method: 'POST', body })
}

const MessageList = z.object({ messages: z.array(SessionMessage) })

/** GET /api/sessions/:id/messages: the Q&A thread, for every role. */
export async function getMessages(sessionId: string, token: string): Promise<SessionMessage[]> {
  return (await request(sessionPath(sessionId, 'messages'), MessageList, { token })).messages
}

/** POST /api/sessions/:id/messages (candidate and interviewer). */
export function postMessage(
  sessionId: string,
  token: string,
  body: PostMessageBody,
): Promise<SessionMessage> {
  return request(sessionPath(sessionId, 'messages'), SessionMessage, { token, method: 'POST', body })
}

const RequirementChangeList = z.object({ changes: z.array(RequirementChange) })

/** GET /api/sessions/:id/requirements: requirements added during the session, for every role. */
export async function getRequirementChanges(sessionId: string, token: string): Promise<RequirementChange[]> {
  return (await request(sessionPath(sessionId, 'requirements'), RequirementChangeList, { token })).changes
}

/** POST /api/sessions/:id/requirements (interviewer): announce a requirement; it joins the checklist too. */
export function addRequirementChange(
  sessionId: string,
  token: string,
  body: AddRequirementChangeBody,
): Promise<RequirementChange> {
  return request(sessionPath(sessionId, 'requirements'), RequirementChange, { token, method: 'POST', body })
}

const FeedbackAnswer = z.object({ feedback: Feedback.nullable() })

/** GET /api/sessions/:id/feedback: null for the candidate and observers until it is released. */
export async function getFeedback(sessionId: string, token: string): Promise<Feedback | null> {
  return (await request(sessionPath(sessionId, 'feedback'), FeedbackAnswer, { token })).feedback
}

/** POST /api/sessions/:id/feedback (interviewer): write it, and release it with `released: true`. */
export function saveFeedback(sessionId: string, token: string, body: FeedbackBody): Promise<Feedback> {
  return request(sessionPath(sessionId, 'feedback'), Feedback, { token, method: 'POST', body })
}

// ---------------------------------------------------------------------------------------------
// Revisions, replay and the report

export async function listRevisions(sessionId: string, token: string): Promise<Revision[]> {
  const path = `/api/sessions/${encodeURIComponent(sessionId)}/revisions`
  return (await request(path, RevisionList, { token })).revisions
}

/** Names the board as it is now (candidate, interviewer, organiser). */
export function createRevision(sessionId: string, token: string, label: string): Promise<Revision> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/revisions`, Revision, {
    token,
    method: 'POST',
    body: { label },
  })
}

/** Writes the board of a revision back as new edits (interviewer, organiser). */
export function restoreRevision(
  sessionId: string,
  token: string,
  revisionId: string,
): Promise<RestoreResult> {
  const path = `/api/sessions/${encodeURIComponent(sessionId)}/revisions/${encodeURIComponent(revisionId)}/restore`
  return request(path, RestoreResult, { token, method: 'POST' })
}

export function getRevisionRecords(sessionId: string, token: string, revisionId: string): Promise<BoardAt> {
  const path = `/api/sessions/${encodeURIComponent(sessionId)}/revisions/${encodeURIComponent(revisionId)}/records`
  return request(path, BoardAt, { token })
}

export function getBoardDiff(sessionId: string, token: string, from: string, to: string): Promise<BoardDiff> {
  const query = new URLSearchParams({ from, to })
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/diff?${query}`, BoardDiff, { token })
}

/** Everything the replay view needs: both documents' logs, revisions and the session's events. */
export function getReplay(sessionId: string, token: string): Promise<ReplayData> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/replay`, ReplayData, { token })
}

/** Whether the candidate may open the replay (every role): the light answer, not the whole replay. */
export async function getReplaySharing(sessionId: string, token: string): Promise<boolean> {
  const path = `/api/sessions/${encodeURIComponent(sessionId)}/replay/share`
  return (await request(path, ShareReplayBody, { token })).shared
}

/** Lets the candidate open the replay, or not (interviewer, organiser). */
export function shareReplay(sessionId: string, token: string, shared: boolean): Promise<{ shared: boolean }> {
  return request(
    `/api/sessions/${encodeURIComponent(sessionId)}/replay/share`,
    z.object({ shared: z.boolean() }),
    {
      token,
      method: 'POST',
      body: { shared },
    },
  )
}

/**
 * The interview report as a file (interviewer, organiser): Markdown, or the printable HTML page.
 * `withNotes: false` leaves the interviewer's private notes out (a copy to pass on).
 */
export async function getReport(
  sessionId: string,
  token: string,
  format: 'markdown' | 'html',
  withNotes = true,
): Promise<Blob> {
  const query = new URLSearchParams({ format: format === 'html' ? 'html' : 'md' })
  if (!withNotes) query.set('notes', 'false')
  let response: Response
  try {
    response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/report?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    })
  } catch {
    throw new ApiRequestError(
      0,
      'network',
      'Could not reach the Scaleboard server. Check your connection and try again.',
    )
  }
  if (!response.ok) {
    const error = ApiError.safeParse(await response.json().catch(() => null))
    if (error.success)
      throw new ApiRequestError(response.status, error.data.error.code, error.data.error.message)
    throw new ApiRequestError(
      response.status,
      'http',
      `The server answered ${response.status} ${response.statusText}.`,
    )
  }
  return response.blob()
}

// ---------------------------------------------------------------------------------------------
// Live design analysis

/**
 * What this browser needs to compute the analysis from its own board: targets, the injection in
 * force, whether it is shown. 403 `analysis_not_shown` for the candidate and observers until shown.
 */
export function getAnalysisState(sessionId: string, token: string): Promise<AnalysisState> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/analysis/state`, AnalysisState, { token })
}

/** The server's analysis of the stored board, now or at a revision. */
export function getAnalysis(sessionId: string, token: string, revisionId?: string): Promise<BoardAnalysis> {
  const query = revisionId ? `?${new URLSearchParams({ revision: revisionId })}` : ''
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/analysis${query}`, BoardAnalysis, { token })
}

/** Shows the analysis to everyone, or to the interviewer's side only (interviewer, organiser). */
export function shareAnalysis(sessionId: string, token: string, shown: boolean): Promise<AnalysisState> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/analysis/share`, AnalysisState, {
    token,
    method: 'POST',
    body: { shown } satisfies z.infer<typeof ShareAnalysisBody>,
  })
}

/** Applies an injection (replacing the one in force), or clears it with null (interviewer, organiser). */
export function sendWhatIf(sessionId: string, token: string, whatIf: WhatIf | null): Promise<AnalysisState> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/what-if`, AnalysisState, {
    token,
    method: 'POST',
    body: whatIf ? { whatIf } : { clear: true },
  })
}
