import { SyncCloseCode } from '@scaleboard/schema'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { createInProcessBus } from './bus.ts'
import { MessageType } from './protocol.ts'
import { Room } from './Room.ts'
import { RoomFullError, RoomRegistry } from './RoomRegistry.ts'
import { createMemoryLog, MemoryClient } from './testing.ts'

const text = (client: MemoryClient) => client.doc.getText('t').toString()

describe('Room', () => {
  it('syncs edits between clients and logs each change once with its author', async () => {
    const log = createMemoryLog()
    const room = await Room.load({ docId: 'd', log })
    const a = new MemoryClient(room, 'candidate', 'alice')
    const b = new MemoryClient(room, 'interviewer', 'bob')
    a.doc.getText('t').insert(0, 'hello')
    b.doc.getText('t').insert(5, ' world')
    expect(text(a)).toBe('hello world')
    expect(text(b)).toBe('hello world')
    await room.flush()
    const logged = log.updates.get('d') ?? []
    expect(logged.map((u) => u.author.userId)).toEqual(['alice', 'bob'])
    expect(logged.map((u) => u.author.role)).toEqual(['candidate', 'interviewer'])
    await room.close()
  })

  it('loads the stored log before answering, so a new client starts from it', async () => {
    const log = createMemoryLog()
    const first = await Room.load({ docId: 'd', log, checkpointEvery: 2 })
    const writer = new MemoryClient(first)
    for (const word of ['a', 'b', 'c']) writer.doc.getText('t').insert(0, word)
    first.leave(writer.connection)
    await first.close()

    const second = await Room.load({ docId: 'd', log })
    const reader = new MemoryClient(second)
    expect(text(reader)).toBe('cba')
    await second.close()
  })

  it('writes each checkpoint as the log has the document at its seq, even when edits arrive during the append', async () => {
    const inner = createMemoryLog()
    let release = () => {}
    let started = () => {}
    const appendStarted = new Promise<void>((resolve) => (started = resolve))
    let first = true
    const log = {
      ...inner,
      // the first append waits until the test lets it go, as a slow disk would
      appendUpdates: async (docId: string, entries: Parameters<typeof inner.appendUpdates>[1]) => {
        if (first) {
          first = false
          started()
          await new Promise<void>((resolve) => (release = resolve))
        }
        return inner.appendUpdates(docId, entries)
      },
    }
    const room = await Room.load({ docId: 'd', log, checkpointEvery: 1, mergeWindowMs: 0 })
    const writer = new MemoryClient(room)
    writer.doc.getText('t').insert(0, 'logged')
    const flushing = room.flush()
    await appendStarted
    // an edit arrives while the batch is on its way to the log
    writer.doc.getText('t').insert(6, ' later')
    release()
    await flushing
    const checkpoint = await inner.readCheckpointAtOrBefore('d', 1)
    expect(checkpoint?.seq).toBe(1)
    const atSeq1 = new Y.Doc()
    Y.applyUpdate(atSeq1, checkpoint?.state as Uint8Array)
    expect(atSeq1.getText('t').toString()).toBe('logged')
    await room.flush()
    expect((await inner.readUpdates('d')).length).toBe(2)
    room.leave(writer.connection)
    await room.close()
  })

  it('answers an observer but drops its changes and never logs them', async () => {
    const log = createMemoryLog()
    const room = await Room.load({ docId: 'd', log })
    const candidate = new MemoryClient(room, 'candidate')
    candidate.doc.getText('t').insert(0, 'design')
    const observer = new MemoryClient(room, 'observer')
    expect(text(observer)).toBe('design')
    observer.doc.getText('t').insert(0, 'vandalism ')
    expect(text(candidate)).toBe('design')
    await room.flush()
    expect((log.updates.get('d') ?? []).every((u) => u.author.role === 'candidate')).toBe(true)
    await room.close()
  })

  it('closes a connection that sends an undecodable frame and keeps serving the others', async () => {
    const log = createMemoryLog()
    const room = await Room.load({ docId: 'd', log, onError: () => {} })
    const good = new MemoryClient(room)
    const bad = new MemoryClient(room)
    bad.send(new Uint8Array([0, 2, 200, 1, 2])) // sync update claiming 200 bytes, carrying 2
    expect(bad.closed?.code).toBe(SyncCloseCode.malformedMessage)
    bad.closed = null
    bad.send(new Uint8Array([9])) // unknown message type
    good.doc.getText('t').insert(0, 'still fine')
    expect(good.closed).toBeNull()
    await room.flush()
    expect(log.updates.get('d')).toHaveLength(1)
    await room.close()
  })

  it('closes a connection whose sync step 1 carries no valid state vector, as a malformed message', async () => {
    const errors: unknown[] = []
    const room = await Room.load({
      docId: 'd',
      log: createMemoryLog(),
      onError: (error) => errors.push(error),
    })
    const client = new MemoryClient(room)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    encoding.writeVarUint(encoder, 0)
    encoding.writeVarUint8Array(encoder, new Uint8Array([5, 200]))
    client.send(encoding.toUint8Array(encoder))
    expect(client.closed?.code).toBe(SyncCloseCode.malformedMessage)
    expect((errors[0] as Error).name).toBe('MalformedMessageError')
    await room.close()
  })

  it('closes a connection whose update is well-framed but not a Yjs update', async () => {
    const room = await Room.load({ docId: 'd', log: createMemoryLog(), onError: () => {} })
    const bad = new MemoryClient(room)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    encoding.writeVarUint(encoder, 2)
    encoding.writeVarUint8Array(encoder, new Uint8Array([255, 255, 255, 255, 15, 1, 2, 3]))
    bad.send(encoding.toUint8Array(encoder))
    expect(bad.closed?.code).toBe(SyncCloseCode.malformedMessage)
    await room.close()
  })

  it('shares presence and ignores entries a connection sends for other people', async () => {
    const room = await Room.load({ docId: 'd', log: createMemoryLog() })
    const a = new MemoryClient(room)
    const b = new MemoryClient(room)
    a.awareness.setLocalState({ user: { name: 'Alice' } })
    b.awareness.setLocalState({ user: { name: 'Bob' } })
    expect(b.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: 'Alice' } })

    // b sends a newer state for a's client id, and one that removes a: both are dropped, b stays.
    for (const forgedState of [{ user: { name: 'Mallory' } }, null]) {
      const forged = new awarenessProtocol.Awareness(new Y.Doc())
      forged.clientID = a.doc.clientID
      forged.setLocalState({})
      forged.setLocalState(forgedState)
      forged.states.set(a.doc.clientID, forgedState as never)
      forged.meta.set(a.doc.clientID, { clock: 99, lastUpdated: Date.now() })
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.awareness)
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(forged, [a.doc.clientID]))
      b.send(encoding.toUint8Array(encoder))
    }
    expect(b.closed).toBeNull()
    expect(room.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: 'Alice' } })
    expect(room.awareness.getStates().get(b.doc.clientID)).toEqual({ user: { name: 'Bob' } })

    room.leave(a.connection)
    expect(room.awareness.getStates().has(a.doc.clientID)).toBe(false)
    await room.close()
  })
})

describe('RoomRegistry', () => {
  it('loads a room once for concurrent clients and unloads it when the last one leaves', async () => {
    const log = createMemoryLog()
    const rooms = new RoomRegistry({ log })
    const [l1, l2] = await Promise.all([rooms.open('d', 'candidate'), rooms.open('d', 'candidate')])
    expect(l1.room).toBe(l2.room)
    const a = new MemoryClient(l1.room)
    l1.release()
    l2.release()
    expect(rooms.loadedRoomCount).toBe(1)
    a.doc.getText('t').insert(0, 'kept')
    rooms.leave(l1.room, a.connection)
    await rooms.closeAll()
    expect(rooms.loadedRoomCount).toBe(0)
    expect(l1.room.isClosed).toBe(true)

    const again = await rooms.open('d', 'candidate')
    expect(again.room).not.toBe(l1.room)
    expect(again.room.doc.getText('t').toString()).toBe('kept')
    again.release()
    await rooms.closeAll()
  })

  it('gives each role its own slots, so observers filling theirs never keep out the candidate or interviewer', async () => {
    const rooms = new RoomRegistry({
      log: createMemoryLog(),
      maxConnectionsPerRole: { observer: 2, candidate: 1, interviewer: 1 },
    })
    const first = await rooms.open('d', 'observer')
    const joined = new MemoryClient(first.room, 'observer')
    first.join(joined.connection)
    await rooms.open('d', 'observer')
    await expect(rooms.open('d', 'observer')).rejects.toBeInstanceOf(RoomFullError)
    const candidate = await rooms.open('d', 'candidate')
    await expect(rooms.open('d', 'candidate')).rejects.toBeInstanceOf(RoomFullError)
    await rooms.open('d', 'interviewer')
    candidate.release()
    // A slot frees when its connection leaves.
    rooms.leave(first.room, joined.connection)
    await rooms.open('d', 'observer')
    await rooms.closeAll()
  })

  it('relays updates between instances through the bus without logging them twice', async () => {
    const log = createMemoryLog()
    const bus = createInProcessBus()
    const instanceA = new RoomRegistry({ log, bus })
    const instanceB = new RoomRegistry({ log, bus })
    const la = await instanceA.open('d', 'candidate')
    const lb = await instanceB.open('d', 'candidate')
    const a = new MemoryClient(la.room)
    const b = new MemoryClient(lb.room)
    a.doc.getText('t').insert(0, 'across instances')
    expect(text(b)).toBe('across instances')
    await Promise.all([la.room.flush(), lb.room.flush()])
    expect(log.updates.get('d')).toHaveLength(1)
    await Promise.all([instanceA.closeAll(), instanceB.closeAll()])
  })
})
