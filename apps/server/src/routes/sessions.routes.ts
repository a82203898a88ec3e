import { createRoute } from '@hono/zod-openapi'
import {
  CreatedSession,
  CreateSessionBody,
  IssuedLink,
  Role,
  SessionAccess,
  SessionId,
  SessionListItem,
} from '@scaleboard/schema'
import { z } from 'zod'
import { allow } from '../http/grant.ts'
import { apiResponses, jsonResponse } from './openapi.ts'

export const createSessionRoute = createRoute({
  method: 'post',
  path: '/api/sessions',
  summary: 'Create an interview session and its three role links (organiser only)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser')] as const,
  request: { body: { content: { 'application/json': { schema: CreateSessionBody } }, required: true } },
  responses: apiResponses(
    { 201: jsonResponse(CreatedSession, 'The session, with a secret link per role') },
    {
      401: 'Missing or wrong organiser token',
      403: 'A role token, not the organiser token',
      404: 'Unknown scenario',
    },
    { body: true },
  ),
})

export const listSessionsRoute = createRoute({
  method: 'get',
  path: '/api/sessions',
  summary: 'The most recent sessions, with scenario title, phase and last activity (organiser only)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser')] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
  responses: apiResponses(
    { 200: jsonResponse(z.object({ sessions: z.array(SessionListItem) }), 'Sessions, newest first') },
    {
      400: 'The limit is not a whole number from 1 to 500',
      401: 'Missing or wrong organiser token',
      403: 'A role token, not the organiser token',
    },
  ),
})

export const sessionAccessRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/access',
  summary:
    'What a role link opens: the session and the role (role token as bearer; the organiser token opens any session as its interviewer)',
  security: [{ bearer: [] }],
  middleware: [allow('candidate', 'interviewer', 'observer')] as const,
  request: { params: z.object({ id: SessionId }) },
  responses: apiResponses(
    { 200: jsonResponse(SessionAccess, 'The session and the role this token holds') },
    {
      400: 'Not a session id',
      401: 'Missing or unknown token; `error.reason` says why: missing, malformed, revoked (replaced by a new link), session_deleted, unknown',
      403: 'The token belongs to another session (`reason`: other_session)',
      404: 'No such session (the organiser token opening it as interviewer)',
    },
  ),
})

export const deleteSessionRoute = createRoute({
  method: 'delete',
  path: '/api/sessions/{id}',
  summary: 'Delete a session and all its data (organiser only)',
  description:
    'Its open boards are closed first (close code 4404), then its board, annotations, interview ' +
    'records and links are deleted for good. Only the hashes of its tokens are kept, so its links ' +
    'answer 401 with `reason: session_deleted`. Audited as `session.deleted`.',
  security: [{ bearer: [] }],
  middleware: [allow('organiser')] as const,
  request: { params: z.object({ id: SessionId }) },
  responses: apiResponses(
    // No content: cast, since apiResponses types its successes as JSON entries.
    { 204: { description: 'Deleted' } as unknown as ReturnType<typeof jsonResponse> },
    {
      400: 'Not a session id',
      401: 'Missing or wrong organiser token',
      403: 'A role token, not the organiser token',
      404: 'No such session (perhaps already deleted)',
      413: 'A body was sent (none is expected) larger than MAX_BODY_BYTES',
    },
  ),
})

export const issueLinkRoute = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/links/{role}',
  summary: 'Issue a new link for one role, revoking the old one at once (organiser only)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser')] as const,
  request: { params: z.object({ id: SessionId, role: Role }) },
  responses: apiResponses(
    { 200: jsonResponse(IssuedLink, "The role's new link; the old one is refused from now on") },
    {
      400: 'Not a session id, or not a role',
      401: 'Missing or wrong organiser token',
      403: 'A role token, not the organiser token',
      404: 'No such session',
      413: 'A body was sent (none is expected) larger than MAX_BODY_BYTES',
    },
  ),
})
