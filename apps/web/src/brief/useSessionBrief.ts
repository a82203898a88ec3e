import { getSessionBrief, type SessionBrief } from '../api.ts'
import { errorMessage, useRequest } from '../useRequest.ts'

export type BriefState =
  | { status: 'loading' }
  | { status: 'ready'; brief: SessionBrief }
  | { status: 'error'; message: string }

/** The session's brief for this link's role (GET /api/sessions/:id/brief); the server strips guidance. */
export function useSessionBrief(sessionId: string, token: string): { state: BriefState; retry: () => void } {
  const { state, retry } = useRequest(() => getSessionBrief(sessionId, token), `${sessionId} ${token}`)
  if (state.status === 'ready') return { state: { status: 'ready', brief: state.data }, retry }
  if (state.status === 'error')
    return { state: { status: 'error', message: errorMessage(state.error) }, retry }
  return { state, retry }
}
