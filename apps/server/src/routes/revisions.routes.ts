import { createRoute } from '@hono/zod-openapi'
import {
  BoardAt,
  BoardAtQuery,
  BoardDiff,
  CreateRevisionBody,
  DiffQuery,
  ReplayData,
  RestoreResult,
  Revision,
  RevisionList,
  SessionId,
  ShareReplayBody,
} from '@scaleboard/schema'
import { z } from 'zod'
import { allow } from '../http/grant.ts'
import {
  apiResponses,
  INTERVIEWER_ONLY,
  jsonBody,
  jsonResponse,
  SESSION_READ_ERRORS,
  sessionParams,
} from './openapi.ts'

const revisionParams = z.object({ id: SessionId, revId: z.string().min(1).max(100) })
const replayErrors = {
  ...SESSION_READ_ERRORS,
  403: 'Another session’s token, or a candidate before the interviewer shared the replay (`replay_not_shared`)',
} as const
/** Who may look back at the session: everyone but the candidate, who may once the replay is shared. */
const replayRoles = allow('organiser', 'interviewer', 'observer', 'candidate')

export const listRevisionsRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/revisions',
  summary: 'The session’s revisions, oldest first',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer', 'observer', 'candidate')] as const,
  request: { params: sessionParams },
  responses: apiResponses({ 200: jsonResponse(RevisionList, 'Oldest first') }, SESSION_READ_ERRORS),
})

export const createRevisionRoute = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/revisions',
  summary: 'Name the board as it is now (candidate, interviewer, organiser)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer', 'candidate')] as const,
  request: { params: sessionParams, ...jsonBody(CreateRevisionBody) },
  responses: apiResponses(
    { 201: jsonResponse(Revision, 'The new revision') },
    { ...SESSION_READ_ERRORS, 403: 'An observer token, or another session’s' },
    { body: true },
  ),
})

export const revisionRecordsRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/revisions/{revId}/records',
  summary: 'The board’s tldraw records at a revision',
  security: [{ bearer: [] }],
  middleware: [replayRoles] as const,
  request: { params: revisionParams },
  responses: apiResponses(
    { 200: jsonResponse(BoardAt, 'The records, and any stored record left out as invalid') },
    { ...replayErrors, 404: 'No such session or revision' },
  ),
})

export const restoreRevisionRoute = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/revisions/{revId}/restore',
  summary:
    'Write a revision’s board back into the live board as new edits (interviewer, organiser); the board as it was is kept as a revision first',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer')] as const,
  request: { params: revisionParams },
  responses: apiResponses(
    { 200: jsonResponse(RestoreResult, 'What was written back') },
    { ...SESSION_READ_ERRORS, 403: INTERVIEWER_ONLY, 404: 'No such session or revision' },
  ),
})

export const recordsAtRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/records',
  summary: 'The board’s tldraw records at any point: `?at=` an ISO 8601 time or a board sequence number',
  security: [{ bearer: [] }],
  middleware: [replayRoles] as const,
  request: { params: sessionParams, query: BoardAtQuery },
  responses: apiResponses(
    { 200: jsonResponse(BoardAt, 'The records, and any stored record left out as invalid') },
    { ...replayErrors, 400: 'Not a session id, or `at` is neither a time nor a sequence number' },
  ),
})

export const diffRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/diff',
  summary: 'What changed on the board between two revisions, in the exercise’s words',
  security: [{ bearer: [] }],
  middleware: [replayRoles] as const,
  request: { params: sessionParams, query: DiffQuery },
  responses: apiResponses(
    { 200: jsonResponse(BoardDiff, 'Added, removed and changed, each with a summary') },
    { ...replayErrors, 404: 'No such session or revision' },
  ),
})

export const replayRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/replay',
  summary:
    'Everything the replay view needs: both documents’ logs, the revisions and the session’s events (private notes only for the interviewer and organiser)',
  security: [{ bearer: [] }],
  middleware: [replayRoles] as const,
  request: { params: sessionParams },
  responses: apiResponses({ 200: jsonResponse(ReplayData, 'The session’s history') }, replayErrors),
})

export const replaySharingRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/replay/share',
  summary: 'Whether the candidate may open the replay',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer', 'observer', 'candidate')] as const,
  request: { params: sessionParams },
  responses: apiResponses({ 200: jsonResponse(ShareReplayBody, 'The current setting') }, SESSION_READ_ERRORS),
})

export const shareReplayRoute = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/replay/share',
  summary: 'Let the candidate open the replay, or not (interviewer, organiser)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer')] as const,
  request: { params: sessionParams, ...jsonBody(ShareReplayBody) },
  responses: apiResponses(
    { 200: jsonResponse(ShareReplayBody, 'The new setting') },
    { ...SESSION_READ_ERRORS, 403: INTERVIEWER_ONLY },
    { body: true },
  ),
})

export const ReportQuery = z.object({
  format: z.enum(['md', 'markdown', 'html']).optional(),
  /** `false`: leave the interviewer's private notes out (a copy to pass on) */
  notes: z.enum(['true', 'false']).optional(),
})

export const reportRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/report',
  summary:
    'The interview report (interviewer, organiser): Markdown, or `?format=html` for a page that prints to PDF; `?notes=false` leaves private notes out',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer')] as const,
  request: { params: sessionParams, query: ReportQuery },
  responses: {
    ...apiResponses({}, { ...SESSION_READ_ERRORS, 403: INTERVIEWER_ONLY }),
    200: {
      content: { 'text/markdown': { schema: z.string() }, 'text/html': { schema: z.string() } },
      description: 'The report, as a file (Markdown), or a page that prints to PDF (HTML)',
    },
  },
})
