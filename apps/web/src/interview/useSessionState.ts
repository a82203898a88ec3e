import type { SessionView } from '@scaleboard/schema'
import { useCallback, useEffect, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import { getSessionView } from '../api.ts'
import { errorMessage } from '../useRequest.ts'
import { msUntilNextTick, newerView, type ReceivedView, receiveView, remainingAt } from './countdown.ts'
import { onSessionState } from './sessionChannel.ts'

export interface SessionState {
  /** The newest view of the session (by the server's clock), with when it arrived; null until one did. */
  received: ReceivedView | null
  /** Why the view could not be fetched, while none has arrived any other way. */
  error: string | null
  /** Adopts a view that came another way (the answer to a phase command), if it is the newest. */
  accept: (view: SessionView) => void
}

/**
 * The session's live state: `GET /api/sessions/:id` on mount (and whenever the tab becomes
 * visible again: a sleeping laptop's monotonic clock may have stood still), then every view the
 * server pushes on the board's socket. The newest view wins, whichever way it came.
 */
export function useSessionState(
  sessionId: string,
  token: string,
  provider: WebsocketProvider | null,
): SessionState {
  const [received, setReceived] = useState<ReceivedView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [fetches, setFetches] = useState(0)

  const keep = useCallback(
    (next: ReceivedView) => {
      if (next.view.id !== sessionId) return
      setReceived((current) => newerView(current?.view.id === sessionId ? current : null, next))
    },
    [sessionId],
  )

  const accept = useCallback(
    (view: SessionView) => keep(receiveView(view, performance.now(), Date.now())),
    [keep],
  )

  // biome-ignore lint/correctness/useExhaustiveDependencies: `fetches` re-runs the request
  useEffect(() => {
    let cancelled = false
    getSessionView(sessionId, token).then(
      (view) => {
        if (cancelled) return
        setError(null)
        accept(view)
      },
      (failure: unknown) => !cancelled && setError(errorMessage(failure)),
    )
    return () => {
      cancelled = true
    }
  }, [sessionId, token, accept, fetches])

  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'visible') setFetches((n) => n + 1)
    }
    document.addEventListener('visibilitychange', onVisibility)
    return () => document.removeEventListener('visibilitychange', onVisibility)
  }, [])

  useEffect(() => (provider ? onSessionState(provider, keep) : undefined), [provider, keep])

  return { received, error, accept }
}

/**
 * performance.now(), refreshed each time the shown countdown changes (once a second while the
 * clock runs; not at all while it stands still).
 */
export function useCountdownNow(received: ReceivedView | null): number {
  const [now, setNow] = useState(() => performance.now())
  useEffect(() => {
    setNow(performance.now())
    if (!received) return
    const { phase } = received.view
    if (phase.remainingMs === null || phase.paused) return
    let timer: number | undefined
    const schedule = () => {
      const remaining = remainingAt(phase, received.receivedAt, performance.now()) ?? 0
      timer = window.setTimeout(() => {
        setNow(performance.now())
        schedule()
      }, msUntilNextTick(remaining))
    }
    schedule()
    return () => window.clearTimeout(timer)
  }, [received])
  return now
}
