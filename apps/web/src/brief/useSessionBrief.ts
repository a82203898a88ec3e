import { useCallback, useEffect, useState } from 'react'
import { getSessionBrief, type SessionBrief } from '../api.ts'

export type BriefState =
  | { status: 'loading' }
  | { status: 'ready'; brief: SessionBrief }
  | { status: 'error'; message: string }

/** The session's brief for this link's role (GET /api/sessions/:id/brief); the server strips guidance. */
export function useSessionBrief(sessionId: string, token: string): { state: BriefState; retry: () => void } {
  const [state, setState] = useState<BriefState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the request on retry
  useEffect(() => {
    let cancelled = false
    setState({ status: 'loading' })
    getSessionBrief(sessionId, token)
      .then((brief) => !cancelled && setState({ status: 'ready', brief }))
      .catch((error) => {
        if (!cancelled)
          setState({ status: 'error', message: error instanceof Error ? error.message : String(error) })
      })
    return () => {
      cancelled = true
    }
  }, [sessionId, token, attempt])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, retry }
}
