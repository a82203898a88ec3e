import type { AnalysisState } from '@scaleboard/schema'
import { useCallback } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import { ApiRequestError, getAnalysisState } from '../api.ts'
import { type LiveResource, useLiveResource } from '../interview/useLiveResource.ts'

/** The server's answer to a candidate or observer while the interviewer keeps the analysis to themselves. */
const NOT_SHOWN = 'analysis_not_shown'

/**
 * The session's analysis state (targets, the what-if in force, whether it is shown), refetched on
 * `changed: analysis` frames, on reconnect and when the tab is shown again. `data` is null while
 * the analysis is hidden from this person: for them that is the normal state, not an error.
 */
export function useAnalysisState(
  sessionId: string,
  token: string,
  provider: WebsocketProvider | null,
): LiveResource<AnalysisState | null> {
  return useLiveResource(
    useCallback(async () => {
      try {
        return await getAnalysisState(sessionId, token)
      } catch (failure) {
        if (failure instanceof ApiRequestError && failure.status === 403 && failure.code === NOT_SHOWN)
          return null
        throw failure
      }
    }, [sessionId, token]),
    `${sessionId}:${token}`,
    provider,
    'analysis',
  )
}
