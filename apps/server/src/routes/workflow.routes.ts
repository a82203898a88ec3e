import { createRoute } from '@hono/zod-openapi'
import {
  AddChecklistItemBody,
  AddNoteBody,
  Checklist,
  ChecklistEntry,
  Feedback,
  FeedbackBody,
  InterviewerNote,
  PostMessageBody,
  SessionId,
  SessionMessage,
  ShareChecklistBody,
  UpdateChecklistItemBody,
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

const itemParams = z.object({ id: SessionId, itemId: z.string().min(1).max(100) })

export const getChecklistRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/checklist',
  summary: 'The requirement checklist; statuses and notes only for the interviewer, or for all once shared',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer', 'candidate', 'observer')] as const,
  request: { params: sessionParams },
  responses: apiResponses(
    { 200: jsonResponse(Checklist, 'The checklist as this role may see it') },
    SESSION_READ_ERRORS,
  ),
})

export const addChecklistItemRoute = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/checklist',
  summary: 'Add a checklist item during the session (interviewer and organiser)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer')] as const,
  request: { params: sessionParams, ...jsonBody(AddChecklistItemBody) },
  responses: apiResponses(
    { 201: jsonResponse(ChecklistEntry, 'The new item') },
    { ...SESSION_READ_ERRORS, 403: INTERVIEWER_ONLY },
    { body: true },
  ),
})

export const updateChecklistItemRoute = createRoute({
  method: 'patch',
  path: '/api/sessions/{id}/checklist/{itemId}',
  summary: 'Set an item’s status and/or note, stamped with the session clock (interviewer and organiser)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer')] as const,
  request: { params: itemParams, ...jsonBody(UpdateChecklistItemBody) },
  responses: apiResponses(
    { 200: jsonResponse(ChecklistEntry, 'The item after the change') },
    { ...SESSION_READ_ERRORS, 403: INTERVIEWER_ONLY, 404: 'No such session or item' },
    { body: true },
  ),
})

export const shareChecklistRoute = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/checklist/share',
  summary: 'Show (or hide again) the checklist’s statuses and notes to everyone (interviewer and organiser)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer')] as const,
  request: { params: sessionParams, ...jsonBody(ShareChecklistBody) },
  responses: apiResponses(
    { 200: jsonResponse(Checklist, 'The checklist') },
    { ...SESSION_READ_ERRORS, 403: INTERVIEWER_ONLY },
    { body: true },
  ),
})

export const listNotesRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/notes',
  summary: 'The interviewer’s private notes (interviewer and organiser only)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer')] as const,
  request: { params: sessionParams },
  responses: apiResponses(
    { 200: jsonResponse(z.object({ notes: z.array(InterviewerNote) }), 'Oldest first') },
    { ...SESSION_READ_ERRORS, 403: INTERVIEWER_ONLY },
  ),
})

export const addNoteRoute = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/notes',
  summary: 'Add a private note, stamped with the session clock (interviewer and organiser only)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer')] as const,
  request: { params: sessionParams, ...jsonBody(AddNoteBody) },
  responses: apiResponses(
    { 201: jsonResponse(InterviewerNote, 'The note') },
    { ...SESSION_READ_ERRORS, 403: INTERVIEWER_ONLY, 404: 'No such session or checklist item' },
    { body: true },
  ),
})

export const listMessagesRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/messages',
  summary: 'The Q&A thread (every role of the session)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer', 'candidate', 'observer')] as const,
  request: { params: sessionParams },
  responses: apiResponses(
    { 200: jsonResponse(z.object({ messages: z.array(SessionMessage) }), 'Oldest first') },
    SESSION_READ_ERRORS,
  ),
})

export const postMessageRoute = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/messages',
  summary: 'Ask or answer in the Q&A thread (candidate, interviewer, organiser; observers read only)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer', 'candidate')] as const,
  request: { params: sessionParams, ...jsonBody(PostMessageBody) },
  responses: apiResponses(
    { 201: jsonResponse(SessionMessage, 'The message') },
    { ...SESSION_READ_ERRORS, 403: 'An observer token, or another session’s' },
    { body: true },
  ),
})

export const getFeedbackRoute = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/feedback',
  summary: 'The structured feedback; the candidate and observers get it once it is released',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer', 'candidate', 'observer')] as const,
  request: { params: sessionParams },
  responses: apiResponses(
    { 200: jsonResponse(z.object({ feedback: Feedback.nullable() }), 'null until written (or released)') },
    SESSION_READ_ERRORS,
  ),
})

export const saveFeedbackRoute = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/feedback',
  summary:
    'Write one strength and one improvement, and release them to the candidate (interviewer and organiser)',
  security: [{ bearer: [] }],
  middleware: [allow('organiser', 'interviewer')] as const,
  request: { params: sessionParams, ...jsonBody(FeedbackBody) },
  responses: apiResponses(
    { 200: jsonResponse(Feedback, 'The feedback as stored') },
    { ...SESSION_READ_ERRORS, 403: INTERVIEWER_ONLY },
    { body: true },
  ),
})
