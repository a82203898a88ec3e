import { type DocumentLayer, documentIdOf, SYNC_PATH, SyncCloseCode } from '@scaleboard/schema'
import { useCallback, useEffect, useReducer, useState } from 'react'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { ApiRequestError, createSyncTicket } from '../api.ts'
import { attachSessionChannel } from '../interview/sessionChannel.ts'
import {
  type ConnectionFacts,
  initialConnectionFacts,
  minimumBackoffSteps,
  reduceConnection,
  shouldReconnectAfter,
} from './connectionState.ts'
import { sendOwnAwarenessOnly } from './ownAwarenessOnly.ts'
import { TicketRefusal, ticketWebSocket } from './ticketWebSocket.ts'

export interface BoardConnection {
  doc: Y.Doc
  provider: WebsocketProvider
}

export interface UseBoardConnection {
  /** Null until the effect created it (and again for a moment when the session changes). */
  connection: BoardConnection | null
  facts: ConnectionFacts
  /** Try again after a failure. */
  retry: () => void
}

/** ws: or wss: on this page's own host: the app never talks to another origin. */
function syncServerUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${protocol}//${window.location.host}${SYNC_PATH}`
}

/**
 * A fresh single-use ticket for the next socket. A refused token becomes a permanent close (the
 * link was withdrawn); a rate limit a temporary one; anything else looks like a failed connect.
 */
async function fetchTicket(sessionId: string, token: string): Promise<string> {
  try {
    return (await createSyncTicket(sessionId, token)).ticket
  } catch (error) {
    if (error instanceof ApiRequestError && error.reason === 'session_deleted')
      throw new TicketRefusal(SyncCloseCode.sessionDeleted, error.message)
    if (error instanceof ApiRequestError && (error.status === 401 || error.status === 403))
      throw new TicketRefusal(SyncCloseCode.tokenRevoked, error.message)
    if (error instanceof ApiRequestError && error.status === 404)
      throw new TicketRefusal(SyncCloseCode.sessionDeleted, error.message)
    if (error instanceof ApiRequestError && error.status === 429)
      throw new TicketRefusal(SyncCloseCode.rateLimited, error.message)
    throw error
  }
}

/**
 * One Y.Doc and y-websocket provider per open document (`/sync/<sessionId>?ticket=…&user=…` for
 * the board, `/sync/<sessionId>/annotations?…` for the interviewer's layer, with a new ticket for
 * every connect: the role token never enters a WebSocket URL), with its events folded into
 * ConnectionFacts. Created in an effect so React's dev double-mount gets a fresh provider rather
 * than a destroyed one. Presence and the session-state channel travel with the board only.
 */
export function useBoardConnection(
  sessionId: string,
  token: string,
  userId: string,
  layer: DocumentLayer = 'board',
): UseBoardConnection {
  const [connection, setConnection] = useState<BoardConnection | null>(null)
  const [facts, dispatch] = useReducer(reduceConnection, initialConnectionFacts)

  useEffect(() => {
    const doc = new Y.Doc()
    const board = layer === 'board'
    const provider = new WebsocketProvider(syncServerUrl(), documentIdOf(sessionId, layer), doc, {
      // `user` is only a label; the grant comes from the ticket.
      // `session=1`: this page reads the session-state channel (phase, clock, what changed).
      params: board ? { user: userId, session: '1' } : { user: userId },
      WebSocketPolyfill: ticketWebSocket(() => fetchTicket(sessionId, token)),
      // Tabs must not relay each other's updates: an observer tab would bypass the server's read-only check.
      disableBc: true,
      maxBackoffTime: 5000,
      shouldReconnect: (event) => shouldReconnectAfter(event.code),
    })
    sendOwnAwarenessOnly(provider)
    if (board) {
      // Before the first connect completes: the server sends the session state right after the join.
      attachSessionChannel(provider)
    } else {
      // Everyone's presence is on the board's connection; this one carries no awareness.
      provider.awareness.setLocalState(null)
    }
    const onStatus = ({ status }: { status: 'connecting' | 'connected' | 'disconnected' }) =>
      dispatch({ type: 'status', status })
    const onSync = (synced: boolean) => dispatch({ type: 'sync', synced })
    const onConnectionClose = (event: CloseEvent | null) => {
      // Emitted before y-websocket schedules the next attempt: a server that asked us to slow
      // down (rate limit, storage trouble) gets a longer wait than an ordinary drop.
      if (event) {
        const floor = minimumBackoffSteps(event.code)
        if (provider.wsUnsuccessfulReconnects < floor) provider.wsUnsuccessfulReconnects = floor
      }
      dispatch({ type: 'connection-closed', code: event ? event.code : null, reason: event?.reason ?? '' })
    }
    const onClosed = ({ code, reason }: { code: number; reason: string }) =>
      dispatch({ type: 'refused', code, reason })
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider) dispatch({ type: 'local-edit' })
    }
    provider.on('status', onStatus)
    provider.on('sync', onSync)
    provider.on('connection-close', onConnectionClose)
    provider.on('closed', onClosed)
    doc.on('update', onUpdate)
    setConnection({ doc, provider })
    return () => {
      doc.off('update', onUpdate)
      provider.off('status', onStatus)
      provider.off('sync', onSync)
      provider.off('connection-close', onConnectionClose)
      provider.off('closed', onClosed)
      provider.destroy()
      doc.destroy()
      setConnection(null)
    }
  }, [sessionId, token, userId, layer])

  // Stop hammering the server once a failure is known; `retry` resumes.
  useEffect(() => {
    if (facts.failure && connection) connection.provider.disconnect()
  }, [facts.failure, connection])

  const retry = useCallback(() => {
    dispatch({ type: 'retry' })
    connection?.provider.connect()
  }, [connection])

  return { connection, facts, retry }
}
