import { createRoute } from '@hono/zod-openapi'
import { AnalysisState, BoardAnalysis, ShareAnalysisBody, WhatIfBody } from '@scaleboard/schema'
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

const hiddenErrors = {
  ...SESSION_READ_ERRORS,
  403: 'Another session’s token, or a candidate or observer while the analysis is not shown (`analysis_not_shown`)',
} as const

export const analysisRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/analysis',
  summary:
    'The design analysis of the stored board (capacity, latency, cost, availability, findings) with the what-if in force; `?revision=` for a revision. Interviewer and organiser; everyone while shown',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer', 'candidate', 'observer')] as const,
  request: { params: sessionParams, query: z.object({ revision: z.string().min(1).max(100).optional() }) },
  responses: apiResponses(
    { 200: jsonResponse(BoardAnalysis, 'The analysis') },
    { ...hiddenErrors, 404: 'No such session or revision' },
  ),
})

export const analysisStateRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/analysis/state',
  summary:
    'What a browser needs to compute the analysis from its own board: the targets, the what-if in force, whether it is shown',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer', 'candidate', 'observer')] as const,
  request: { params: sessionParams },
  responses: apiResponses({ 200: jsonResponse(AnalysisState, 'The analysis settings') }, hiddenErrors),
})

export const shareAnalysisRoute = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/analysis/share',
  summary: 'Show the analysis to everyone, or to the interviewer’s side only (interviewer, organiser)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer')] as const,
  request: { params: sessionParams, ...jsonBody(ShareAnalysisBody) },
  responses: apiResponses(
    { 200: jsonResponse(AnalysisState, 'The settings now') },
    { ...SESSION_READ_ERRORS, 403: INTERVIEWER_ONLY },
    { body: true },
  ),
})

export const whatIfRoute = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/what-if',
  summary:
    'Apply a what-if injection (replacing the one in force) or clear it; stored as a session event (interviewer, organiser)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer')] as const,
  request: { params: sessionParams, ...jsonBody(WhatIfBody) },
  responses: apiResponses(
    { 200: jsonResponse(AnalysisState, 'The settings now') },
    { ...SESSION_READ_ERRORS, 403: INTERVIEWER_ONLY },
    { body: true },
  ),
})
