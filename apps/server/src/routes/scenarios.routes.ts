import { createRoute } from '@hono/zod-openapi'
import {
  CandidateScenario,
  Level,
  ScenarioGuidance,
  ScenarioRefId,
  ScenarioSummary,
  SessionId,
} from '@scaleboard/schema'
import { z } from 'zod'
import { errorResponse, jsonResponse } from './openapi.ts'

export const listScenariosRoute = createRoute({
  method: 'get',
  path: '/api/scenarios',
  summary: 'The scenarios a session can be created from',
  responses: { 200: jsonResponse(z.array(ScenarioSummary), 'One line per scenario') },
})

export const getScenarioRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}',
  summary: 'The candidate-visible part of a scenario (no interviewer guidance)',
  request: { params: z.object({ id: ScenarioRefId }) },
  responses: {
    200: jsonResponse(CandidateScenario, 'The scenario without its guidance'),
    400: errorResponse('Not a scenario id'),
    404: errorResponse('Unknown scenario'),
  },
})

export const getScenarioGuidanceRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}/guidance',
  summary: 'Interviewer guidance: for the organiser, or an interviewer token of a session of this scenario',
  security: [{ bearer: [] }],
  request: { params: z.object({ id: ScenarioRefId }) },
  responses: {
    200: jsonResponse(ScenarioGuidance, 'Hints, follow-up questions, strong answers, pitfalls'),
    401: errorResponse('Missing or unknown token'),
    403: errorResponse('This token may not see the guidance'),
    404: errorResponse('Unknown scenario'),
  },
})

export const SessionBrief = z.object({
  scenario: CandidateScenario.nullable(),
  level: Level.nullable(),
  /** present only for the interviewer */
  guidance: ScenarioGuidance.optional(),
})

export const sessionBriefRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/brief',
  summary: "The session's scenario brief for a role token; guidance only for the interviewer",
  security: [{ bearer: [] }],
  request: { params: z.object({ id: SessionId }) },
  responses: {
    200: jsonResponse(SessionBrief, 'The brief'),
    401: errorResponse('Missing or unknown token'),
    403: errorResponse('The token belongs to another session'),
  },
})
