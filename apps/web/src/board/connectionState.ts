import { isTemporaryCloseCode, SyncCloseCode } from '@scaleboard/schema'

/**
 * What the indicator shows (also its `data-state`). `disconnected`: the board stopped connecting
 * because of a problem retrying will not fix; a banner says what it is.
 */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'disconnected'

/** A problem that retrying on its own will not fix: the board stops connecting and says why. */
export interface ConnectionFailure {
  kind:
    | 'unreachable'
    | 'room-full'
    | 'too-large'
    | 'change-refused'
    | 'limit-exceeded'
    | 'revoked'
    | 'deleted'
    | 'refused'
  /** What happened and what to do, in plain words. */
  message: string
  /** The server's close reason, when it gave one: detail for the curious, never the whole story. */
  detail: string | null
  /**
   * What the banner's button does. `reload` starts the page afresh from the server's board, which
   * discards the local change the server refused; `retry` connects again; null: nothing on this
   * page helps (e.g. the link was withdrawn).
   */
  action: 'reload' | 'retry' | null
}

/** A temporary close the board recovers from by itself: it keeps reconnecting and says why. */
export interface ConnectionNotice {
  kind: 'storage-unavailable' | 'rate-limited' | 'slow-reader' | 'server-restart'
  message: string
  detail: string | null
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
  /** Why the board is reconnecting, when the server said; cleared by the next sync. */
  notice: ConnectionNotice | null
}

export type ConnectionEvent =
  | { type: 'status'; status: 'connecting' | 'connected' | 'disconnected' }
  | { type: 'sync'; synced: boolean }
  | { type: 'local-edit' }
  /** y-websocket's `connection-close`; code null when we closed it ourselves. */
  | { type: 'connection-closed'; code: number | null; reason?: string }
  /** y-websocket's `closed`: the server said not to reconnect (4400-4499). */
  | { type: 'refused'; code: number; reason?: string }
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
  notice: null,
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
        ? { ...facts, synced: true, everSynced: true, unsyncedEdits: false, failedAttempts: 0, notice: null }
        : { ...facts, synced: false }
    case 'local-edit':
      return facts.socket === 'connected' && facts.synced ? facts : { ...facts, unsyncedEdits: true }
    case 'connection-closed': {
      if (event.code === null) return facts
      const detail = event.reason || null
      // The server asked for a pause; it was reached, so this is no sign of a bad link or a dead server.
      if (isTemporaryCloseCode(event.code)) {
        const notice = noticeFor(event.code, detail)
        return {
          ...facts,
          notice,
          // Edits it could not store live only in this tab until it can.
          unsyncedEdits: facts.unsyncedEdits || notice.kind === 'storage-unavailable',
        }
      }
      const failedAttempts = facts.failedAttempts + 1
      if (event.code === SyncCloseCode.frameTooLarge) {
        return { ...facts, failedAttempts, unsyncedEdits: true, failure: failureFor(event.code, detail) }
      }
      if (!facts.everSynced && failedAttempts >= FIRST_CONNECT_ATTEMPTS) {
        return { ...facts, failedAttempts, failure: failureFor(null, null) }
      }
      return { ...facts, failedAttempts }
    }
    case 'refused': {
      const failure = failureFor(event.code, event.reason || null)
      const refusedEdit = failure.kind === 'change-refused' || failure.kind === 'limit-exceeded'
      return { ...facts, notice: null, failure, unsyncedEdits: facts.unsyncedEdits || refusedEdit }
    }
    case 'retry':
      return { ...facts, failedAttempts: 0, failure: null, notice: null }
  }
}

/** The indicator's state: a stop outranks unsynced work, which outranks "reconnecting", then "connecting". */
export function connectionState(facts: ConnectionFacts): ConnectionState {
  if (facts.socket === 'connected' && facts.synced && !facts.failure) return 'live'
  if (facts.unsyncedEdits) return 'offline'
  if (facts.failure) return 'disconnected'
  if (facts.everSynced) return 'reconnecting'
  return 'connecting'
}

/** Should the provider reconnect after the server closed with this code? */
export function shouldReconnectAfter(code: number): boolean {
  // Resending the same oversized change would be closed again, in a loop.
  if (code === SyncCloseCode.frameTooLarge) return false
  return !(code >= 4400 && code < 4500)
}

/**
 * y-websocket waits 2^(n+1) × 100 ms (up to its maxBackoffTime) after the n-th failed attempt in a
 * row, and a successful sync resets n. A server that asked us to slow down gets at least this n,
 * so it is not hit again 200 ms later (and again after every sync).
 */
export function minimumBackoffSteps(code: number): number {
  switch (code) {
    case SyncCloseCode.rateLimited:
    case SyncCloseCode.storageUnavailable:
      return 5 // 6.4 s, capped by maxBackoffTime
    case SyncCloseCode.slowReader:
      return 3 // 1.6 s
    default:
      return 0
  }
}

function noticeFor(code: number, detail: string | null): ConnectionNotice {
  switch (code) {
    case SyncCloseCode.storageUnavailable:
      return {
        kind: 'storage-unavailable',
        message:
          'The server cannot save changes right now. Keep working: your edits stay in this tab and are saved when it recovers. Do not close this tab.',
        detail,
      }
    case SyncCloseCode.rateLimited:
      return {
        kind: 'rate-limited',
        message:
          'Changes were sent faster than the server accepts. Reconnecting in a few seconds; your edits are kept.',
        detail,
      }
    case SyncCloseCode.slowReader:
      return {
        kind: 'slow-reader',
        message:
          'This tab fell behind the board, perhaps on a slow network. Reconnecting; your edits are kept.',
        detail,
      }
    default:
      return {
        kind: 'server-restart',
        message: 'The server is restarting. Reconnecting; your edits are kept.',
        detail,
      }
  }
}

function failureFor(code: number | null, detail: string | null): ConnectionFailure {
  switch (code) {
    case SyncCloseCode.roomFull:
      return {
        kind: 'room-full',
        message: 'This board has as many people connected as it allows. Try again in a moment.',
        detail,
        action: 'retry',
      }
    case SyncCloseCode.frameTooLarge:
      return {
        kind: 'too-large',
        message:
          'Your last change was too large to save (a very large pasted image, for example). Reload the board to continue; that change will be discarded.',
        detail,
        action: 'reload',
      }
    case SyncCloseCode.changeRefused:
      return {
        kind: 'change-refused',
        message:
          'Your last change was not saved: it broke a rule of this board (for example, it changed the locked current state). Reload the board to continue; that change will be discarded.',
        detail,
        action: 'reload',
      }
    case SyncCloseCode.limitExceeded:
      return {
        kind: 'limit-exceeded',
        message:
          'Your last change was not saved: the board would have grown past its size limit (too many or too large shapes). Reload the board to continue; that change will be discarded.',
        detail,
        action: 'reload',
      }
    case SyncCloseCode.tokenRevoked:
      return {
        kind: 'revoked',
        message:
          'This link was withdrawn, so the board is no longer connected. Ask the organiser for a new link.',
        detail,
        action: null,
      }
    case SyncCloseCode.sessionDeleted:
      return {
        kind: 'deleted',
        message:
          'This interview was deleted, so the board is closed and its links no longer open it. Ask the organiser if you need a new session.',
        detail,
        action: null,
      }
    case null:
      return {
        kind: 'unreachable',
        message:
          'Could not connect to this board. The server may be down, or the link may have been withdrawn. Try again, or ask the organiser for a new link.',
        detail,
        action: 'retry',
      }
    default:
      return {
        kind: 'refused',
        message: 'The server closed the connection to this board. Reload the board to try again.',
        detail,
        action: 'reload',
      }
  }
}
