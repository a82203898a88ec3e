import type { SessionAccess } from '@scaleboard/schema'
import { useCallback, useEffect, useState } from 'react'
import { ApiRequestError, getSessionAccess } from '../api.ts'

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
  const [state, setState] = useState<AccessState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the request on retry
  useEffect(() => {
    let cancelled = false
    setState({ status: 'loading' })
    getSessionAccess(sessionId, token)
      .then((access) => !cancelled && setState({ status: 'ready', access }))
      .catch((error) => {
        if (cancelled) return
        if (error instanceof ApiRequestError && [400, 401, 403, 404].includes(error.status)) {
          setState({ status: 'invalid-link' })
        } else {
          setState({ status: 'error', message: error instanceof Error ? error.message : String(error) })
        }
      })
    return () => {
      cancelled = true
    }
  }, [sessionId, token, attempt])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, retry }
}
