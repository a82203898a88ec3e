import { useCallback, useEffect, useRef, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import { errorMessage } from '../useRequest.ts'
import { type ChangedResource, onSessionChange } from './sessionChannel.ts'

export interface LiveResource<T> {
  /** The newest answer; null until the first one arrived. */
  data: T | null
  /** Whether an answer arrived (`data` may itself be null, e.g. no feedback yet). */
  loaded: boolean
  /** Why the newest fetch failed (the last good data stays shown). */
  error: string | null
  /** Fetch again now (after a write, or from a "Try again" button). */
  reload: () => void
  /** Adopt data that came another way (the answer to a write), before the refetch confirms it. */
  set: (update: (current: T | null) => T | null) => void
}

/**
 * A session resource kept fresh: fetched on mount, and again whenever the board's socket says it
 * changed (`{ type: 'changed', what }`), the socket reconnects (frames may have been missed), or
 * the tab becomes visible again. Answers that arrive after a newer fetch started are dropped.
 * `key` names everything `load` depends on; `enabled: false` skips fetching (a role that may not read it).
 */
export function useLiveResource<T>(
  load: () => Promise<T>,
  key: string,
  provider: WebsocketProvider | null,
  what: ChangedResource | null,
  enabled = true,
): LiveResource<T> {
  const [data, setData] = useState<T | null>(null)
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [fetches, setFetches] = useState(0)
  const latest = useRef(0)
  const loadedKey = useRef(key)
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(() => setFetches((n) => n + 1), [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for load's inputs; `fetches` re-runs it
  useEffect(() => {
    if (!enabled) return
    if (loadedKey.current !== key) {
      // Another session or token: what was shown belongs to it.
      loadedKey.current = key
      setData(null)
      setLoaded(false)
      setError(null)
    }
    const id = ++latest.current
    loadRef.current().then(
      (next) => {
        if (id !== latest.current) return
        setData(next)
        setLoaded(true)
        setError(null)
      },
      (failure: unknown) => id === latest.current && setError(errorMessage(failure)),
    )
  }, [key, fetches, enabled])

  useEffect(() => {
    if (!provider || !what) return
    const offChange = onSessionChange(provider, (changed) => changed === what && reload())
    const onStatus = ({ status }: { status: string }) => status === 'connected' && reload()
    provider.on('status', onStatus)
    return () => {
      offChange()
      provider.off('status', onStatus)
    }
  }, [provider, what, reload])

  useEffect(() => {
    const onVisibility = () => document.visibilityState === 'visible' && reload()
    document.addEventListener('visibilitychange', onVisibility)
    return () => document.removeEventListener('visibilitychange', onVisibility)
  }, [reload])

  const set = useCallback((update: (current: T | null) => T | null) => {
    setData(update)
    setLoaded(true)
  }, [])
  return { data, loaded, error, reload, set }
}
