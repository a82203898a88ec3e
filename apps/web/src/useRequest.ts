import { useCallback, useEffect, useState } from 'react'

export type RequestState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: unknown }

/**
 * Runs `load` when `key` changes (and again on `retry`), ignoring answers that arrive after the
 * component moved on. `key` names everything `load` depends on.
 */
export function useRequest<T>(
  load: () => Promise<T>,
  key: string,
): { state: RequestState<T>; retry: () => void } {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for load's inputs; `attempt` re-runs it
  useEffect(() => {
    let cancelled = false
    setState({ status: 'loading' })
    load().then(
      (data) => !cancelled && setState({ status: 'ready', data }),
      (error: unknown) => !cancelled && setState({ status: 'error', error }),
    )
    return () => {
      cancelled = true
    }
  }, [key, attempt])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, retry }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
