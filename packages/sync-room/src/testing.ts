import type { Checkpoint, DocumentLog, LoggedUpdate } from '@scaleboard/storage'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MessageType } from './protocol.ts'
import type { Room, RoomConnection } from './Room.ts'

/** An in-memory DocumentLog for room tests; it passes the DocumentLog contract (testing.test.ts). */
export function createMemoryLog(): DocumentLog & { updates: Map<string, LoggedUpdate[]> } {
  const updates = new Map<string, LoggedUpdate[]>()
  const checkpoints = new Map<string, Checkpoint[]>()
  const list = (docId: string) => updates.get(docId) ?? []
  /** The highest seq at or before `seq` wins; of checkpoints saved at the same seq, the last one. */
  const newestCheckpoint = (docId: string, seq = Number.MAX_SAFE_INTEGER) =>
    (checkpoints.get(docId) ?? []).reduce<Checkpoint | null>(
      (best, c) => (c.seq <= seq && (!best || c.seq >= best.seq) ? c : best),
      null,
    )
  return {
    updates,
    async appendUpdates(docId, entries) {
      const log = list(docId)
      for (const entry of entries) log.push({ ...entry, seq: log.length + 1 })
      updates.set(docId, log)
      return log.length
    },
    async loadLatest(docId) {
      // Of checkpoints saved at the same seq the last one wins (SQLite keeps the first: the
      // contract leaves that case open, and Room.protection.test.ts relies on this). Nothing is
      // thinned: keeping every checkpoint meets the contract too.
      const checkpoint = newestCheckpoint(docId)
      return { checkpoint, updates: list(docId).filter((u) => u.seq > (checkpoint?.seq ?? 0)) }
    },
    async saveCheckpoint(docId, checkpoint) {
      checkpoints.set(docId, [...(checkpoints.get(docId) ?? []), checkpoint])
    },
    async readUpdates(docId, afterSeq = 0, upToSeq = Number.MAX_SAFE_INTEGER) {
      return list(docId).filter((u) => u.seq > afterSeq && u.seq <= upToSeq)
    },
    async readCheckpointAtOrBefore(docId, seq) {
      return newestCheckpoint(docId, seq)
    },
    async lastSeq(docId) {
      return list(docId).at(-1)?.seq ?? 0
    },
    async seqAtTime(docId, at) {
      return list(docId).findLast((u) => u.at <= at)?.seq ?? 0
    },
  }
}

/**
 * A y-websocket client without the socket: a Y.Doc and an Awareness wired to a room through
 * function calls, speaking the same frames a browser does.
 */
export class MemoryClient {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly connection: RoomConnection
  closed: { code: number; reason: string } | null = null
  #room: Room

  constructor(
    room: Room,
    role: 'candidate' | 'interviewer' | 'observer' = 'candidate',
    userId = 'u',
    identity?: Record<string, unknown>,
  ) {
    this.#room = room
    this.connection = {
      author: { sessionId: room.docId, role, userId },
      identity,
      readonly: role === 'observer',
      send: (frame) => this.#receive(frame),
      close: (code, reason) => {
        this.closed = { code, reason }
      },
    }
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.sync)
      syncProtocol.writeUpdate(encoder, update)
      this.send(encoding.toUint8Array(encoder))
    })
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      if (origin === this) return
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.awareness)
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]),
      )
      this.send(encoding.toUint8Array(encoder))
    })
    room.join(this.connection)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    this.send(encoding.toUint8Array(encoder))
  }

  send(frame: Uint8Array): void {
    if (!this.closed) this.#room.receive(this.connection, frame)
  }

  #receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    if (type === MessageType.sync) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.sync)
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, this)
      if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder))
    } else if (type === MessageType.awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this)
    }
  }
}
