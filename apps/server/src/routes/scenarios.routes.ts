import { createRoute } from '@hono/zod-openapi'
import {
  CandidateScenario,
  ChecklistItem,
  Level,
  ScenarioGuidance,
  ScenarioRefId,
  ScenarioSummary,
  SessionId,
} from '@scaleboard/schema'
import { z } from 'zod'
import { allow, allowInAnySession } from '../http/grant.ts'
import { apiResponses, jsonResponse } from './openapi.ts'

export const listScenariosRoute = createRoute({
  method: 'get',
  path: '/api/scenarios',
  summary: 'The scenarios a session can be created from (organiser only)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser')] as const,
  responses: apiResponses(
    { 200: jsonResponse(z.array(ScenarioSummary), 'One line per scenario') },
    { 401: 'Missing or wrong organiser token', 403: 'A role token, not the organiser token' },
  ),
})

export const getScenarioRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}',
  summary:
    'The candidate-visible part of a scenario (no guidance, no checklist): for the organiser, or a token of a session of this scenario',
  security: [{ bearer: [] }],
  middleware: [allowInAnySession('organiser', 'candidate', 'interviewer', 'observer')] as const,
  request: { params: z.object({ id: ScenarioRefId }) },
  responses: apiResponses(
    { 200: jsonResponse(CandidateScenario, 'The scenario without its guidance and checklist') },
    {
      400: 'Not a scenario id',
      401: 'Missing or unknown token',
      403: 'A token of a session of another scenario',
      404: 'Unknown scenario',
    },
  ),
})

export const getScenarioGuidanceRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}/guidance',
  summary: 'Interviewer guidance: for the organiser, or an interviewer token of a session of this scenario',
  security: [{ bearer: [] }],
  middleware: [allowInAnySession('organiser', 'interviewer')] as const,
  request: { params: z.object({ id: ScenarioRefId }) },
  responses: apiResponses(
    { 200: jsonResponse(ScenarioGuidance, 'Hints, follow-up questions, strong answers, pitfalls') },
    {
      400: 'Not a scenario id',
      401: 'Missing or unknown token',
      403: 'This token may not see the guidance',
      404: 'Unknown scenario',
    },
  ),
})

export const SessionBrief = z.object({
  scenario: CandidateScenario.nullable(),
  level: Level.nullable(),
  /** present only for the interviewer */
  guidance: ScenarioGuidance.optional(),
  /** the rubric for the session's level; present only for the interviewer */
  checklist: z.array(ChecklistItem).optional(),
})

export const sessionBriefRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/brief',
  summary: "The session's scenario brief for a role token; guidance only for the interviewer",
  security: [{ bearer: [] }],
  middleware: [allow('candidate', 'interviewer', 'observer')] as const,
  request: { params: z.object({ id: SessionId }) },
  responses: apiResponses(
    { 200: jsonResponse(SessionBrief, 'The brief') },
    {
      400: 'Not a session id',
      401: 'Missing or unknown token',
      403: 'The token belongs to another session, or is the organiser token',
    },
  ),
})
