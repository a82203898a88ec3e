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

/** Asks the server what this link opens (GET /api/sessions/:id/access with the role token). */
export function useSessionAccess(
  sessionId: string,
  token: string,
  { asOrganiser = false }: { asOrganiser?: boolean } = {},
): { state: AccessState; retry: () => void } {
  const { state, retry } = useRequest(() => getSessionAccess(sessionId, token), `${sessionId} ${token}`)
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
