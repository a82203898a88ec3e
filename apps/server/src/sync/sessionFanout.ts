import { DocumentLayer, documentIdOf, type Role } from '@scaleboard/schema'
import type { RoomConnection, RoomRegistry } from '@scaleboard/sync-room'
import type { ClusterChannel, ClusterEvent } from '../cluster/clusterChannel.ts'

export interface SessionFanoutDeps {
  rooms: Pick<RoomRegistry, 'broadcast' | 'disconnect'>
  /** The other instances; `createLocalChannel()` when there are none. */
  channel: ClusterChannel
  /** A session another instance deleted: this one refuses new sockets for it too. */
  onSessionDeleted(sessionId: string): void
}

/**
 * What the server sends to a session's sockets (session-state frames) or does to them (closing
 * them on a revoked link or a deleted session), on this instance and, through the channel, on
 * every other instance that holds some of them.
 */
export interface SessionFanout {
  /** Sends a session-state channel frame to every socket of the session that asked for them. */
  broadcast(sessionId: string, frame: Uint8Array): void
  /** Closes the session's sockets on every layer: all of them, or one role's. */
  disconnect(sessionId: string, role: Role | null, code: number, reason: string): void
  /** Tells the other instances the session was deleted. */
  sessionDeleted(sessionId: string): void
  /** Stops listening to the other instances. */
  close(): void
}

export function createSessionFanout({ rooms, channel, onSessionDeleted }: SessionFanoutDeps): SessionFanout {
  const wantsSessionState = (connection: RoomConnection) => connection.wantsSessionState === true
  const broadcastHere = (sessionId: string, frame: Uint8Array) =>
    rooms.broadcast(sessionId, frame, wantsSessionState)
  const disconnectHere = (sessionId: string, role: Role | null, code: number, reason: string) => {
    for (const layer of DocumentLayer.options)
      rooms.disconnect(
        documentIdOf(sessionId, layer),
        (connection) => role === null || connection.author.role === role,
        code,
        reason,
      )
  }
  const unsubscribe = channel.subscribe((event: ClusterEvent) => {
    switch (event.type) {
      case 'session-frame':
        broadcastHere(event.sessionId, Buffer.from(event.frame, 'base64'))
        break
      case 'disconnect':
        disconnectHere(event.sessionId, event.role, event.code, event.reason)
        break
      case 'session-deleted':
        onSessionDeleted(event.sessionId)
        break
      default:
        event satisfies never
    }
  })
  return {
    broadcast(sessionId, frame) {
      broadcastHere(sessionId, frame)
      channel.publish({ type: 'session-frame', sessionId, frame: Buffer.from(frame).toString('base64') })
    },
    disconnect(sessionId, role, code, reason) {
      disconnectHere(sessionId, role, code, reason)
      channel.publish({ type: 'disconnect', sessionId, role, code, reason })
    },
    sessionDeleted(sessionId) {
      channel.publish({ type: 'session-deleted', sessionId })
    },
    close: unsubscribe,
  }
}
