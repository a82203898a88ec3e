import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createInProcessBus } from './bus.ts'
import { Room } from './Room.ts'
import { RoomRegistry } from './RoomRegistry.ts'
import { createMemoryLog, MemoryClient } from './testing.ts'

// Two "instances" (registries) in one process, sharing one log and an in-process bus: the same
// topology as several servers on PostgreSQL and Redis, with the bus's losses played on purpose.

const text = (client: MemoryClient) => client.doc.getText('t').toString()

async function twoInstances(options: { checkpointEvery?: number } = {}) {
  const log = createMemoryLog()
  const bus = createInProcessBus()
  const a = new RoomRegistry({ log, bus, ...options })
  const b = new RoomRegistry({ log, bus, ...options })
  const leaseA = await a.open('d', 'candidate')
  const leaseB = await b.open('d', 'interviewer')
  const onA = new MemoryClient(leaseA.room, 'candidate', 'alice', { name: 'Alice' })
  const onB = new MemoryClient(leaseB.room, 'interviewer', 'bob', { name: 'Bob' })
  return {
    log,
    bus,
    rooms: [leaseA.room, leaseB.room] as const,
    onA,
    onB,
    async close() {
      await Promise.all([a.closeAll(), b.closeAll()])
    },
  }
}

/** Polls until `condition` holds (the bus delivers synchronously; the log reads are async). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  expect(condition()).toBe(true)
}

describe('Room across instances', () => {
  it('relays presence to the other instance, with the identity the server stamped', async () => {
    const cluster = await twoInstances()
    cluster.onA.awareness.setLocalStateField('cursor', { x: 1, y: 2 })
    const seen = cluster.onB.awareness.getStates().get(cluster.onA.doc.clientID) as
      | { cursor: unknown; user: { name: string } }
      | undefined
    expect(seen?.cursor).toEqual({ x: 1, y: 2 })
    expect(seen?.user.name).toBe('Alice')
    // Leaving removes the cursor on the other instance too.
    cluster.rooms[0].leave(cluster.onA.connection)
    expect(cluster.onB.awareness.getStates().has(cluster.onA.doc.clientID)).toBe(false)
    await cluster.close()
  })

  it('gives a room loaded later what another instance accepted and has not logged yet', async () => {
    const log = createMemoryLog()
    const bus = createInProcessBus()
    const first = await Room.load({ docId: 'd', log, bus, flushDelayMs: 60_000 })
    const writer = new MemoryClient(first)
    writer.doc.getText('t').insert(0, 'not logged yet')
    expect(await log.lastSeq('d')).toBe(0)
    const second = await Room.load({ docId: 'd', log, bus })
    expect(new MemoryClient(second).doc.getText('t').toString()).toBe('not logged yet')
    first.leave(writer.connection)
    await Promise.all([first.close(), second.close()])
  })

  it('converges after a bus outage: each instance catches up from the log and from the others', async () => {
    const cluster = await twoInstances()
    cluster.bus.dropMessages = true
    cluster.onA.doc.getText('t').insert(0, 'A')
    cluster.onB.doc.getText('t').insert(0, 'B')
    expect(text(cluster.onA)).toBe('A')
    expect(text(cluster.onB)).toBe('B')
    // One side's edit is logged, the other's still waits in its room when the bus comes back.
    await cluster.rooms[0].flush()
    cluster.bus.dropMessages = false
    cluster.bus.reconnect()
    await until(() => text(cluster.onA).length === 2 && text(cluster.onA) === text(cluster.onB))
    await Promise.all(cluster.rooms.map((room) => room.flush()))
    // Each edit was logged once, by the instance that accepted it.
    expect((cluster.log.updates.get('d') ?? []).map((u) => u.author.userId).sort()).toEqual(['alice', 'bob'])
    await cluster.close()
  })

  it('builds checkpoints from the log, so an edit one instance never heard of is not lost', async () => {
    const cluster = await twoInstances({ checkpointEvery: 1 })
    cluster.bus.dropMessages = true
    // B's edit reaches the log but not A's memory.
    cluster.onB.doc.getText('t').insert(0, 'from B ')
    await cluster.rooms[1].flush()
    cluster.onA.doc.getText('t').insert(0, 'from A ')
    await cluster.rooms[0].flush()
    await cluster.rooms[1].flush()
    expect(text(cluster.onA)).toBe('from A ')
    // Whatever the newest checkpoint is, it and the log's tail hold both edits.
    const fresh = await Room.load({ docId: 'd', log: cluster.log })
    const board = new Y.Doc()
    Y.applyUpdate(board, Y.encodeStateAsUpdate(fresh.doc))
    expect(board.getText('t').toString()).toContain('from A')
    expect(board.getText('t').toString()).toContain('from B')
    await fresh.close()
    const { checkpoint } = await cluster.log.loadLatest('d')
    expect(checkpoint).not.toBeNull()
    cluster.bus.dropMessages = false
    await cluster.close()
  })

  it('logs an update another instance accepted and died before logging, once a client arrives', async () => {
    const log = createMemoryLog()
    const bus = createInProcessBus()
    // Instance A accepts and publishes, but its appends never complete: it "dies" with them.
    const dying = await Room.load({
      docId: 'd',
      log: { ...log, appendUpdates: () => new Promise<number>(() => {}) },
      bus,
    })
    const survivor = await Room.load({ docId: 'd', log, bus, reconcileGraceMs: 20 })
    const writer = new MemoryClient(dying, 'candidate', 'alice')
    writer.doc.getText('t').insert(0, 'accepted by A')
    // The writer reconnects to the survivor, which already holds its edit: it re-sends nothing.
    const reconnected = new MemoryClient(survivor, 'candidate', 'alice')
    expect(reconnected.doc.getText('t').toString()).toBe('accepted by A')
    await survivor.reconcile()
    const fresh = await Room.load({ docId: 'd', log })
    expect(new MemoryClient(fresh).doc.getText('t').toString()).toBe('accepted by A')
    expect((log.updates.get('d') ?? []).map((u) => u.author.role)).toEqual(['system'])
    await fresh.close()
    survivor.leave(reconnected.connection)
    await survivor.close()
  })

  it('logs nothing twice when the instance that accepted an update logs it within the grace', async () => {
    const cluster = await twoInstances()
    cluster.onA.doc.getText('t').insert(0, 'A')
    await Promise.all([cluster.rooms[1].reconcile(), cluster.rooms[0].flush()])
    expect((cluster.log.updates.get('d') ?? []).map((u) => u.author.userId)).toEqual(['alice'])
    await cluster.close()
  })

  it('lets one instance at a time write the checkpoints of a room', async () => {
    const log = createMemoryLog()
    const saved: string[] = []
    const bus = createInProcessBus()
    const instance = (name: string) =>
      Room.load({
        docId: 'd',
        log: {
          ...log,
          saveCheckpoint: async (docId, checkpoint) => {
            saved.push(name)
            await log.saveCheckpoint(docId, checkpoint)
          },
        },
        bus,
        checkpointEvery: 1,
      })
    const [a, b] = [await instance('a'), await instance('b')]
    const onA = new MemoryClient(a)
    const onB = new MemoryClient(b)
    for (let i = 0; i < 3; i++) {
      onA.doc.getText('t').insert(0, 'a')
      await a.flush()
      onB.doc.getText('t').insert(0, 'b')
      await b.flush()
    }
    expect(saved.length).toBeGreaterThan(0)
    expect(new Set(saved)).toEqual(new Set(['a']))
    a.leave(onA.connection)
    await a.close()
    // Once A has left, B takes the lease over.
    onB.doc.getText('t').insert(0, 'b')
    await b.flush()
    expect(saved.at(-1)).toBe('b')
    b.leave(onB.connection)
    await b.close()
  })
})
