import type { Revision, Role } from '@scaleboard/schema'
import { useCallback } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import { getReplaySharing, listRevisions } from '../api.ts'
import { type LiveResource, useLiveResource } from '../interview/useLiveResource.ts'

export interface RevisionData {
  /** oldest first, as the server lists them */
  revisions: LiveResource<Revision[]>
  /** whether the candidate may open the replay; not fetched for observers (they always may) */
  replayShared: LiveResource<boolean>
}

/**
 * The session's revisions and whether its replay is shared, each refetched when the board's socket
 * says so (`changed: revisions` / `changed: replay`), on reconnect, and when the tab is shown again.
 */
export function useRevisionData(
  sessionId: string,
  token: string,
  role: Role,
  provider: WebsocketProvider | null,
): RevisionData {
  const key = `${sessionId}:${token}`
  const revisions = useLiveResource(
    useCallback(() => listRevisions(sessionId, token), [sessionId, token]),
    key,
    provider,
    'revisions',
  )
  const replayShared = useLiveResource(
    useCallback(() => getReplaySharing(sessionId, token), [sessionId, token]),
    key,
    provider,
    'replay',
    role !== 'observer',
  )
  return { revisions, replayShared }
}
