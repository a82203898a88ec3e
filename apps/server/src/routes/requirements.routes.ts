import { createRoute } from '@hono/zod-openapi'
import { AddRequirementChangeBody, RequirementChange } from '@scaleboard/schema'
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

export const listRequirementChangesRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/requirements',
  summary: 'Requirements the interviewer added during the session, as the brief shows them (every role)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer', 'candidate', 'observer')] as const,
  request: { params: sessionParams },
  responses: apiResponses(
    { 200: jsonResponse(z.object({ changes: z.array(RequirementChange) }), 'Oldest first') },
    SESSION_READ_ERRORS,
  ),
})

export const addRequirementChangeRoute = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/requirements',
  summary:
    'Add a requirement during the session: it shows at once in every brief, stamped with the session clock, and joins the checklist (interviewer and organiser)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer')] as const,
  request: { params: sessionParams, ...jsonBody(AddRequirementChangeBody) },
  responses: apiResponses(
    { 201: jsonResponse(RequirementChange, 'The change; its checklist item is `checklistItemId`') },
    { ...SESSION_READ_ERRORS, 403: INTERVIEWER_ONLY },
    { body: true },
  ),
})
