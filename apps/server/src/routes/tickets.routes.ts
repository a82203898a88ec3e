import { createRoute } from '@hono/zod-openapi'
import { SessionId, SyncTicket } from '@scaleboard/schema'
import { z } from 'zod'
import { allow } from '../http/grant.ts'
import { apiResponses, jsonResponse } from './openapi.ts'

export const createTicketRoute = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/tickets',
  summary:
    'A single-use, 30-second ticket that opens one sync WebSocket (role token as bearer; the organiser token gets an interviewer ticket)',
  description:
    'Browsers connect to `/sync/<id>?ticket=<ticket>` so the role token never appears in a ' +
    'WebSocket URL (and so in proxy access logs). Fetch a new ticket before every (re)connect. ' +
    'Non-browser clients may instead connect with `?token=<role token>`.',
  security: [{ bearer: [] }],
  middleware: [allow('candidate', 'interviewer', 'observer')] as const,
  request: { params: z.object({ id: SessionId }) },
  responses: apiResponses(
    { 201: jsonResponse(SyncTicket, 'The ticket, bound to this session and the token’s role') },
    {
      400: 'Not a session id',
      401: 'Missing or unknown token; `error.reason` says why (malformed, revoked, session_deleted, unknown)',
      403: 'The token belongs to another session (`reason`: other_session)',
      404: 'No such session (the organiser token opening it as interviewer)',
      413: 'A body was sent (none is expected) larger than MAX_BODY_BYTES',
    },
  ),
})
