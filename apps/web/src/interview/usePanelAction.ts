import { useCallback, useState } from 'react'
import { errorMessage } from '../useRequest.ts'

/**
 * One request a side-panel form makes at a time: `busy` while it runs, and what went wrong in
 * plain words if it failed (`lead` says which action, e.g. "Could not save the note").
 * `run` resolves true when the action succeeded, so the form can clear itself.
 */
export function usePanelAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = useCallback(async (lead: string | null, action: () => Promise<void>): Promise<boolean> => {
    setBusy(true)
    setError(null)
    try {
      await action()
      return true
    } catch (failure) {
      setError(lead ? `${lead}: ${errorMessage(failure)}` : errorMessage(failure))
      return false
    } finally {
      setBusy(false)
    }
  }, [])
  return { busy, error, run }
}
