import { SyncCloseCode } from '@scaleboard/schema'
import type { Author, Checkpoint, DocumentLog, LoggedUpdate } from '@scaleboard/storage'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { RoomBus, RoomBusMembership } from './bus.ts'
import { encodeWindow, extendWindow, fitsWindow, openWindow, type UpdateWindow } from './compactUpdates.ts'
import type { LogHealthReporter, UpdateGuard, UpdateGuardFactory } from './guard.ts'
import { DEFAULT_ROOM_LIMITS, type RoomLimits } from './limits.ts'
import type { RoomObserver } from './observer.ts'
import {
  type AwarenessEntry,
  decodeAwarenessEntries,
  decodeMessage,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  MalformedMessageError,
} from './protocol.ts'
import { createTokenBucket, type TokenBucket } from './tokenBucket.ts'

/** What the room needs from a transport (a WebSocket, or an in-memory pair in tests). */
export interface RoomConnection {
  /** Who this connection is, from its token's grant (never from what the client says). */
  readonly author: Author
  /** Read-only connections are answered but their document changes are dropped. */
  readonly readonly: boolean
  /** Fields the server sets in this connection's awareness `user`: who it is, from its grant. */
  readonly identity?: Readonly<Record<string, unknown>>
  /** The client asked for the server's session-state frames (stock y-websocket clients do not read them). */
  readonly wantsSessionState?: boolean
  /** Bytes handed to the transport and not yet sent; a reader that falls behind is closed. */
  bufferedAmount?(): number
  send(frame: Uint8Array): void
  close(code: number, reason: string): void
}

export interface RoomOptions {
  docId: string
  log: DocumentLog
  /**
   * Other instances holding the same document. With a bus, the room also builds its checkpoints
   * from the log (its memory may hold edits other instances have not logged yet, or lack some
   * they have), under the bus's checkpoint lease, so one instance at a time writes them.
   */
  bus?: RoomBus
  /** Judges each client update before it is applied; without one every decodable update is applied. */
  guard?: UpdateGuardFactory
  limits?: Partial<RoomLimits>
  health?: LogHealthReporter
  /** Updates wait at most this long before they are appended to the log. */
  flushDelayMs?: number
  /**
   * Consecutive updates of one author waiting for the same flush, all within this span, are
   * logged as one entry (a drag's frames). At most 100 ms, so a replay keeps ≥ 10 states per
   * second of motion; 0 logs every update apart.
   */
  mergeWindowMs?: number
  /** A checkpoint is written after this many logged updates or bytes (and when the room closes). */
  checkpointEvery?: number
  checkpointEveryBytes?: number
  /** Awareness client ids one connection may own. */
  maxClientIdsPerConnection?: number
  /**
   * With a bus: how long an update another instance accepted may stay out of the log before this
   * room logs it itself (that instance died or cannot write), and how often it checks while it
   * hears from the bus. The check also runs when a client joins (one may have come from a dead
   * instance) and when the room closes.
   */
  reconcileGraceMs?: number
  reconcileEveryMs?: number
  /** The room could not close earlier (unsaved edits) and now has nothing left to write. */
  onDrained?: () => void
  onError?: (error: unknown, context: string) => void
  /** Told of accepted updates, appends, checkpoints and refusals, for metrics. */
  observer?: RoomObserver
  now?: () => number
}

/** Origins of changes that must not be logged again. */
const LOADED_FROM_LOG = Symbol('loaded-from-log')
/** Who an update is logged as when this room logs what another instance accepted but never logged. */
const RECOVERED = (docId: string): Author => ({ sessionId: docId, role: 'system', userId: null })
const FROM_BUS = Symbol('from-bus')
/** Caught up from the log by `resync`: logged already, by whichever instance accepted it. */
const FROM_LOG_RESYNC = Symbol('from-log-resync')

/** The origin of a change the server makes on someone's behalf (`Room.applyEdit`): logged as theirs. */
class ServerEdit {
  readonly author: Author

  constructor(author: Author) {
    this.author = author
  }
}
const RETRY_DELAYS_MS = [250, 1000, 2000, 5000, 10_000]
const MAX_REMEMBERED_CLIENT_IDS = 10_000

/** The newest pending entry, while later updates of the same author may still join it. */
interface OpenEntry {
  entry: Omit<LoggedUpdate, 'seq'>
  authorKey: string
  window: UpdateWindow
}

const authorKey = (author: Author) => `${author.sessionId}\u0000${author.role}\u0000${author.userId ?? ''}`

interface ConnectionState {
  clientIds: Set<number>
  /** Awareness client ids stay bound to this key (role and browser) for the room's life. */
  ownerKey: string
  bytes: TokenBucket
  messages: TokenBucket
  syncRequests: TokenBucket
}

type RoomState = 'ready' | 'closing' | 'closed'

/**
 * Whether an error is a client's fault (a malformed frame, a broken rule or limit) rather than the
 * server's: logged without a stack, not counted as a failure.
 */
export function isClientFault(error: unknown): boolean {
  return error instanceof MalformedMessageError || error instanceof ConnectionRefusal
}

/** A client's update needs changes the room has not received: dropped, and the client asked again. */
class MissingDependencies extends Error {
  constructor() {
    super('the update depends on changes the server has not received')
  }
}

/** Why a connection is closed, from the closed set of SyncCloseCode. */
class ConnectionRefusal extends Error {
  readonly code: SyncCloseCode

  constructor(code: SyncCloseCode, reason: string) {
    super(reason)
    this.code = code
  }
}

/**
 * One board in memory: the Yjs document, who is connected, and the queue of updates on their way
 * to the log. Every change the document emits is broadcast and logged exactly once.
 *
 * The room protects itself and its log: each connection's traffic is rate-limited, its awareness
 * state capped, a reader that falls behind is closed; a client update is judged by the guard and
 * checked against the document size limit before it is applied, and refused whole (the connection
 * closes with the reason) when it fails. While the log cannot be written, the room accepts no
 * edits (writers are closed with `storageUnavailable` and keep theirs locally), keeps every edit
 * it already accepted in memory, and retries until they are stored.
 */
export class Room {
  readonly docId: string
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly #log: DocumentLog
  readonly #connections = new Map<RoomConnection, ConnectionState>()
  readonly #limits: RoomLimits
  readonly #flushDelayMs: number
  readonly #mergeWindowMs: number
  readonly #checkpointEvery: number
  readonly #checkpointEveryBytes: number
  readonly #maxClientIds: number
  readonly #health: LogHealthReporter | undefined
  readonly #onDrained: (() => void) | undefined
  readonly #onError: (error: unknown, context: string) => void
  readonly #observer: RoomObserver | undefined
  readonly #now: () => number
  readonly #roomBytes: TokenBucket
  /** awareness client id -> owner key of the connection that first announced it */
  readonly #clientOwners = new Map<number, string>()
  #guard: UpdateGuard | null = null
  #bus: RoomBusMembership | null = null
  #resyncing: Promise<void> | null = null
  readonly #reconcileGraceMs: number
  readonly #reconcileEveryMs: number
  /** Updates came from the bus since the last reconciliation: other instances should have logged them. */
  #heardFromBus = false
  #reconciling: Promise<void> | null = null
  #reconcileTimer: ReturnType<typeof setInterval> | null = null
  #state: RoomState = 'ready'
  #pending: Array<Omit<LoggedUpdate, 'seq'>> = []
  #open: OpenEntry | null = null
  #flushTimer: ReturnType<typeof setTimeout> | null = null
  #flushing: Promise<void> = Promise.resolve()
  #storageError: unknown = null
  #failedFlushes = 0
  #lastSeq = 0
  #checkpointSeq = 0
  #bytesSinceCheckpoint = 0
  /** An upper bound of the encoded document size: measured, plus every update since. */
  #docBytes = 0

  /**
   * Loads the newest checkpoint and the log's tail; the room answers nobody before this resolves.
   * A checkpoint that does not decode is skipped: the room is rebuilt from the whole log.
   */
  static async load(options: RoomOptions): Promise<Room> {
    const room = new Room(options)
    let state: Uint8Array
    let lastSeq: number
    let rebuilt = false
    let checkpointSeq = 0
    // Shared with other instances, the log may hold an update whose dependency another instance
    // has not logged yet: that is not damage, and the bus brings the rest.
    const shared = options.bus !== undefined
    try {
      const { checkpoint, updates } = await options.log.loadLatest(options.docId)
      checkpointSeq = checkpoint?.seq ?? 0
      state = replay(checkpoint?.state ?? null, updates, shared ? 'decode' : 'strict')
      lastSeq = updates.at(-1)?.seq ?? checkpointSeq
    } catch (error) {
      room.#onError(
        error,
        `the newest checkpoint (seq ${checkpointSeq}) does not load; rebuilding from the log`,
      )
      const all = await options.log.readUpdates(options.docId, 0)
      state = replay(null, all, 'lenient')
      lastSeq = all.at(-1)?.seq ?? 0
      rebuilt = true
    }
    Y.applyUpdate(room.doc, state, LOADED_FROM_LOG)
    room.#checkpointSeq = rebuilt ? 0 : checkpointSeq
    room.#lastSeq = lastSeq
    room.#docBytes = state.byteLength
    room.#guard = options.guard?.(state, () => Y.encodeStateAsUpdate(room.doc), options.docId) ?? null
    room.#bus =
      options.bus?.join(options.docId, {
        update: (update) => room.#applyRemote(update, FROM_BUS),
        awareness: (update) => room.#applyRemoteAwareness(update),
        syncRequest: (stateVector) => room.#answerSyncRequest(stateVector),
        resync: () => void room.resync(),
      }) ?? null
    // What other instances accepted and have not logged yet (or published while we loaded).
    room.#bus?.requestSync(Y.encodeStateVector(room.doc))
    if (room.#bus) {
      room.#reconcileTimer = setInterval(() => {
        if (room.#heardFromBus) void room.reconcile()
      }, room.#reconcileEveryMs)
      room.#reconcileTimer.unref?.()
    }
    if (rebuilt && lastSeq > 0) await room.#checkpoint()
    return room
  }

  private constructor(options: RoomOptions) {
    this.docId = options.docId
    this.#log = options.log
    this.#limits = { ...DEFAULT_ROOM_LIMITS, ...options.limits }
    this.#flushDelayMs = options.flushDelayMs ?? 50
    this.#mergeWindowMs = Math.min(Math.max(options.mergeWindowMs ?? 100, 0), 100)
    this.#checkpointEvery = options.checkpointEvery ?? 500
    this.#checkpointEveryBytes = options.checkpointEveryBytes ?? 8 * 1024 * 1024
    this.#maxClientIds = options.maxClientIdsPerConnection ?? 4
    this.#reconcileGraceMs = options.reconcileGraceMs ?? 2000
    // Rare: a client arriving from a dead instance triggers the check at once, and so does the
    // room's unload; this only catches edits whose every holder went away, at O(board) per check.
    this.#reconcileEveryMs = options.reconcileEveryMs ?? 5 * 60_000
    this.#health = options.health
    this.#onDrained = options.onDrained
    this.#observer = options.observer
    this.#now = options.now ?? Date.now
    const report =
      options.onError ??
      ((error, context) =>
        // A client's bad frame is routine; only our own failures deserve a stack trace.
        isClientFault(error)
          ? console.warn(`[room ${this.docId}] ${context}`)
          : console.error(`[room ${this.docId}] ${context}`, error))
    this.#onError = (error, context) => {
      if (!isClientFault(error)) this.#observer?.failed(context)
      report(error, context)
    }
    this.#roomBytes = createTokenBucket(this.#limits.roomUpdateBytes, this.#now())
    this.doc = new Y.Doc({ gc: true })
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.doc.on('update', this.#onDocUpdate)
    this.awareness.on('update', this.#onAwarenessUpdate)
  }

  get connectionCount(): number {
    return this.#connections.size
  }

  get isClosed(): boolean {
    return this.#state !== 'ready'
  }

  /** The sequence number of the newest update known to be in the log. */
  get lastLoggedSeq(): number {
    return this.#lastSeq
  }

  /** Accepted edits not yet stored in the log. */
  get unsavedUpdateCount(): number {
    return this.#pending.length
  }

  /** Why the log cannot be written right now, or null. */
  get storageError(): unknown {
    return this.#storageError
  }

  join(connection: RoomConnection): void {
    if (this.#state !== 'ready') throw new Error(`room ${this.docId} is ${this.#state}`)
    const now = this.#now()
    this.#connections.set(connection, {
      clientIds: new Set(),
      ownerKey: `${connection.author.role}:${connection.author.userId ?? ''}`,
      bytes: createTokenBucket(this.#limits.connectionBytes, now),
      messages: createTokenBucket(this.#limits.connectionMessages, now),
      syncRequests: createTokenBucket(this.#limits.connectionSyncRequests, now),
    })
    this.#send(connection, encodeSyncStep1(this.doc))
    // A client arriving here may come from an instance that died with edits it had only published.
    if (this.#heardFromBus) void this.reconcile()
    const others = [...this.awareness.getStates().keys()]
    if (others.length > 0) this.#send(connection, encodeAwareness(this.awareness, others))
  }

  /** Handles one frame from a connection. A frame that breaks a rule or a limit closes that connection. */
  receive(connection: RoomConnection, frame: Uint8Array): void {
    const state = this.#connections.get(connection)
    if (!state) return
    try {
      const now = this.#now()
      if (!state.messages.take(1, now) || !state.bytes.take(frame.byteLength, now))
        throw new ConnectionRefusal(SyncCloseCode.rateLimited, 'too many messages: slow down and reconnect')
      const message = decodeMessage(frame)
      switch (message.type) {
        case 'sync-step1':
          // Each answer can be the whole document: a client that keeps asking is ignored.
          if (state.syncRequests.take(1, now)) this.#send(connection, this.#answerStep1(message.stateVector))
          break
        case 'sync-update':
          if (!connection.readonly) this.#applyClientUpdate(connection, message.update)
          break
        case 'awareness':
          this.#receiveAwareness(connection, state, message.update)
          break
        case 'query-awareness':
          if (state.syncRequests.take(1, now))
            this.#send(connection, encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]))
          break
        default:
          message satisfies never
      }
    } catch (error) {
      if (error instanceof MissingDependencies) {
        this.#askForEverything(connection, state)
        return
      }
      const [code, reason] =
        error instanceof ConnectionRefusal
          ? [error.code, error.message]
          : [
              SyncCloseCode.malformedMessage,
              error instanceof MalformedMessageError ? error.message : 'message could not be handled',
            ]
      this.#onError(error, `closing connection of ${connection.author.role}: ${reason}`)
      this.#observer?.frameRejected(code)
      this.#drop(connection, code, reason)
    }
  }

  /**
   * A client's update built on changes this room never received (its instance died with them, or
   * it sent out of order) was dropped: ask it, as at the start, for everything it holds beyond the
   * room's state. Its answer carries the missing changes and the dropped update. Bounded like the
   * client's own sync requests; a client that keeps doing it gets no more questions.
   */
  #askForEverything(connection: RoomConnection, state: ConnectionState): void {
    if (state.syncRequests.take(1, this.#now())) this.#send(connection, encodeSyncStep1(this.doc))
  }

  #answerStep1(stateVector: Uint8Array): Uint8Array {
    try {
      return encodeSyncStep2(this.doc, stateVector)
    } catch (error) {
      throw new MalformedMessageError(
        `sync step 1 carries no valid state vector: ${(error as Error).message}`,
      )
    }
  }

  /**
   * Sends a frame the server composed (e.g. the session-state channel) to every connection, or to
   * those `to` picks. Slow readers are handled as for any other frame.
   */
  broadcast(frame: Uint8Array, to: (connection: RoomConnection) => boolean = () => true): void {
    for (const connection of [...this.#connections.keys()]) if (to(connection)) this.#send(connection, frame)
  }

  /** Closes the connections `which` picks, with a code and reason for their UI (e.g. a revoked link). */
  disconnect(which: (connection: RoomConnection) => boolean, code: number, reason: string): number {
    let closed = 0
    for (const connection of [...this.#connections.keys()])
      if (which(connection)) {
        connection.close(code, reason)
        closed += 1
      }
    return closed
  }

  leave(connection: RoomConnection): void {
    const state = this.#connections.get(connection)
    if (!state) return
    this.#connections.delete(connection)
    if (state.clientIds.size > 0)
      awarenessProtocol.removeAwarenessStates(this.awareness, [...state.clientIds], null)
  }

  /** Appends every pending update to the log; resolves when they are stored (or the attempt failed). */
  flush(): Promise<void> {
    if (this.#flushTimer) clearTimeout(this.#flushTimer)
    this.#flushTimer = null
    this.#flushing = this.#flushing.then(() => this.#writePending())
    return this.#flushing
  }

  /**
   * Changes the document on the server, on behalf of `author` (e.g. an interviewer's restore of
   * an older revision): one transaction, broadcast and logged like a client's edit, under that
   * author. The guard does not judge it: the caller is the server and writes valid records.
   */
  applyEdit(author: Author, change: (doc: Y.Doc) => void): void {
    if (this.#state !== 'ready') throw new Error(`room ${this.docId} is ${this.#state}`)
    if (this.#storageError !== null) throw new Error('the log cannot be written right now')
    this.doc.transact(() => change(this.doc), new ServerEdit(author))
  }

  /**
   * Flushes, checkpoints and frees the document. Connections must have left. Returns false, and
   * stays loaded and retrying, when accepted edits could not be stored: they are never dropped.
   */
  async close(): Promise<boolean> {
    if (this.#state !== 'ready') return this.#state === 'closed'
    this.#state = 'closing'
    await this.flush()
    if (this.#pending.length > 0 || this.#connections.size > 0) {
      this.#state = 'ready'
      return false
    }
    if (this.#heardFromBus) await this.reconcile()
    if (this.#reconcileTimer) clearInterval(this.#reconcileTimer)
    if (this.#lastSeq > this.#checkpointSeq) await this.#checkpoint()
    await this.#resyncing
    this.#bus?.leave()
    this.#guard?.destroy()
    this.awareness.destroy()
    this.doc.destroy()
    this.#state = 'closed'
    return true
  }

  #applyClientUpdate(connection: RoomConnection, update: Uint8Array): void {
    if (this.#storageError !== null && !isEmptyUpdate(update))
      throw new ConnectionRefusal(
        SyncCloseCode.storageUnavailable,
        'the server cannot save edits right now; yours are kept in your browser',
      )
    if (!this.#roomBytes.take(update.byteLength, this.#now()))
      throw new ConnectionRefusal(SyncCloseCode.rateLimited, 'this board is receiving edits too fast')
    if (this.#docBytes + update.byteLength > this.#limits.maxDocumentBytes) {
      this.#docBytes = Y.encodeStateAsUpdate(this.doc).byteLength
      if (this.#docBytes + update.byteLength > this.#limits.maxDocumentBytes)
        throw new ConnectionRefusal(
          SyncCloseCode.limitExceeded,
          `the board would exceed its size limit (${this.#limits.maxDocumentBytes} bytes)`,
        )
    }
    if (this.#guard) {
      let verdict: ReturnType<UpdateGuard['check']>
      try {
        verdict = this.#guard.check(update, connection.author)
      } catch (error) {
        throw new MalformedMessageError(`update could not be applied: ${(error as Error).message}`)
      }
      if (!verdict.ok && verdict.kind === 'missing-dependencies') throw new MissingDependencies()
      if (!verdict.ok)
        throw new ConnectionRefusal(
          verdict.kind === 'limit-exceeded' ? SyncCloseCode.limitExceeded : SyncCloseCode.changeRefused,
          verdict.reason,
        )
    }
    const store = this.doc.store
    const pendingBefore = { structs: store.pendingStructs, ds: store.pendingDs }
    try {
      Y.applyUpdate(this.doc, update, connection)
    } catch (error) {
      // Only reachable without a guard: what was integrated before the throw is broadcast and logged.
      throw new MalformedMessageError(`update could not be applied: ${(error as Error).message}`)
    }
    this.#docBytes += update.byteLength
    const newlyPending =
      (store.pendingStructs !== null && store.pendingStructs !== pendingBefore.structs) ||
      (store.pendingDs !== null && store.pendingDs !== pendingBefore.ds)
    if (newlyPending) {
      // Parts that wait for changes we never saw are not part of the document: forget them. (What
      // was pending before came from another instance's log or bus, and its dependency is on the way.)
      store.pendingStructs = pendingBefore.structs
      store.pendingDs = pendingBefore.ds
      throw new MissingDependencies()
    }
    this.#observer?.updateAccepted()
  }

  /**
   * Stock y-websocket clients relay every awareness change they hear, other people's included.
   * A connection's entries count only for client ids it owns; it comes to own an id nobody else
   * has announced by announcing a state for it, and the id stays bound to its owner key for the
   * room's life, so nobody can move another person's cursor, make them vanish, or take over their
   * id after they disconnect. The server sets the fields of `user` that say who someone is.
   */
  #receiveAwareness(connection: RoomConnection, state: ConnectionState, update: Uint8Array): void {
    const own: AwarenessEntry[] = []
    for (const entry of decodeAwarenessEntries(update)) {
      if (entry.state.length > this.#limits.maxAwarenessStateBytes)
        throw new ConnectionRefusal(
          SyncCloseCode.limitExceeded,
          `presence state larger than ${this.#limits.maxAwarenessStateBytes} bytes`,
        )
      if (!state.clientIds.has(entry.clientId) && !this.#claim(state, entry)) continue
      own.push(
        entry.state === 'null' ? entry : { ...entry, state: this.#stampIdentity(connection, entry.state) },
      )
    }
    if (own.length > 0)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own), state)
  }

  #claim(state: ConnectionState, entry: AwarenessEntry): boolean {
    const owner = this.#clientOwners.get(entry.clientId)
    if (owner !== undefined && owner !== state.ownerKey) return false
    const inUse =
      this.awareness.getStates().has(entry.clientId) ||
      [...this.#connections.values()].some((other) => other.clientIds.has(entry.clientId))
    if (inUse || entry.state === 'null' || state.clientIds.size >= this.#maxClientIds) return false
    state.clientIds.add(entry.clientId)
    this.#clientOwners.delete(entry.clientId)
    this.#clientOwners.set(entry.clientId, state.ownerKey)
    if (this.#clientOwners.size > MAX_REMEMBERED_CLIENT_IDS)
      this.#clientOwners.delete(this.#clientOwners.keys().next().value as number)
    return true
  }

  #stampIdentity(connection: RoomConnection, json: string): string {
    const fields = connection.identity
    if (!fields) return json
    const value = JSON.parse(json) as unknown
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return json
    const user = (value as { user?: unknown }).user
    const claimed = typeof user === 'object' && user !== null && !Array.isArray(user) ? user : {}
    return JSON.stringify({ ...value, user: { ...claimed, ...fields } })
  }

  #send(connection: RoomConnection, frame: Uint8Array): void {
    const buffered = connection.bufferedAmount?.() ?? 0
    // One large frame (a whole board) may always go out; a backlog may not keep growing.
    if (buffered > 0 && buffered + frame.byteLength > this.#limits.maxBufferedBytes) {
      this.#drop(connection, SyncCloseCode.slowReader, 'the connection fell too far behind; reconnect')
      return
    }
    connection.send(frame)
  }

  #drop(connection: RoomConnection, code: number, reason: string): void {
    this.leave(connection)
    connection.close(code, reason.slice(0, 120))
  }

  #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOADED_FROM_LOG) return
    const fromClient =
      origin !== null && typeof origin === 'object' && this.#connections.has(origin as RoomConnection)
    if (!fromClient) this.#guard?.mirror(update)
    const frame = encodeUpdate(update)
    for (const connection of [...this.#connections.keys()]) this.#send(connection, frame)
    if (origin === FROM_BUS || origin === FROM_LOG_RESYNC) {
      // Logged by the instance that accepted it. The pending entry's structs are read from the
      // document: it must not change under them.
      this.#open = null
      return
    }
    this.#bus?.publishUpdate(update)
    const author: Author = fromClient
      ? (origin as RoomConnection).author
      : origin instanceof ServerEdit
        ? origin.author
        : { sessionId: this.docId, role: 'system', userId: null }
    this.#queue(author, update)
    // Every room flushes on the same clock ticks, so the log commits all rooms' updates together.
    this.#flushTimer ??= setTimeout(
      () => void this.flush(),
      this.#flushDelayMs - (Date.now() % this.#flushDelayMs),
    )
  }

  /**
   * Only the logged form is merged, never what is broadcast, and only updates already waiting
   * for the same flush: merging delays no write. `at` is the last update's time, so the stored
   * state never appears in a replay or a revision before the moment it existed.
   */
  #queue(author: Author, update: Uint8Array): void {
    const at = this.#now()
    const key = authorKey(author)
    const open = this.#open
    if (
      open !== null &&
      open.authorKey === key &&
      this.#pending.at(-1) === open.entry &&
      fitsWindow(open.window, at, this.#mergeWindowMs)
    ) {
      extendWindow(open.window, update)
      open.entry.update = encodeWindow(this.doc, open.window)
      open.entry.at = at
      return
    }
    const entry = { at, author, update }
    this.#pending.push(entry)
    this.#open = this.#mergeWindowMs > 0 ? { entry, authorKey: key, window: openWindow(update, at) } : null
  }

  #onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0) return
    const frame = encodeAwareness(this.awareness, changed)
    for (const connection of [...this.#connections.keys()]) this.#send(connection, frame)
    // Presence this room's own connections changed (the server stamped who they are) goes to the
    // other instances; what came from them does not go back.
    if (origin !== FROM_BUS && this.#bus)
      this.#bus.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
  }

  #applyRemote(update: Uint8Array, origin: typeof FROM_BUS | typeof FROM_LOG_RESYNC): void {
    if (this.#state === 'closed') return
    if (origin === FROM_BUS) this.#heardFromBus = true
    try {
      Y.applyUpdate(this.doc, update, origin)
    } catch (error) {
      this.#onError(error, `dropping an update from ${origin === FROM_BUS ? 'the bus' : 'the log'}`)
    }
  }

  #applyRemoteAwareness(update: Uint8Array): void {
    if (this.#state === 'closed') return
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_BUS)
    } catch (error) {
      this.#onError(error, 'dropping a presence update from the bus')
    }
  }

  /** Another instance lacks what is past `stateVector`: send it what this room holds beyond it. */
  #answerSyncRequest(stateVector: Uint8Array): void {
    if (this.#state === 'closed') return
    try {
      const missing = Y.encodeStateAsUpdate(this.doc, stateVector)
      if (!isEmptyUpdate(missing)) this.#bus?.publishUpdate(missing)
    } catch (error) {
      this.#onError(error, 'answering a sync request from the bus')
    }
  }

  /**
   * Catches up after messages from other instances may have been lost (the bus reconnected, or a
   * gap): applies what the log holds beyond this room's state vector, then asks the other
   * instances for what they hold and have not logged yet. One at a time; idempotent.
   */
  resync(): Promise<void> {
    this.#resyncing ??= this.#catchUpFromLog().finally(() => {
      this.#resyncing = null
    })
    return this.#resyncing
  }

  /**
   * Logs what this room holds that the log still lacks after the grace period: updates another
   * instance accepted and published but never logged (it died within its flush delay, or cannot
   * write). Without this, such an update would exist only in memory, and every later change that
   * builds on it would not replay from the log. Logging something twice is harmless (Yjs applies
   * it once), so each instance that holds the room may do it.
   */
  reconcile(): Promise<void> {
    this.#reconciling ??= this.#logWhatOthersDidNot().finally(() => {
      this.#reconciling = null
    })
    return this.#reconciling
  }

  async #logWhatOthersDidNot(): Promise<void> {
    if (!this.#bus || this.#isDestroyed()) return
    this.#heardFromBus = false
    try {
      await this.flush()
      if (!(await this.#unloggedPart())) return
      // Give the instance that accepted it time to log it (it flushes every 50 ms).
      await new Promise((resolve) => setTimeout(resolve, this.#reconcileGraceMs))
      if (this.#isDestroyed()) return
      await this.flush()
      const missing = await this.#unloggedPart()
      if (!missing || this.#isDestroyed()) return
      this.#onError(
        new Error(`${missing.byteLength} bytes accepted elsewhere were not logged`),
        'logging what another instance accepted and never logged',
      )
      this.#pending.push({ at: this.#now(), author: RECOVERED(this.docId), update: missing })
      this.#open = null
      await this.flush()
    } catch (error) {
      this.#onError(error, 'could not compare the room with the log')
    }
  }

  /** What this room holds beyond the log (as an update), or null when the log has it all. */
  async #unloggedPart(): Promise<Uint8Array | null> {
    const { checkpoint, updates } = await this.#log.loadLatest(this.docId)
    if (this.#isDestroyed()) return null
    const logged = new Y.Doc({ gc: true })
    try {
      Y.applyUpdate(logged, replay(checkpoint?.state ?? null, updates, 'lenient'))
      const before = Y.snapshot(logged)
      const beyond = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(logged))
      Y.applyUpdate(logged, beyond)
      // The state vector and the delete set together: a lost deletion counts too.
      return Y.equalSnapshots(before, Y.snapshot(logged)) ? null : beyond
    } finally {
      logged.destroy()
    }
  }

  async #catchUpFromLog(): Promise<void> {
    if (this.#isDestroyed()) return
    try {
      const { checkpoint, updates } = await this.#log.loadLatest(this.docId)
      if (this.#isDestroyed()) return
      const logged = replay(checkpoint?.state ?? null, updates, 'lenient')
      const missing = Y.diffUpdate(logged, Y.encodeStateVector(this.doc))
      if (!isEmptyUpdate(missing)) this.#applyRemote(missing, FROM_LOG_RESYNC)
      this.#lastSeq = Math.max(this.#lastSeq, updates.at(-1)?.seq ?? checkpoint?.seq ?? 0)
    } catch (error) {
      this.#onError(error, 'could not catch up from the log')
    }
    if (!this.#isDestroyed()) this.#bus?.requestSync(Y.encodeStateVector(this.doc))
  }

  /** Closed for good: the document is freed (`isClosed` is also true while closing). */
  #isDestroyed(): boolean {
    return this.#state === 'closed'
  }

  async #writePending(): Promise<void> {
    if (this.#pending.length === 0) return
    const batch = this.#pending
    this.#pending = []
    // What the log has been handed is never changed again.
    this.#open = null
    // A checkpoint must be the document exactly as the log has it after this batch (revisions and
    // replay read "checkpoint + tail" as the board at that seq), so its state is taken now, before
    // edits that arrive during the append join the document. Seqs are gap-free: the batch ends at
    // #lastSeq + batch.length.
    const batchBytes = batch.reduce((sum, entry) => sum + entry.update.byteLength, 0)
    const checkpointDue =
      this.#lastSeq + batch.length - this.#checkpointSeq >= this.#checkpointEvery ||
      this.#bytesSinceCheckpoint + batchBytes >= this.#checkpointEveryBytes
    // Shared with other instances (a bus), the checkpoint is built from the log instead (#checkpoint).
    const checkpointState = checkpointDue && !this.#bus ? Y.encodeStateAsUpdate(this.doc) : null
    const started = performance.now()
    try {
      this.#lastSeq = await this.#log.appendUpdates(this.docId, batch)
      this.#observer?.appended(batch.length, (performance.now() - started) / 1000)
      this.#bytesSinceCheckpoint += batchBytes
    } catch (error) {
      // Keep the batch, in order, ahead of anything newer, and try again soon.
      this.#pending = [...batch, ...this.#pending]
      this.#storageFailed(error, batch.length)
      return
    }
    if (this.#storageError !== null) this.#storageRecovered()
    if (checkpointDue) await this.#checkpoint(checkpointState ?? undefined)
    if (this.#pending.length === 0 && this.#connections.size === 0 && this.#state === 'ready')
      this.#onDrained?.()
  }

  #storageFailed(error: unknown, count: number): void {
    const first = this.#storageError === null
    this.#storageError = error
    this.#failedFlushes += 1
    this.#onError(
      error,
      `could not append ${this.#pending.length} updates (${count} in this attempt); retrying`,
    )
    if (first) {
      this.#health?.failed(this.docId, error)
      // Writers would otherwise go on editing into a board that cannot be saved.
      for (const connection of [...this.#connections.keys()])
        if (!connection.readonly)
          this.#drop(
            connection,
            SyncCloseCode.storageUnavailable,
            'the server cannot save edits right now; yours are kept in your browser',
          )
    }
    const delay = RETRY_DELAYS_MS[Math.min(this.#failedFlushes - 1, RETRY_DELAYS_MS.length - 1)]
    this.#flushTimer ??= setTimeout(() => void this.flush(), delay)
  }

  #storageRecovered(): void {
    this.#storageError = null
    this.#failedFlushes = 0
    this.#health?.recovered(this.docId)
  }

  /**
   * Saves `state` as the checkpoint at #lastSeq. #writePending passes the document as it was when
   * the batch ending at that seq was taken; without one (closing, rebuilding) nothing is pending,
   * so the document is that state.
   */
  async #checkpoint(state?: Uint8Array): Promise<void> {
    const started = performance.now()
    try {
      const made = this.#bus ? await this.#checkpointFromLog() : this.#checkpointFromMemory(state)
      if (!made) return
      await this.#log.saveCheckpoint(this.docId, made)
      this.#checkpointSeq = made.seq
      this.#bytesSinceCheckpoint = 0
      this.#observer?.checkpointed((performance.now() - started) / 1000)
    } catch (error) {
      this.#onError(error, 'could not write a checkpoint')
    }
  }

  #checkpointFromMemory(state = Y.encodeStateAsUpdate(this.doc)): Checkpoint {
    this.#docBytes = state.byteLength
    return { seq: this.#lastSeq, at: this.#now(), state }
  }

  /**
   * The document exactly as the log has it at its newest seq (the previous checkpoint and the
   * updates after it), whoever logged them; null when another instance holds the lease.
   */
  async #checkpointFromLog(): Promise<Checkpoint | null> {
    if (!(await this.#bus?.checkpointLease())) return null
    const seq = await this.#log.lastSeq(this.docId)
    if (seq <= this.#checkpointSeq) return null
    const base = await this.#log.readCheckpointAtOrBefore(this.docId, seq)
    const updates = await this.#log.readUpdates(this.docId, base?.seq ?? 0, seq)
    return { seq, at: this.#now(), state: replay(base?.state ?? null, updates, 'lenient') }
  }
}

/**
 * A checkpoint and the updates after it, as one state. Strict: throws if they do not make a whole
 * document. Decode: throws only if one does not decode (parts waiting for a dependency are kept,
 * as Yjs does in the encoded state). Lenient (rebuilding from the whole log): keeps whatever decodes.
 */
function replay(
  checkpoint: Uint8Array | null,
  updates: ReadonlyArray<LoggedUpdate>,
  mode: 'strict' | 'decode' | 'lenient',
): Uint8Array {
  const strict = mode !== 'lenient'
  const doc = new Y.Doc({ gc: true })
  try {
    doc.transact(() => {
      if (checkpoint) Y.applyUpdate(doc, checkpoint)
      for (const entry of updates) {
        try {
          Y.applyUpdate(doc, entry.update)
        } catch (error) {
          if (strict) throw error
          console.error(`[room] skipping logged update seq ${entry.seq}: it does not decode`)
        }
      }
    })
    if (mode === 'strict' && (doc.store.pendingStructs || doc.store.pendingDs))
      throw new Error('the stored updates depend on changes that are not in the log')
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

/** What y-websocket sends as sync step 2 when it has nothing the server lacks. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength <= 2 && update.every((byte) => byte === 0)
}
