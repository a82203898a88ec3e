/**
 * The server side of a big board: how long a room takes to load from its log and from a
 * checkpoint, how long a checkpoint takes to write, and how much memory one loaded room holds,
 * for boards of 100 to 5,000 records (component cards, and arrows bound between them).
 *
 *   node --expose-gc bench/big-board-room.ts                       # 100, 1000, 5000 records
 *   node --expose-gc bench/big-board-room.ts --records 5000 --rooms 20
 *
 * Each board is written as a candidate writes one: one logged update per record (so "from the
 * log" replays N updates), into a real SQLite store in a temporary directory, through the same
 * `Room.load` the server runs when the first person opens a board. Memory is the heap growth of
 * `--rooms` copies of the largest board loaded at once (after a forced GC), divided by their count.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import * as Y from 'yjs'
import { openBoardRecords, writeBoardMeta } from '../packages/board-sync/src/doc.ts'
import { type CardKind, createBoardSchema } from '../packages/components/src/schema.ts'
import { openSqliteStorage, type Storage } from '../packages/storage/src/index.ts'
import { Room } from '../packages/sync-room/src/index.ts'
import { arrowBinding, arrowShape, componentShape, PAGE_ID } from './interview-session.ts'

const { values: flags } = parseArgs({
  options: {
    records: { type: 'string', default: '100,1000,5000' },
    rooms: { type: 'string', default: '10' },
    runs: { type: 'string', default: '5' },
  },
})
const sizes = flags.records.split(',').map(Number)
const roomCount = Number(flags.rooms)
const runs = Number(flags.runs)
const gc = (globalThis as { gc?: () => void }).gc
const author = { sessionId: 'bench', role: 'candidate' as const, userId: 'bench' }
const KINDS: CardKind[] = ['load-balancer', 'model-server-cpu', 'model-server-gpu', 'cache', 'database']

type BoardRecord = Record<string, unknown> & { id: string; typeName: string }

/** `total` records: two thirds cards, the rest arrows with their two bindings, all valid. */
function boardRecords(total: number): BoardRecord[] {
  const schema = createBoardSchema()
  const records: BoardRecord[] = [
    { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
    { id: PAGE_ID, typeName: 'page', name: 'Design', index: 'a1', meta: {} },
  ]
  const cards: BoardRecord[] = []
  let index = 0
  while (records.length < total) {
    if (cards.length < 2 || records.length % 3 !== 0) {
      const card = componentShape(
        `shape:card-${index}`,
        index,
        KINDS[index % KINDS.length],
        (index % 40) * 300,
        Math.floor(index / 40) * 160,
      )
      cards.push(card)
      records.push(card)
    } else {
      const from = cards[index % cards.length]
      const to = cards[(index * 7 + 1) % cards.length]
      const id = `shape:flow-${index}`
      records.push(
        arrowShape(id, index, from, to),
        arrowBinding(id, 'start', from.id),
        arrowBinding(id, 'end', to.id),
      )
    }
    index++
  }
  for (const record of records) schema.types[record.typeName as 'shape'].validate(record as never)
  return records.slice(0, total)
}

/** Logs the board as one update per record (as drawn), then, for the checkpoint case, a checkpoint. */
async function writeBoard(storage: Storage, docId: string, records: BoardRecord[]): Promise<Uint8Array> {
  const doc = new Y.Doc()
  const board = openBoardRecords(doc)
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  doc.transact(() => writeBoardMeta(doc, createBoardSchema().serialize()))
  for (const record of records) doc.transact(() => board.set(record.id, record))
  for (let i = 0; i < updates.length; i += 500)
    await storage.appendUpdates(
      docId,
      updates.slice(i, i + 500).map((update) => ({ update, at: Date.now(), author })),
    )
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function timeLoad(storage: Storage, docId: string): Promise<{ ms: number; records: number }> {
  const started = performance.now()
  const room = await Room.load({ docId, log: storage, checkpointEvery: Number.POSITIVE_INFINITY })
  const ms = performance.now() - started
  const records = room.doc.getArray('records').length
  await room.close()
  return { ms, records }
}

const dir = mkdtempSync(join(tmpdir(), 'scaleboard-big-board-'))
const storage = await openSqliteStorage({ dataDir: dir })
try {
  console.log(
    `Room.load and checkpoints on node ${process.version}, SQLite in ${dir}; median of ${runs} runs`,
  )
  console.log(
    'records | log updates | load from log | checkpoint write | checkpoint bytes | load from checkpoint',
  )
  for (const size of sizes) {
    const records = boardRecords(size)
    const fromLog: number[] = []
    const write: number[] = []
    const fromCheckpoint: number[] = []
    let bytes = 0
    for (let run = 0; run < runs; run++) {
      const logOnly = `log-${size}-${run}`
      await writeBoard(storage, logOnly, records)
      // the first load of a log with no checkpoint replays every update; closing writes a checkpoint
      fromLog.push((await timeLoad(storage, logOnly)).ms)

      const withCheckpoint = `cp-${size}-${run}`
      const state = await writeBoard(storage, withCheckpoint, records)
      const doc = new Y.Doc()
      Y.applyUpdate(doc, state)
      const started = performance.now()
      const encoded = Y.encodeStateAsUpdate(doc)
      const lastSeq = (await storage.readUpdates(withCheckpoint)).at(-1)?.seq ?? 0
      await storage.saveCheckpoint(withCheckpoint, { seq: lastSeq, at: Date.now(), state: encoded })
      write.push(performance.now() - started)
      bytes = encoded.byteLength
      doc.destroy()
      const loaded = await timeLoad(storage, withCheckpoint)
      if (loaded.records !== records.length)
        throw new Error(`loaded ${loaded.records} of ${records.length} records`)
      fromCheckpoint.push(loaded.ms)
    }
    console.log(
      [
        size.toLocaleString('en-US'),
        (size + 1).toLocaleString('en-US'),
        `${median(fromLog).toFixed(1)} ms`,
        `${median(write).toFixed(1)} ms`,
        `${(bytes / 1024).toFixed(0)} KiB`,
        `${median(fromCheckpoint).toFixed(1)} ms`,
      ].join(' | '),
    )
  }

  // Memory: `roomCount` rooms of the largest board, loaded at once.
  const largest = Math.max(...sizes)
  const records = boardRecords(largest)
  for (let i = 0; i < roomCount; i++) {
    const state = await writeBoard(storage, `mem-${i}`, records)
    const lastSeq = (await storage.readUpdates(`mem-${i}`)).at(-1)?.seq ?? 0
    await storage.saveCheckpoint(`mem-${i}`, { seq: lastSeq, at: Date.now(), state })
  }
  gc?.()
  const before = process.memoryUsage()
  const rooms: Room[] = []
  for (let i = 0; i < roomCount; i++) rooms.push(await Room.load({ docId: `mem-${i}`, log: storage }))
  gc?.()
  const after = process.memoryUsage()
  const mib = (bytes: number) => `${(bytes / roomCount / 1024 / 1024).toFixed(2)} MiB`
  console.log(
    `memory: ${roomCount} rooms of ${largest.toLocaleString('en-US')} records loaded at once: per room ` +
      `${mib(after.heapUsed - before.heapUsed)} of JS heap` +
      (gc ? '' : ' (run with --expose-gc for a steadier figure)'),
  )
  for (const room of rooms) await room.close()
} finally {
  await storage.close()
  rmSync(dir, { recursive: true, force: true })
}
