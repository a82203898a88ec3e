import { createRoute } from '@hono/zod-openapi'
import { AddRequirementChangeBody, RequirementChange, SessionId } from '@scaleboard/schema'
import { z } from 'zod'
import { allow } from '../http/grant.ts'
import { apiResponses, jsonResponse } from './openapi.ts'

const params = z.object({ id: SessionId })
const readErrors = {
  400: 'Not a session id',
  401: 'Missing or unknown token',
  403: 'A role this is not for, or another session’s token',
  404: 'No such session (organiser token)',
} as const

export const listRequirementChangesRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/requirements',
  summary: 'Requirements the interviewer added during the session, as the brief shows them (every role)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer', 'candidate', 'observer')] as const,
  request: { params },
  responses: apiResponses(
    { 200: jsonResponse(z.object({ changes: z.array(RequirementChange) }), 'Oldest first') },
    readErrors,
  ),
})

export const addRequirementChangeRoute = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/requirements',
  summary:
    'Add a requirement during the session: it shows at once in every brief, stamped with the session clock, and joins the checklist (interviewer and organiser)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer')] as const,
  request: {
    params,
    body: { content: { 'application/json': { schema: AddRequirementChangeBody } }, required: true },
  },
  responses: apiResponses(
    { 201: jsonResponse(RequirementChange, 'The change; its checklist item is `checklistItemId`') },
    { ...readErrors, 403: 'A candidate or observer token, or another session’s' },
    { body: true },
  ),
})
