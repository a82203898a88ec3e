import type { SessionAccess } from '@scaleboard/schema'
import { ApiRequestError, getSessionAccess } from '../api.ts'
import { errorMessage, useRequest } from '../useRequest.ts'

export type AccessState =
  | { status: 'loading' }
  | { status: 'ready'; access: SessionAccess }
  /** The link itself is wrong: unknown session, wrong or withdrawn token. */
  | { status: 'invalid-link' }
  /** Anything else (server down, network): worth a retry. */
  | { status: 'error'; message: string }

/** Asks the server what this link opens (GET /api/sessions/:id/access with the role token). */
export function useSessionAccess(
  sessionId: string,
  token: string,
): { state: AccessState; retry: () => void } {
  const { state, retry } = useRequest(() => getSessionAccess(sessionId, token), `${sessionId} ${token}`)
  return { state: toAccessState(state), retry }
}

function toAccessState(state: ReturnType<typeof useRequest<SessionAccess>>['state']): AccessState {
  switch (state.status) {
    case 'loading':
      return state
    case 'ready':
      return { status: 'ready', access: state.data }
    case 'error':
      return state.error instanceof ApiRequestError && [400, 401, 403, 404].includes(state.error.status)
        ? { status: 'invalid-link' }
        : { status: 'error', message: errorMessage(state.error) }
  }
}
