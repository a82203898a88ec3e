import { SyncCloseCode } from '@scaleboard/schema'
import type { DocumentLog } from '@scaleboard/storage'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { UpdateGuardFactory } from './guard.ts'
import { encodeAwarenessEntries, encodeUpdate, MessageType } from './protocol.ts'
import { Room, type RoomConnection } from './Room.ts'
import { RoomRegistry } from './RoomRegistry.ts'
import { createMemoryLog, MemoryClient } from './testing.ts'

const quiet = { onError: () => {} }
const text = (client: MemoryClient) => client.doc.getText('t').toString()

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(
    encoder,
    encodeAwarenessEntries([{ clientId, clock, state: JSON.stringify(state) }]),
  )
  return encoding.toUint8Array(encoder)
}

/** A log whose appends fail while `failing` is set, like a full disk. */
function flakyLog(): DocumentLog & { failing: boolean; inner: ReturnType<typeof createMemoryLog> } {
  const inner = createMemoryLog()
  const log = {
    failing: false,
    inner,
    appendUpdates: (docId: string, entries: Parameters<DocumentLog['appendUpdates']>[1]) =>
      log.failing
        ? Promise.reject(new Error('SQLITE_FULL: database or disk is full'))
        : inner.appendUpdates(docId, entries),
    loadLatest: (docId: string) => inner.loadLatest(docId),
    saveCheckpoint: (docId: string, c: Parameters<DocumentLog['saveCheckpoint']>[1]) =>
      log.failing ? Promise.reject(new Error('disk full')) : inner.saveCheckpoint(docId, c),
    readUpdates: (docId: string, a?: number, b?: number) => inner.readUpdates(docId, a, b),
    readCheckpointAtOrBefore: (docId: string, seq: number) => inner.readCheckpointAtOrBefore(docId, seq),
    lastSeq: (docId: string) => inner.lastSeq(docId),
    seqAtTime: (docId: string, at: number) => inner.seqAtTime(docId, at),
  }
  return log
}

describe('Room limits', () => {
  it('closes a connection that floods, before its updates are applied, and keeps serving the others', async () => {
    const room = await Room.load({
      docId: 'd',
      log: createMemoryLog(),
      limits: { connectionBytes: { perSecond: 1000, burst: 4000 } },
      ...quiet,
    })
    const flooder = new MemoryClient(room, 'candidate')
    const other = new MemoryClient(room, 'interviewer')
    for (let i = 0; i < 10 && !flooder.closed; i++) flooder.doc.getText('t').insert(0, 'x'.repeat(1000))
    expect(flooder.closed?.code).toBe(SyncCloseCode.rateLimited)
    expect(text(other).length).toBeLessThan(4000)
    other.doc.getText('t').insert(0, 'still here ')
    expect(room.doc.getText('t').toString()).toContain('still here')
    await room.close()
  })

  it('refuses an update that would grow the document past its limit', async () => {
    const room = await Room.load({
      docId: 'd',
      log: createMemoryLog(),
      limits: { maxDocumentBytes: 5000 },
      ...quiet,
    })
    const writer = new MemoryClient(room, 'candidate')
    writer.doc.getText('t').insert(0, 'a'.repeat(3000))
    expect(writer.closed).toBeNull()
    writer.doc.getText('t').insert(0, 'b'.repeat(3000))
    expect(writer.closed?.code).toBe(SyncCloseCode.limitExceeded)
    expect(room.doc.getText('t').toString()).toBe('a'.repeat(3000))
    await room.close()
  })

  it('caps awareness state size and sets who someone is from the grant, not from what they claim', async () => {
    const room = await Room.load({
      docId: 'd',
      log: createMemoryLog(),
      limits: { maxAwarenessStateBytes: 1000 },
      ...quiet,
    })
    const observer = new MemoryClient(room, 'observer', 'o', { role: 'observer' })
    const watcher = new MemoryClient(room, 'candidate')
    observer.send(awarenessFrame(observer.doc.clientID, 1, { user: { name: 'Boss', role: 'interviewer' } }))
    const seen = watcher.awareness.getStates().get(observer.doc.clientID) as {
      user: { role: string; name: string }
    }
    expect(seen.user).toEqual({ name: 'Boss', role: 'observer' })
    observer.send(awarenessFrame(observer.doc.clientID, 2, { user: { name: 'x'.repeat(2000) } }))
    expect(observer.closed?.code).toBe(SyncCloseCode.limitExceeded)
    await room.close()
  })

  it('keeps a client id bound to its owner after the owner disconnects', async () => {
    const room = await Room.load({ docId: 'd', log: createMemoryLog(), ...quiet })
    const owner = new MemoryClient(room, 'candidate', 'alice')
    owner.awareness.setLocalStateField('user', { name: 'Alice' })
    const id = owner.doc.clientID
    room.leave(owner.connection)
    const thief = new MemoryClient(room, 'observer', 'mallory')
    thief.send(awarenessFrame(id, 10, { user: { name: 'Alice' } }))
    expect(room.awareness.getStates().has(id)).toBe(false)
    // The same browser (role and user) reconnecting takes its id back.
    const again = new MemoryClient(room, 'candidate', 'alice')
    again.send(awarenessFrame(id, 11, { user: { name: 'Alice' } }))
    expect(room.awareness.getStates().has(id)).toBe(true)
    await room.close()
  })

  it('answers sync requests at a bounded rate', async () => {
    const room = await Room.load({
      docId: 'd',
      log: createMemoryLog(),
      limits: { connectionSyncRequests: { perSecond: 0, burst: 3 } },
      ...quiet,
    })
    let replies = 0
    const connection: RoomConnection = {
      author: { sessionId: 'd', role: 'observer', userId: null },
      readonly: true,
      send: () => {
        replies += 1
      },
      close: () => {},
    }
    room.join(connection)
    const before = replies
    const query = new Uint8Array([MessageType.queryAwareness])
    for (let i = 0; i < 50; i++) room.receive(connection, query)
    expect(replies - before).toBe(3)
    await room.close()
  })

  it('closes a reader that falls behind instead of queueing for it without bound', async () => {
    const room = await Room.load({
      docId: 'd',
      log: createMemoryLog(),
      limits: { maxBufferedBytes: 10_000 },
      ...quiet,
    })
    let buffered = 0
    let closed: number | null = null
    const slow: RoomConnection = {
      author: { sessionId: 'd', role: 'observer', userId: null },
      readonly: true,
      bufferedAmount: () => buffered,
      send: (frame) => {
        buffered += frame.byteLength
      },
      close: (code) => {
        closed = code
      },
    }
    room.join(slow)
    const writer = new MemoryClient(room, 'candidate')
    for (let i = 0; i < 20 && closed === null; i++) writer.doc.getText('t').insert(0, 'y'.repeat(1000))
    expect(closed).toBe(SyncCloseCode.slowReader)
    expect(buffered).toBeLessThan(12_000)
    expect(room.connectionCount).toBe(1)
    await room.close()
  })

  it('drops an update that depends on changes it never received, and asks the client for them', async () => {
    const log = createMemoryLog()
    const room = await Room.load({ docId: 'd', log, ...quiet })
    const source = new Y.Doc()
    source.getText('t').insert(0, 'one')
    const sv = Y.encodeStateVector(source)
    source.getText('t').insert(3, 'two')
    const gapped = Y.encodeStateAsUpdate(source, sv)
    // A client without the missing change: nothing is kept, nothing logged, the client stays.
    const lacking = new MemoryClient(room, 'candidate', 'lacking')
    lacking.send(encodeUpdate(gapped))
    expect(lacking.closed).toBeNull()
    expect(room.doc.store.pendingStructs).toBeNull()
    await room.flush()
    expect(log.updates.get('d') ?? []).toHaveLength(0)
    // A client that has it (it sent it to an instance that died): asked again, it sends it all.
    const holder = new MemoryClient(room, 'candidate', 'holder')
    Y.applyUpdate(holder.doc, Y.encodeStateAsUpdate(source, Y.encodeStateVector(holder.doc)), holder)
    holder.send(encodeUpdate(gapped))
    expect(holder.closed).toBeNull()
    expect(room.doc.getText('t').toString()).toBe('onetwo')
    await room.flush()
    expect((log.updates.get('d') ?? []).length).toBeGreaterThan(0)
    await room.close()
  })

  it('asks the guard first and applies nothing it refuses', async () => {
    const guard: UpdateGuardFactory = () => ({
      check: (update) =>
        new TextDecoder().decode(update).includes('forbidden')
          ? { ok: false, kind: 'change-refused', reason: 'no forbidden words' }
          : { ok: true },
      mirror: () => {},
      destroy: () => {},
    })
    const room = await Room.load({ docId: 'd', log: createMemoryLog(), guard, ...quiet })
    const writer = new MemoryClient(room, 'candidate')
    const watcher = new MemoryClient(room, 'observer')
    writer.doc.getText('t').insert(0, 'fine')
    writer.doc.getText('t').insert(0, 'forbidden')
    expect(writer.closed).toEqual({ code: SyncCloseCode.changeRefused, reason: 'no forbidden words' })
    expect(text(watcher)).toBe('fine')
    await room.close()
  })
})

describe('Room when the log cannot be written', () => {
  it('stops taking edits, closes writers, keeps what it accepted, and stores it all when the disk recovers', async () => {
    const log = flakyLog()
    const failures: string[] = []
    const recoveries: string[] = []
    const rooms = new RoomRegistry({
      log,
      health: { failed: (docId) => failures.push(docId), recovered: (docId) => recoveries.push(docId) },
      ...quiet,
    })
    const lease = await rooms.open('d', 'candidate')
    const writer = new MemoryClient(lease.room, 'candidate')
    const observer = new MemoryClient(lease.room, 'observer')
    lease.release()
    log.failing = true
    writer.doc.getText('t').insert(0, 'shown to the observer')
    expect(text(observer)).toBe('shown to the observer')
    await lease.room.flush()
    expect(failures).toEqual(['d'])
    expect(writer.closed?.code).toBe(SyncCloseCode.storageUnavailable)
    expect(observer.closed).toBeNull()

    // A writer that comes back is refused while the disk is full; nothing it sends is applied.
    const late = new MemoryClient(lease.room, 'interviewer')
    late.doc.getText('t').insert(0, 'lost? ')
    expect(late.closed?.code).toBe(SyncCloseCode.storageUnavailable)
    expect(lease.room.doc.getText('t').toString()).toBe('shown to the observer')

    // Everyone leaves: the room cannot unload with unsaved edits, so it stays and retries.
    rooms.leave(lease.room, writer.connection)
    rooms.leave(lease.room, observer.connection)
    rooms.leave(lease.room, late.connection)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(rooms.loadedRoomCount).toBe(1)
    expect(rooms.unsavedRooms).toEqual([{ docId: 'd', unsavedUpdates: 1 }])

    log.failing = false
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(recoveries).toEqual(['d'])
    expect(rooms.loadedRoomCount).toBe(0)
    const reloaded = await Room.load({ docId: 'd', log })
    expect(reloaded.doc.getText('t').toString()).toBe('shown to the observer')
    await reloaded.close()
  })
})

describe('Room loading', () => {
  it('rebuilds from the whole log when the newest checkpoint does not decode', async () => {
    const log = createMemoryLog()
    const first = await Room.load({ docId: 'd', log, checkpointEvery: 2, ...quiet })
    const writer = new MemoryClient(first)
    for (const word of ['a', 'b', 'c']) writer.doc.getText('t').insert(0, word)
    first.leave(writer.connection)
    await first.close()
    // One more logged edit, and a damaged checkpoint that claims to hold it: the newest one.
    const other = new Y.Doc()
    other.getText('u').insert(0, 'd')
    const at = Date.now()
    const author = { sessionId: 'd', role: 'candidate' as const, userId: null }
    const seq = await log.appendUpdates('d', [{ at, author, update: Y.encodeStateAsUpdate(other) }])
    await log.saveCheckpoint('d', { seq, at, state: new Uint8Array([9, 9, 9, 9, 9]) })

    const errors: string[] = []
    const second = await Room.load({ docId: 'd', log, onError: (_e, context) => errors.push(context) })
    expect(second.doc.getText('t').toString()).toBe('cba')
    expect(second.doc.getText('u').toString()).toBe('d')
    expect(errors.join()).toMatch(/rebuilding from the log/)
    await second.close()
  })
})
