import { createRoute } from '@hono/zod-openapi'
import { PhaseCommand, SessionId, SessionView } from '@scaleboard/schema'
import { z } from 'zod'
import { allow } from '../http/grant.ts'
import { apiResponses, jsonResponse } from './openapi.ts'

export const sessionViewRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}',
  summary: 'The session as its role sees it: title, level, and the phase with its server-kept clock',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'candidate', 'interviewer', 'observer')] as const,
  request: { params: z.object({ id: SessionId }) },
  responses: apiResponses(
    { 200: jsonResponse(SessionView, 'The session now; `phase.serverNow` anchors the countdown') },
    {
      400: 'Not a session id',
      401: 'Missing or unknown token',
      403: 'The token belongs to another session',
      404: 'No such session (organiser token)',
    },
  ),
})

export const phaseCommandRoute = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/phase',
  summary: 'Move to a phase, or start, pause, resume or extend its clock (interviewer and organiser)',
  description:
    '`{ "phase": "design" }` moves to that phase and starts its clock; `{ "action": "start" | "pause" | ' +
    '"resume" }` or `{ "action": "extend", "minutes": 5 }` control the current phase. Every change is ' +
    'stored with its time and author and pushed to every open board of the session.',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer')] as const,
  request: {
    params: z.object({ id: SessionId }),
    body: { content: { 'application/json': { schema: PhaseCommand } }, required: true },
  },
  responses: apiResponses(
    { 200: jsonResponse(SessionView, 'The session after the change') },
    {
      401: 'Missing or unknown token',
      403: 'A candidate or observer token, or another session’s',
      404: 'No such session (organiser token)',
      409: 'The command does not apply now (e.g. resume when not paused)',
    },
    { body: true },
  ),
})
