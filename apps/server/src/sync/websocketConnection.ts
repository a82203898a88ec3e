import type { Author } from '@scaleboard/storage'
import type { RoomConnection } from '@scaleboard/sync-room'
import { WebSocket } from 'ws'

/** A `ws` socket seen as a room connection. Sending on a closing socket is a no-op. */
export function websocketConnection(
  socket: WebSocket,
  author: Author,
  readonly: boolean,
  identity: Record<string, unknown>,
  wantsSessionState: boolean,
): RoomConnection {
  return {
    author,
    readonly,
    identity,
    wantsSessionState,
    bufferedAmount: () => socket.bufferedAmount,
    send(frame) {
      if (socket.readyState === WebSocket.OPEN) socket.send(frame)
    },
    close(code, reason) {
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING)
        socket.close(code, reason)
    },
  }
}
