import { SyncCloseCode } from '@scaleboard/schema'

/** What the connection indicator shows (also its `data-state`). */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline'

/** A problem that retrying on its own will not fix: the board stops connecting and says why. */
export interface ConnectionFailure {
  kind: 'unreachable' | 'room-full' | 'too-large' | 'refused'
  message: string
}

/** Everything the page knows about its sync connection, folded from y-websocket's events. */
export interface ConnectionFacts {
  socket: 'connecting' | 'connected' | 'disconnected'
  synced: boolean
  /** The board reached the server at least once (its first sync is done). */
  everSynced: boolean
  /** Local edits made while not synced: they live only in this tab until the next sync. */
  unsyncedEdits: boolean
  /** Closed connections since the last successful sync. */
  failedAttempts: number
  failure: ConnectionFailure | null
}

export type ConnectionEvent =
  | { type: 'status'; status: 'connecting' | 'connected' | 'disconnected' }
  | { type: 'sync'; synced: boolean }
  | { type: 'local-edit' }
  /** y-websocket's `connection-close`; code null when we closed it ourselves. */
  | { type: 'connection-closed'; code: number | null }
  /** y-websocket's `closed`: the server said not to reconnect (4400-4499). */
  | { type: 'refused'; code: number }
  | { type: 'retry' }

/**
 * Before the first sync a refused upgrade (bad token, server down) looks like an endless string of
 * closes: after this many the page stops and explains instead of retrying forever.
 */
export const FIRST_CONNECT_ATTEMPTS = 3

export const initialConnectionFacts: ConnectionFacts = {
  socket: 'connecting',
  synced: false,
  everSynced: false,
  unsyncedEdits: false,
  failedAttempts: 0,
  failure: null,
}

export function reduceConnection(facts: ConnectionFacts, event: ConnectionEvent): ConnectionFacts {
  switch (event.type) {
    case 'status':
      return {
        ...facts,
        socket: event.status,
        synced: event.status === 'connected' ? facts.synced : false,
      }
    case 'sync':
      return event.synced
        ? { ...facts, synced: true, everSynced: true, unsyncedEdits: false, failedAttempts: 0 }
        : { ...facts, synced: false }
    case 'local-edit':
      return facts.socket === 'connected' && facts.synced ? facts : { ...facts, unsyncedEdits: true }
    case 'connection-closed': {
      if (event.code === null) return facts
      const failedAttempts = facts.failedAttempts + 1
      if (event.code === SyncCloseCode.frameTooLarge) {
        return { ...facts, failedAttempts, failure: failureFor(event.code) }
      }
      if (!facts.everSynced && failedAttempts >= FIRST_CONNECT_ATTEMPTS) {
        return { ...facts, failedAttempts, failure: failureFor(null) }
      }
      return { ...facts, failedAttempts }
    }
    case 'refused':
      return { ...facts, failure: failureFor(event.code) }
    case 'retry':
      return { ...facts, failedAttempts: 0, failure: null }
  }
}

/** The indicator's state: unsynced work outranks "reconnecting", which outranks "connecting". */
export function connectionState(facts: ConnectionFacts): ConnectionState {
  if (facts.socket === 'connected' && facts.synced) return 'live'
  if (facts.unsyncedEdits) return 'offline'
  if (facts.everSynced) return 'reconnecting'
  return 'connecting'
}

/** Should the provider reconnect after the server closed with this code? */
export function shouldReconnectAfter(code: number): boolean {
  // Resending the same oversized change would be closed again, in a loop.
  if (code === SyncCloseCode.frameTooLarge) return false
  return !(code >= 4400 && code < 4500)
}

function failureFor(code: number | null): ConnectionFailure {
  switch (code) {
    case SyncCloseCode.roomFull:
      return {
        kind: 'room-full',
        message: 'This board has as many people connected as it allows. Try again in a moment.',
      }
    case SyncCloseCode.frameTooLarge:
      return {
        kind: 'too-large',
        message:
          'Your last change was too large to save (a very large pasted image, for example). Reload the page to continue; that change will be lost.',
      }
    case null:
      return {
        kind: 'unreachable',
        message:
          'Could not connect to this board. The server may be down, or the link may have been withdrawn. Try again, or ask the organiser for a new link.',
      }
    default:
      return {
        kind: 'refused',
        message: 'The server closed the connection to this board. Reload the page to try again.',
      }
  }
}
