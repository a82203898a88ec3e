import type { SessionAccess } from '@scaleboard/schema'
import { ApiRequestError, getSessionAccess } from '../api.ts'
import { errorMessage, useRequest } from '../useRequest.ts'

/**
 * What is wrong with a link, in the words the page uses:
 * - malformed: not a whole link (cut short or changed when copied)
 * - revoked: replaced by a newer link ("issue new link")
 * - deleted: its interview was deleted
 * - other-session: a valid link, of another interview
 * - wrong: anything else (a token that never opened this interview)
 * - organiser: the organiser's view, and the saved organiser token was refused or is missing
 */
export type LinkProblem = 'malformed' | 'revoked' | 'deleted' | 'other-session' | 'wrong' | 'organiser'

export type AccessState =
  | { status: 'loading' }
  | { status: 'ready'; access: SessionAccess }
  /** The link itself is wrong: the problem says how, so the page can say what to do. */
  | { status: 'invalid-link'; problem: LinkProblem }
  /** Anything else (server down, network): worth a retry. */
  | { status: 'error'; message: string }

/** Access checks started before the page rendered, by session and token; each is used once. */
const early = new Map<string, Promise<SessionAccess>>()
const earlyKey = (sessionId: string, token: string) => `${sessionId} ${token}`

/**
 * Starts the access check now, before the page that needs it has rendered (see BoardPage.tsx:
 * React holds the page back for a while after its loading screen). The next `useSessionAccess`
 * for the same link takes this answer instead of asking again; a retry asks again.
 */
export function prefetchSessionAccess(sessionId: string, token: string): Promise<SessionAccess> {
  const key = earlyKey(sessionId, token)
  let access = early.get(key)
  if (!access) {
    access = getSessionAccess(sessionId, token)
    // a refusal is the page's to show once it renders, not an unhandled rejection now
    access.catch(() => {})
    early.set(key, access)
  }
  return access
}

function takeSessionAccess(sessionId: string, token: string): Promise<SessionAccess> {
  const key = earlyKey(sessionId, token)
  const access = early.get(key)
  early.delete(key)
  return access ?? getSessionAccess(sessionId, token)
}

/** Asks the server what this link opens (GET /api/sessions/:id/access with the role token). */
export function useSessionAccess(
  sessionId: string,
  token: string,
  { asOrganiser = false }: { asOrganiser?: boolean } = {},
): { state: AccessState; retry: () => void } {
  const { state, retry } = useRequest(() => takeSessionAccess(sessionId, token), earlyKey(sessionId, token))
  return { state: toAccessState(state, asOrganiser), retry }
}

function toAccessState(
  state: ReturnType<typeof useRequest<SessionAccess>>['state'],
  asOrganiser: boolean,
): AccessState {
  switch (state.status) {
    case 'loading':
      return state
    case 'ready':
      return { status: 'ready', access: state.data }
    case 'error': {
      const error = state.error
      if (!(error instanceof ApiRequestError) || ![400, 401, 403, 404].includes(error.status))
        return { status: 'error', message: errorMessage(error) }
      return { status: 'invalid-link', problem: linkProblemOf(error, asOrganiser) }
    }
  }
}

/** The server's `reason` (AuthFailureReason) as the page's problem. */
export function linkProblemOf(error: ApiRequestError, asOrganiser: boolean): LinkProblem {
  // The organiser's own token: a deleted session is still "deleted"; anything else is the token.
  if (asOrganiser) return error.status === 404 ? 'deleted' : 'organiser'
  switch (error.reason) {
    case 'malformed':
      return 'malformed'
    case 'revoked':
      return 'revoked'
    case 'session_deleted':
      return 'deleted'
    case 'other_session':
      return 'other-session'
    default:
      return 'wrong'
  }
}
