import { SyncCloseCode } from '@scaleboard/schema'
import type { Author, DocumentLog, LoggedUpdate } from '@scaleboard/storage'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { RoomBus, RoomBusMembership } from './bus.ts'
import {
  decodeAwarenessEntries,
  decodeMessage,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  MalformedMessageError,
} from './protocol.ts'

/** What the room needs from a transport (a WebSocket, or an in-memory pair in tests). */
export interface RoomConnection {
  readonly author: Author
  /** Read-only connections are answered but their document changes are dropped. */
  readonly readonly: boolean
  send(frame: Uint8Array): void
  close(code: number, reason: string): void
}

export interface RoomOptions {
  docId: string
  log: DocumentLog
  bus?: RoomBus
  /** Updates wait at most this long before they are appended to the log. */
  flushDelayMs?: number
  /** A checkpoint is written after this many logged updates (and when the room closes). */
  checkpointEvery?: number
  /** Awareness client ids one connection may own. */
  maxClientIdsPerConnection?: number
  onError?: (error: unknown, context: string) => void
}

/** Origins of changes that must not be logged again. */
const LOADED_FROM_LOG = Symbol('loaded-from-log')
const FROM_BUS = Symbol('from-bus')

interface ConnectionState {
  clientIds: Set<number>
}

type RoomState = 'ready' | 'closing' | 'closed'

/**
 * One board in memory: the Yjs document, who is connected, and the queue of updates on their way
 * to the log. Every change the document emits is broadcast and logged exactly once.
 */
export class Room {
  readonly docId: string
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly #log: DocumentLog
  readonly #connections = new Map<RoomConnection, ConnectionState>()
  readonly #flushDelayMs: number
  readonly #checkpointEvery: number
  readonly #maxClientIds: number
  readonly #onError: (error: unknown, context: string) => void
  #bus: RoomBusMembership | null = null
  #state: RoomState = 'ready'
  #pending: Array<Omit<LoggedUpdate, 'seq'>> = []
  #flushTimer: ReturnType<typeof setTimeout> | null = null
  #flushing: Promise<void> = Promise.resolve()
  #lastSeq = 0
  #checkpointSeq = 0

  /** Loads the newest checkpoint and the log's tail; the room answers nobody before this resolves. */
  static async load(options: RoomOptions): Promise<Room> {
    const { checkpoint, updates } = await options.log.loadLatest(options.docId)
    const room = new Room(options)
    room.doc.transact(() => {
      if (checkpoint) Y.applyUpdate(room.doc, checkpoint.state)
      for (const entry of updates) Y.applyUpdate(room.doc, entry.update)
    }, LOADED_FROM_LOG)
    room.#checkpointSeq = checkpoint?.seq ?? 0
    room.#lastSeq = updates.at(-1)?.seq ?? room.#checkpointSeq
    room.#bus = options.bus?.join(options.docId, (update) => room.#applyFromBus(update)) ?? null
    return room
  }

  private constructor(options: RoomOptions) {
    this.docId = options.docId
    this.#log = options.log
    this.#flushDelayMs = options.flushDelayMs ?? 50
    this.#checkpointEvery = options.checkpointEvery ?? 500
    this.#maxClientIds = options.maxClientIdsPerConnection ?? 4
    this.#onError =
      options.onError ??
      ((error, context) =>
        // A client's bad frame is routine; only our own failures deserve a stack trace.
        error instanceof MalformedMessageError
          ? console.warn(`[room ${this.docId}] ${context}`)
          : console.error(`[room ${this.docId}] ${context}`, error))
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

  join(connection: RoomConnection): void {
    if (this.#state !== 'ready') throw new Error(`room ${this.docId} is ${this.#state}`)
    this.#connections.set(connection, { clientIds: new Set() })
    connection.send(encodeSyncStep1(this.doc))
    const others = [...this.awareness.getStates().keys()]
    if (others.length > 0) connection.send(encodeAwareness(this.awareness, others))
  }

  /** Handles one frame from a connection. A frame that can't be decoded closes that connection. */
  receive(connection: RoomConnection, frame: Uint8Array): void {
    const state = this.#connections.get(connection)
    if (!state) return
    try {
      const message = decodeMessage(frame)
      switch (message.type) {
        case 'sync-step1':
          connection.send(encodeSyncStep2(this.doc, message.stateVector))
          break
        case 'sync-update':
          if (!connection.readonly) this.#applyClientUpdate(connection, message.update)
          break
        case 'awareness':
          this.#receiveAwareness(state, message.update)
          break
        case 'query-awareness':
          connection.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]))
          break
        default:
          message satisfies never
      }
    } catch (error) {
      const reason = error instanceof MalformedMessageError ? error.message : 'message could not be handled'
      this.#onError(error, `closing connection of ${connection.author.role}: ${reason}`)
      this.leave(connection)
      connection.close(SyncCloseCode.malformedMessage, reason.slice(0, 120))
    }
  }

  leave(connection: RoomConnection): void {
    const state = this.#connections.get(connection)
    if (!state) return
    this.#connections.delete(connection)
    if (state.clientIds.size > 0)
      awarenessProtocol.removeAwarenessStates(this.awareness, [...state.clientIds], null)
  }

  /** Appends every pending update to the log; resolves when they are stored. */
  flush(): Promise<void> {
    if (this.#flushTimer) clearTimeout(this.#flushTimer)
    this.#flushTimer = null
    this.#flushing = this.#flushing.then(() => this.#writePending())
    return this.#flushing
  }

  /** Flushes, checkpoints and frees the document. Connections must have left. */
  async close(): Promise<void> {
    if (this.#state !== 'ready') return
    this.#state = 'closing'
    this.#bus?.leave()
    await this.flush()
    if (this.#lastSeq > this.#checkpointSeq) await this.#checkpoint()
    this.awareness.destroy()
    this.doc.destroy()
    this.#state = 'closed'
  }

  #applyClientUpdate(connection: RoomConnection, update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, connection)
    } catch (error) {
      // Whatever part was integrated before the throw was emitted, broadcast and logged as usual.
      throw new MalformedMessageError(`update could not be applied: ${(error as Error).message}`)
    }
  }

  /**
   * Stock y-websocket clients relay every awareness change they hear, other people's included.
   * A connection's entries count only for client ids it owns; it comes to own an id the room has
   * never seen by announcing a state for it. Entries for anyone else's id are dropped, so nobody
   * can move another person's cursor or make them vanish.
   */
  #receiveAwareness(state: ConnectionState, update: Uint8Array): void {
    const own = decodeAwarenessEntries(update).filter((entry) => {
      if (state.clientIds.has(entry.clientId)) return true
      const known =
        this.awareness.getStates().has(entry.clientId) ||
        [...this.#connections.values()].some((other) => other.clientIds.has(entry.clientId))
      if (known || entry.state === 'null' || state.clientIds.size >= this.#maxClientIds) return false
      state.clientIds.add(entry.clientId)
      return true
    })
    if (own.length > 0)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own), state)
  }

  #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOADED_FROM_LOG) return
    const frame = encodeUpdate(update)
    for (const connection of this.#connections.keys()) connection.send(frame)
    if (origin === FROM_BUS) return
    this.#bus?.publish(update)
    const author: Author =
      origin && typeof origin === 'object' && 'author' in origin
        ? (origin as RoomConnection).author
        : { sessionId: this.docId, role: 'system', userId: null }
    this.#pending.push({ at: Date.now(), author, update })
    // Every room flushes on the same clock ticks, so the log commits all rooms' updates together.
    this.#flushTimer ??= setTimeout(
      () => void this.flush(),
      this.#flushDelayMs - (Date.now() % this.#flushDelayMs),
    )
  }

  #onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    _origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0) return
    const frame = encodeAwareness(this.awareness, changed)
    for (const connection of this.#connections.keys()) connection.send(frame)
  }

  #applyFromBus(update: Uint8Array): void {
    if (this.#state !== 'ready') return
    try {
      Y.applyUpdate(this.doc, update, FROM_BUS)
    } catch (error) {
      this.#onError(error, 'dropping an update from the bus')
    }
  }

  async #writePending(): Promise<void> {
    if (this.#pending.length === 0) return
    const batch = this.#pending
    this.#pending = []
    try {
      this.#lastSeq = await this.#log.appendUpdates(this.docId, batch)
    } catch (error) {
      // Keep the batch, in order, ahead of anything newer, and try again soon.
      this.#pending = [...batch, ...this.#pending]
      this.#onError(error, `could not append ${batch.length} updates; retrying`)
      if (this.#state === 'ready') this.#flushTimer ??= setTimeout(() => void this.flush(), 1000)
      return
    }
    if (this.#lastSeq - this.#checkpointSeq >= this.#checkpointEvery) await this.#checkpoint()
  }

  /**
   * The state may already hold updates that are still pending: loading replays the tail after
   * `seq` on top of it, and applying a Yjs update twice changes nothing.
   */
  async #checkpoint(): Promise<void> {
    const seq = this.#lastSeq
    try {
      await this.#log.saveCheckpoint(this.docId, {
        seq,
        at: Date.now(),
        state: Y.encodeStateAsUpdate(this.doc),
      })
      this.#checkpointSeq = seq
    } catch (error) {
      this.#onError(error, 'could not write a checkpoint')
    }
  }
}
