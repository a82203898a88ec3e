import { createRoute } from '@hono/zod-openapi'
import {
  CreatedSession,
  CreateSessionBody,
  SessionAccess,
  SessionId,
  SessionSummary,
} from '@scaleboard/schema'
import { z } from 'zod'
import { errorResponse, jsonResponse } from './openapi.ts'

export const createSessionRoute = createRoute({
  method: 'post',
  path: '/api/sessions',
  summary: 'Create an interview session and its three role links (organiser only)',
  security: [{ bearer: [] }],
  request: { body: { content: { 'application/json': { schema: CreateSessionBody } }, required: true } },
  responses: {
    201: jsonResponse(CreatedSession, 'The session, with a secret link per role'),
    400: errorResponse('The body is not valid'),
    401: errorResponse('Missing or wrong organiser token'),
    404: errorResponse('Unknown scenario'),
  },
})

export const listSessionsRoute = createRoute({
  method: 'get',
  path: '/api/sessions',
  summary: 'The most recent sessions (organiser only)',
  security: [{ bearer: [] }],
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
  responses: {
    200: jsonResponse(z.object({ sessions: z.array(SessionSummary) }), 'Sessions, newest first'),
    401: errorResponse('Missing or wrong organiser token'),
  },
})

export const sessionAccessRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/access',
  summary: 'What a role link opens: the session and the role (role token as bearer)',
  security: [{ bearer: [] }],
  request: { params: z.object({ id: SessionId }) },
  responses: {
    200: jsonResponse(SessionAccess, 'The session and the role this token holds'),
    401: errorResponse('Missing or unknown token'),
    403: errorResponse('The token belongs to another session'),
  },
})
