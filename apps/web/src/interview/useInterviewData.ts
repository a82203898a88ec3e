import type {
  Checklist,
  Feedback,
  InterviewerNote,
  RequirementChange,
  Role,
  SessionMessage,
} from '@scaleboard/schema'
import { useCallback } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import { getChecklist, getFeedback, getMessages, getNotes, getRequirementChanges } from '../api.ts'
import { type LiveResource, useLiveResource } from './useLiveResource.ts'

export interface InterviewData {
  checklist: LiveResource<Checklist>
  /** interviewer only: never fetched with another role's token */
  notes: LiveResource<InterviewerNote[]>
  messages: LiveResource<SessionMessage[]>
  feedback: LiveResource<Feedback | null>
  /** requirements the interviewer added during the session: every role's brief shows them */
  requirements: LiveResource<RequirementChange[]>
}

/**
 * The session's checklist, notes, Q&A thread, feedback and requirement changes, each kept fresh
 * from the board's socket. The board page fetches each once and hands it to the panels and the brief.
 */
export function useInterviewData(
  sessionId: string,
  token: string,
  role: Role,
  provider: WebsocketProvider | null,
): InterviewData {
  const key = `${sessionId}:${token}`
  const interviewer = role === 'interviewer'
  const checklist = useLiveResource(
    useCallback(() => getChecklist(sessionId, token), [sessionId, token]),
    key,
    provider,
    'checklist',
  )
  const notes = useLiveResource(
    useCallback(() => getNotes(sessionId, token), [sessionId, token]),
    key,
    provider,
    null,
    interviewer,
  )
  const messages = useLiveResource(
    useCallback(() => getMessages(sessionId, token), [sessionId, token]),
    key,
    provider,
    'messages',
  )
  const feedback = useLiveResource(
    useCallback(() => getFeedback(sessionId, token), [sessionId, token]),
    key,
    provider,
    'feedback',
  )
  const requirements = useLiveResource(
    useCallback(() => getRequirementChanges(sessionId, token), [sessionId, token]),
    key,
    provider,
    'requirements',
  )
  return { checklist, notes, messages, feedback, requirements }
}
