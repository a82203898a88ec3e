import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DocumentLog, openSqliteStorage } from '@scaleboard/storage'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Room } from './Room.ts'
import { createMemoryLog, MemoryClient } from './testing.ts'

type Entry = { key: string; val: Record<string, unknown> }

/** What y-utility's YKeyValue.set (the board binding) does: delete the record's entry, push the new one. */
function setRecord(doc: Y.Doc, val: Record<string, unknown> & { id: string }): void {
  const records = doc.getArray<Entry>('records')
  doc.transact(() => {
    const at = records.toArray().findIndex((entry) => entry.key === val.id)
    if (at >= 0) records.delete(at, 1)
    records.push([{ key: val.id, val }])
  })
}

const card = (id: string, x: number) => ({
  id,
  typeName: 'shape',
  type: 'component',
  parentId: 'page:page',
  x,
  y: 120,
  props: { kind: 'model-server-gpu', name: 'Ranking model', figures: { replicas: 6, latencyP99Ms: 85 } },
  meta: {},
})

const records = (doc: Y.Doc) => JSON.stringify(doc.getArray('records').toJSON())

/** The document a replay of the whole log makes. */
async function replayLog(log: DocumentLog, docId: string): Promise<Y.Doc> {
  const doc = new Y.Doc()
  for (const entry of await log.readUpdates(docId)) Y.applyUpdate(doc, entry.update)
  expect(doc.store.pendingStructs).toBeNull()
  return doc
}

const FRAME_MS = 1000 / 60

describe('Room: merging updates in the log', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('logs a second of 60 Hz dragging as 10 entries that replay to exactly the room, frame times kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scaleboard-merging-'))
    dirs.push(dir)
    const storage = await openSqliteStorage({ dataDir: dir })
    let clock = 1_000_000
    const room = await Room.load({ docId: 'board', log: storage, now: () => clock })
    const candidate = new MemoryClient(room, 'candidate', 'ada')
    for (let i = 0; i < 4; i++) setRecord(candidate.doc, card(`shape:c${i}`, i * 300))
    await room.flush()
    const before = (await storage.readUpdates('board')).length
    const rawBytes: number[] = []
    candidate.doc.on('update', (u: Uint8Array) => rawBytes.push(u.byteLength))
    const states: Array<{ at: number; records: string }> = []
    for (let f = 0; f < 60; f++) {
      clock = 2_000_000 + Math.round(f * FRAME_MS)
      setRecord(candidate.doc, card('shape:c1', 300 + f))
      states.push({ at: clock, records: records(room.doc) })
    }
    await room.flush()

    const drag = (await storage.readUpdates('board')).slice(before)
    expect(drag).toHaveLength(10)
    expect(drag.every((e) => e.author.userId === 'ada' && e.author.role === 'candidate')).toBe(true)
    // Each entry carries the time of its last frame, and replays to the room's state at that frame.
    const replica = new Y.Doc()
    for (const entry of await storage.readUpdates('board', 0, before)) Y.applyUpdate(replica, entry.update)
    for (const entry of drag) {
      Y.applyUpdate(replica, entry.update)
      expect(records(replica)).toBe(states.findLast((s) => s.at === entry.at)?.records)
    }
    const gaps = drag.slice(1).map((e, i) => e.at - drag[i].at)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(100)
    // One record's content per entry, not six.
    const stored = drag.reduce((sum, e) => sum + e.update.byteLength, 0)
    expect(stored).toBeLessThan(rawBytes.reduce((a, b) => a + b, 0) / 4)

    expect(Y.encodeStateVector(replica)).toEqual(Y.encodeStateVector(room.doc))
    expect(records(replica)).toBe(records(room.doc))
    const whole = await replayLog(storage, 'board')
    expect(Y.encodeStateVector(whole)).toEqual(Y.encodeStateVector(room.doc))
    expect(records(whole)).toBe(records(room.doc))
    room.leave(candidate.connection)
    await room.close()
    await storage.close()
  })

  it('never merges across authors: interleaved frames of two people stay apart', async () => {
    const log = createMemoryLog()
    let clock = 0
    const room = await Room.load({ docId: 'd', log, now: () => clock })
    const candidate = new MemoryClient(room, 'candidate', 'ada')
    const interviewer = new MemoryClient(room, 'interviewer', 'grace')
    for (let f = 0; f < 6; f++) {
      clock = f * 10
      setRecord(candidate.doc, card('shape:a', f))
      setRecord(interviewer.doc, card('shape:b', f))
    }
    // the same role from another user is another author too
    const otherCandidate = new MemoryClient(room, 'candidate', 'bob')
    setRecord(candidate.doc, card('shape:a', 100))
    setRecord(otherCandidate.doc, card('shape:a', 101))
    await room.flush()
    const logged = log.updates.get('d') ?? []
    expect(logged.map((e) => e.author.userId)).toEqual([
      ...Array.from({ length: 6 }, () => ['ada', 'grace']).flat(),
      'ada',
      'bob',
    ])
    const replica = await replayLog(log, 'd')
    expect(records(replica)).toBe(records(room.doc))
    await room.close()
  })

  it('keeps updates of one author apart when they are 100 ms or more apart, merges them when closer', async () => {
    const log = createMemoryLog()
    let clock = 5_000
    const room = await Room.load({ docId: 'd', log, now: () => clock })
    const candidate = new MemoryClient(room, 'candidate', 'ada')
    setRecord(candidate.doc, card('shape:a', 1))
    clock += 150
    setRecord(candidate.doc, card('shape:a', 2))
    clock += 99
    setRecord(candidate.doc, card('shape:a', 3))
    clock += 1
    setRecord(candidate.doc, card('shape:a', 4)) // 100 ms after the second window opened
    await room.flush()
    expect((log.updates.get('d') ?? []).map((e) => e.at)).toEqual([5_000, 5_249, 5_250])
    expect(records(await replayLog(log, 'd'))).toBe(records(room.doc))
    await room.close()
  })

  it('delays no write: a flush stores what waits, and a later frame never joins a stored entry', async () => {
    const log = createMemoryLog()
    let clock = 0
    // the default flush delay, on the real timer
    const room = await Room.load({ docId: 'd', log, now: () => clock })
    const candidate = new MemoryClient(room, 'candidate', 'ada')
    setRecord(candidate.doc, card('shape:a', 1))
    clock = 16
    setRecord(candidate.doc, card('shape:a', 2))
    expect(room.unsavedUpdateCount).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(room.unsavedUpdateCount).toBe(0)
    expect(log.updates.get('d')).toHaveLength(1)
    const stored = log.updates.get('d')?.[0].update.slice()
    clock = 33
    setRecord(candidate.doc, card('shape:a', 3))
    await room.flush()
    const logged = log.updates.get('d') ?? []
    expect(logged).toHaveLength(2)
    expect(logged[0].update).toEqual(stored)
    expect(records(await replayLog(log, 'd'))).toBe(records(room.doc))
    await room.close()
  })

  it('a room loaded from a merged log (no checkpoint) holds the same document', async () => {
    const log = createMemoryLog()
    let clock = 0
    const room = await Room.load({ docId: 'd', log, now: () => clock, checkpointEvery: 1_000_000 })
    const candidate = new MemoryClient(room, 'candidate', 'ada')
    for (let f = 0; f < 90; f++) {
      clock = Math.round(f * FRAME_MS)
      setRecord(candidate.doc, card(`shape:${f % 3}`, f))
      // the server's flush ticks
      if (f % 3 === 2) await room.flush()
    }
    await room.flush()
    expect(log.updates.get('d')?.length).toBeLessThan(40)
    const loaded = await Room.load({ docId: 'd', log })
    expect(Y.encodeStateVector(loaded.doc)).toEqual(Y.encodeStateVector(room.doc))
    expect(records(loaded.doc)).toBe(records(room.doc))
    await loaded.close()
  })

  it('logs every update apart with mergeWindowMs 0', async () => {
    const log = createMemoryLog()
    const room = await Room.load({ docId: 'd', log, now: () => 0, mergeWindowMs: 0 })
    const candidate = new MemoryClient(room, 'candidate', 'ada')
    for (let f = 0; f < 5; f++) setRecord(candidate.doc, card('shape:a', f))
    await room.flush()
    expect(log.updates.get('d')).toHaveLength(5)
    await room.close()
  })

  it('a change from another server (the bus) closes the window, and the log still replays', async () => {
    const log = createMemoryLog()
    const { createInProcessBus } = await import('./bus.ts')
    const bus = createInProcessBus()
    const room = await Room.load({ docId: 'd', log, bus, now: () => 0 })
    const otherLog = createMemoryLog()
    const other = await Room.load({ docId: 'd', log: otherLog, bus, now: () => 0 })
    const candidate = new MemoryClient(room, 'candidate', 'ada')
    const remote = new MemoryClient(other, 'interviewer', 'grace')
    setRecord(candidate.doc, card('shape:a', 1))
    setRecord(candidate.doc, card('shape:a', 2))
    setRecord(remote.doc, card('shape:a', 50)) // deletes the candidate's entry in both rooms
    setRecord(candidate.doc, card('shape:a', 3))
    await room.flush()
    const logged = log.updates.get('d') ?? []
    expect(logged).toHaveLength(2)
    // the first entry still holds the candidate's second frame, which the bus change then replaced
    const first = new Y.Doc()
    Y.applyUpdate(first, logged[0].update)
    expect(first.getArray<Entry>('records').toArray().at(-1)?.val.x).toBe(2)
    // the other server logs its own writer's change; together the two logs make the room
    await other.flush()
    const replica = new Y.Doc()
    for (const entry of [...logged, ...(otherLog.updates.get('d') ?? [])])
      Y.applyUpdate(replica, entry.update)
    expect(replica.store.pendingStructs).toBeNull()
    expect(records(replica)).toBe(records(room.doc))
    await room.close()
    await other.close()
  })
})
