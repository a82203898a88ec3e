import { getSessionBrief, type SessionBrief } from '../api.ts'
import { errorMessage, useRequest } from '../useRequest.ts'

export type BriefState =
  | { status: 'loading' }
  | { status: 'ready'; brief: SessionBrief }
  | { status: 'error'; message: string }

// A session's brief does not change while it runs: the brief panel and the checklist panel (which
// offers the scenario's suggested requirement changes) share one request per session and token.
const briefs = new Map<string, Promise<SessionBrief>>()

function loadBrief(sessionId: string, token: string): Promise<SessionBrief> {
  const key = `${sessionId} ${token}`
  let brief = briefs.get(key)
  if (!brief) {
    brief = getSessionBrief(sessionId, token)
    briefs.set(key, brief)
    // A failure is not kept: "Try again" asks the server again.
    brief.catch(() => briefs.delete(key))
  }
  return brief
}

/** The session's brief for this link's role (GET /api/sessions/:id/brief); the server strips guidance. */
export function useSessionBrief(sessionId: string, token: string): { state: BriefState; retry: () => void } {
  const { state, retry } = useRequest(() => loadBrief(sessionId, token), `${sessionId} ${token}`)
  if (state.status === 'ready') return { state: { status: 'ready', brief: state.data }, retry }
  if (state.status === 'error')
    return { state: { status: 'error', message: errorMessage(state.error) }, retry }
  return { state, retry }
}
