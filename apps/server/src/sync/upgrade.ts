import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import {
  canEditBoard,
  DocumentLayer,
  documentIdOf,
  type Role,
  SessionId,
  SYNC_PATH,
  SyncCloseCode,
  UserId,
} from '@scaleboard/schema'
import type { Storage } from '@scaleboard/storage'
import { type Room, type RoomConnection, RoomFullError, type RoomRegistry } from '@scaleboard/sync-room'
import { type RawData, WebSocketServer } from 'ws'
import type { RateLimiter } from '../http/rateLimiter.ts'
import type { SessionState } from '../interview/sessionState.ts'
import { resolveSyncGrant } from './syncGrant.ts'
import type { TicketStore } from './tickets.ts'
import { websocketConnection } from './websocketConnection.ts'

export interface SyncEndpointOptions {
  storage: Storage
  rooms: RoomRegistry
  maxFrameBytes: number
  /** Single-use tickets from `POST /api/sessions/:id/tickets` (see syncGrant.ts). */
  tickets: TicketStore
  /** Failed credentials per client address, shared with /api. */
  authFailures: RateLimiter
  /** The session-state channel: each connection gets the current state right after it joins. */
  sessionState?: SessionState
  /**
   * Sessions deleted (or being deleted) by this process (sessionDeletion.ts): a ticket fetched
   * just before the delete must not open a room of it, nor a socket join one after its sweep.
   */
  isSessionDeleted?: (sessionId: string) => boolean
  /** The handler's own failures (default: the console). Never given a URL: it carries tickets. */
  onError?: (error: unknown, context: string) => void
  /** An upgrade refused (HTTP status) or accepted only to be closed (close code), for metrics. */
  onRefused?: (statusOrCode: number) => void
}

/**
 * Handles `upgrade` requests for `/sync/<sessionId>?ticket=…&user=…` (or `?token=…`, see
 * syncGrant.ts), and `/sync/<sessionId>/annotations` for the interviewer's layer: the grant is checked and the room loaded BEFORE the handshake completes, so a
 * refused client receives no document bytes and an accepted one is never answered from an
 * unloaded room.
 */
export function createSyncUpgradeHandler({
  storage,
  rooms,
  maxFrameBytes,
  tickets,
  authFailures,
  sessionState,
  isSessionDeleted = () => false,
  onError = (error, context) => console.error(`[sync] ${context}: ${(error as Error)?.message ?? error}`),
  onRefused = () => {},
}: SyncEndpointOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes })
  const refuse = (socket: Duplex, status: number, text: string) => {
    onRefused(status)
    refuseWith(socket, status, text)
  }

  async function sendSessionState(sessionId: string, room: Room, connection: RoomConnection) {
    if (!sessionState || !connection.wantsSessionState) return
    try {
      const session = await storage.getSession(sessionId)
      if (session)
        room.broadcast(sessionState.frame(await sessionState.view(session)), (c) => c === connection)
    } catch (error) {
      onError(error, 'could not send the session state')
    }
  }

  /** What everyone sees of a connection in presence: its role, and the candidate's name from the session. */
  async function identityOf(sessionId: string, role: Role): Promise<Record<string, unknown>> {
    if (role !== 'candidate') return { role }
    const session = await storage.getSession(sessionId)
    return session?.candidateName ? { role, name: session.candidateName } : { role }
  }

  async function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy())
    const url = new URL(request.url ?? '/', 'http://localhost')
    const prefix = `${SYNC_PATH}/`
    if (!url.pathname.startsWith(prefix)) return refuse(socket, 404, 'Not Found')
    const [sessionSegment, layerSegment, ...rest] = url.pathname.slice(prefix.length).split('/')
    const sessionId = SessionId.safeParse(safeDecode(sessionSegment ?? ''))
    const layer = DocumentLayer.exclude(['board']).safeParse(layerSegment ?? undefined)
    if (!sessionId.success || rest.length > 0 || (layerSegment !== undefined && !layer.success))
      return refuse(socket, 404, 'Not Found')
    const docId = documentIdOf(sessionId.data, layer.success ? layer.data : 'board')
    const annotations = layer.success
    const address = request.socket.remoteAddress ?? 'unknown'
    // Bad credentials count against the same per-address budget as REST's 401s.
    if (!authFailures.has(address)) return refuse(socket, 429, 'Too Many Requests')
    const grant = await resolveSyncGrant(url, storage, tickets)
    if (!grant || grant.sessionId !== sessionId.data) authFailures.take(address)
    if (!grant) return refuse(socket, 401, 'Unauthorized')
    if (grant.sessionId !== sessionId.data) return refuse(socket, 403, 'Forbidden')
    if (isSessionDeleted(grant.sessionId))
      return acceptThenClose(socket, request, head, SyncCloseCode.sessionDeleted, DELETED_REASON)
    // The log's author and the presence's role come from the grant; `user` only labels the browser.
    const user = UserId.safeParse(url.searchParams.get('user') ?? undefined)
    const identity = await identityOf(grant.sessionId, grant.role)

    let lease: Awaited<ReturnType<RoomRegistry['open']>>
    try {
      lease = await rooms.open(docId, grant.role)
    } catch (error) {
      if (error instanceof RoomFullError)
        return acceptThenClose(
          socket,
          request,
          head,
          SyncCloseCode.roomFull,
          `no free ${grant.role} slot in this room`,
        )
      throw error
    }
    if (socket.destroyed) return lease.release()

    wss.handleUpgrade(request, socket, head, (ws) => {
      // Deleted while this socket was on its way: it joins nothing (the delete's sweep has run).
      if (isSessionDeleted(grant.sessionId)) {
        ws.on('error', () => {})
        ws.close(SyncCloseCode.sessionDeleted, DELETED_REASON)
        return lease.release()
      }
      const connection = websocketConnection(
        ws,
        { sessionId: grant.sessionId, role: grant.role, userId: user.success ? user.data : null },
        // The interviewer's layer is read-only for everyone else: their updates are dropped, never stored.
        annotations ? grant.role !== 'interviewer' : !canEditBoard(grant.role),
        identity,
        // Opt-in: a stock y-websocket client would log every frame of a type it does not know.
        !annotations && url.searchParams.get('session') === '1',
      )
      const room = lease.room
      // Without an 'error' listener, ws re-throws (e.g. an oversized frame) and the process dies.
      ws.on('error', () => {})
      ws.on('message', (data: RawData, isBinary: boolean) => {
        if (!isBinary) return connection.close(SyncCloseCode.malformedMessage, 'text frames are not accepted')
        room.receive(connection, toBytes(data))
      })
      ws.on('close', () => rooms.leave(room, connection))
      lease.join(connection)
      void sendSessionState(grant.sessionId, room, connection)
    })
  }

  function acceptThenClose(
    socket: Duplex,
    request: IncomingMessage,
    head: Buffer,
    code: number,
    reason: string,
  ) {
    onRefused(code)
    // A close code reaches the client's UI; a refused handshake would only look like a network error.
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', () => {})
      ws.close(code, reason)
    })
  }

  return {
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
      handleUpgrade(request, socket, head).catch((error) => {
        onError(error, 'upgrade failed')
        refuse(socket, 500, 'Internal Server Error')
      })
    },
    close: () => {
      for (const client of wss.clients) client.close(SyncCloseCode.serverRestart, 'server restarting')
      wss.close()
    },
  }
}

const DELETED_REASON = 'this interview was deleted'

function refuseWith(socket: Duplex, status: number, text: string): void {
  if (socket.destroyed) return
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

/** A path segment, or null when its percent-encoding is malformed (e.g. `%E0%A4%A`). */
function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
