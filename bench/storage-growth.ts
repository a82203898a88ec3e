/**
 * What a board costs on disk: bytes stored per minute of continuous dragging, and per hour of a
 * realistic scripted interview, with the room's log merging off (every update its own entry, as
 * before issue 9) and on (`mergeWindowMs`, default 100).
 *
 *   node bench/storage-growth.ts                       # both scenarios, merging off and on
 *   node bench/storage-growth.ts --seed 7 --image-kb 1024
 *
 * What runs: the real `Room` (packages/sync-room) over the real SQLite storage in a temporary
 * DATA_DIR, one room for the board and one for the interviewer's annotations layer, as the server
 * holds them. The people are real Yjs clients (`MemoryClient`: the y-websocket frames a browser
 * sends, through `room.receive`) writing tldraw records as the board binding does (one
 * transaction per store change, YKeyValue.set per record: a drag frame rewrites the whole record).
 * The board starts as the server starts it: the scenario's laid-out current state, by the system.
 *
 * Time is simulated, so 90 minutes run in seconds and every window is in real (scripted) ms: the
 * rooms read an injected clock, and the bench flushes them on the server's 50 ms ticks of that
 * clock (their own timer is set beyond the run). Merging and checkpoints therefore see exactly
 * the timing of a live session. Not modelled: the board guard (it judges, it stores nothing),
 * awareness (never stored), reconnects (a re-sync adds no new update).
 *
 * Stored bytes are the `update` and `state` bytes in doc_updates and doc_checkpoints after the
 * run (checkpoint thinning, if the storage does it, included), and the database files' size.
 * The run checks that a replay of each log gives exactly the room's document.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { parseArgs } from 'node:util'
import * as Y from 'yjs'
import { initialBoardUpdate } from '../apps/server/src/boards/scenarioBoard.ts'
import { openBoardRecords } from '../packages/board-sync/src/doc.ts'
import type { CardKind } from '../packages/components/src/schema.ts'
import { DEFAULT_SCENARIOS_DIR, loadScenarios } from '../packages/scenarios/src/index.ts'
import { openSqliteStorage, type Storage } from '../packages/storage/src/index.ts'
import { Room } from '../packages/sync-room/src/index.ts'
import { MemoryClient } from '../packages/sync-room/src/testing.ts'
import {
  arrowBinding,
  arrowShape,
  componentShape,
  noteShape,
  pastedImage,
  seededRandom,
  validRecord,
} from './interview-session.ts'

const { values: flags } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    windows: { type: 'string', default: '0,100' },
    'drag-seconds': { type: 'string', default: '60' },
    'image-kb': { type: 'string', default: '0' },
  },
})
const seed = Number(flags.seed)
const windows = flags.windows.split(',').map(Number)
const dragSeconds = Number(flags['drag-seconds'])
const imageBytes = Number(flags['image-kb']) * 1024

const FLUSH_MS = 50
const DRAG_HZ = 60
const TYPING_HZ = 8
const SESSION_MINUTES = 90
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0)

type BoardRecord = Record<string, unknown> & { id: string; typeName: string }

/** A scripted action at a time (ms from the start). */
interface Action {
  t: number
  run: () => void
}

/** Everything the script does, expanded to single updates in time order. */
class Script {
  readonly actions: Action[] = []
  dragMs = 0
  typedKeys = 0

  at(t: number, run: () => void): void {
    this.actions.push({ t, run })
  }

  /** A record rewritten on every frame for `seconds`, as tldraw does while a pointer moves. */
  frames(t: number, seconds: number, hz: number, frame: (f: number, of: number) => void): number {
    const count = Math.max(1, Math.round(seconds * hz))
    for (let f = 1; f <= count; f++) this.at(t + (f * 1000) / hz, () => frame(f, count))
    if (hz === DRAG_HZ) this.dragMs += (count * 1000) / hz
    return t + (count * 1000) / hz
  }

  typing(t: number, text: string, apply: (typed: string) => void): number {
    this.typedKeys += text.length
    return this.frames(t, text.length / TYPING_HZ, TYPING_HZ, (f) => apply(text.slice(0, f)))
  }
}

/** One YKeyValue per client, as the binding holds one (each instance observes the array). */
const boards = new WeakMap<MemoryClient, ReturnType<typeof openBoardRecords>>()
function boardOf(client: MemoryClient): ReturnType<typeof openBoardRecords> {
  let board = boards.get(client)
  if (!board) {
    board = openBoardRecords(client.doc)
    boards.set(client, board)
  }
  return board
}

function put(client: MemoryClient, ...records: BoardRecord[]): void {
  const board = boardOf(client)
  client.doc.transact(() => {
    for (const record of records) board.set(record.id, validRecord(record))
  })
}

function current(client: MemoryClient, id: string): BoardRecord {
  const record = boardOf(client).get(id) as BoardRecord | undefined
  if (!record) throw new Error(`bench bug: no ${id}`)
  return structuredClone(record)
}

function moveBy(client: MemoryClient, ids: string[], dx: number, dy: number): void {
  put(
    client,
    ...ids.map((id) => {
      const record = current(client, id)
      return { ...record, x: (record.x as number) + dx, y: (record.y as number) + dy }
    }),
  )
}

const richText = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', ...(text ? { content: [{ type: 'text', text }] } : {}) }],
})

const KINDS: CardKind[] = [
  'api-gateway',
  'load-balancer',
  'model-server-gpu',
  'model-server-cpu',
  'online-feature-store',
  'cache',
  'message-queue',
  'stream-processor',
  'database',
  'object-storage',
  'vector-database',
  'monitoring',
]
const NAMES = ['Gateway', 'Ranking LB', 'Ranker (GPU)', 'Candidate gen', 'Feature store', 'Embedding cache']

/**
 * The 90-minute interview, seeded. Briefing 0–10 min (reading, nothing written); design 10–70 min:
 * 40 components (placed, named by typing, one or two figures typed, 40% nudged by a short drag),
 * 50 arrows (each drawn with a 1.2 s drag, bound at both ends, 60% labelled); walkthrough and
 * discussion 70–90 min: names and figures revised, groups of 3–5 cards dragged, arrows removed.
 * The interviewer writes 8 sticky notes on the annotations layer, moving a few.
 */
function interviewScript(candidate: MemoryClient, interviewer: MemoryClient, random: () => number): Script {
  const script = new Script()
  const between = (lo: number, hi: number) => lo + random() * (hi - lo)
  const min = (m: number) => m * 60_000
  const cards: string[] = []
  const arrows: string[] = []
  const components = 40
  const arrowCount = 50
  let z = 100
  let t = min(10)
  const designMs = min(60)
  for (let c = 0; c < components; c++) {
    t = Math.max(t, min(10) + (c * designMs) / components) + between(5_000, 20_000)
    const id = `shape:card${c}`
    const index = z++
    const x = 1400 + (c % 8) * 260
    const y = 200 + Math.floor(c / 8) * 180
    cards.push(id)
    script.at(t, () => put(candidate, componentShape(id, index, KINDS[c % KINDS.length], x, y)))
    t += 500
    t = script.typing(t, `${NAMES[c % NAMES.length]} ${c + 1}`, (s) => {
      const r = current(candidate, id)
      put(candidate, { ...r, props: { ...(r.props as object), name: s } })
    })
    for (const figure of random() < 0.5 ? ['replicas'] : ['replicas', 'latencyP99Ms']) {
      t += 1_000
      t = script.typing(t, String(2 + Math.floor(random() * 200)), (s) => {
        const r = current(candidate, id)
        const props = r.props as { figures: Record<string, number> }
        put(candidate, { ...r, props: { ...props, figures: { ...props.figures, [figure]: Number(s) } } })
      })
    }
    if (random() < 0.4) {
      const [dx, dy] = [between(-4, 4), between(-3, 3)]
      t = script.frames(t + between(2_000, 8_000), between(1.5, 3.5), DRAG_HZ, () =>
        moveBy(candidate, [id], dx, dy),
      )
    }
    if (imageBytes > 0 && c === 22) {
      t += 20_000
      const image = pastedImage('whiteboard-photo', z++, imageBytes, random) as BoardRecord[]
      script.at(t, () => put(candidate, ...image))
    }
    const due = Math.round(((c + 1) / components) * arrowCount) - arrows.length
    for (let a = 0; a < due && cards.length >= 2; a++) {
      const n = arrows.length
      const arrowId = `shape:flow${n}`
      const fromId = cards[Math.max(0, cards.length - 1 - (n % 3))]
      let toId = cards[Math.floor(random() * cards.length)]
      if (toId === fromId) toId = cards[(cards.indexOf(fromId) + 1) % cards.length]
      const index = z++
      arrows.push(arrowId)
      t += between(8_000, 30_000)
      script.at(t, () => {
        const from = current(candidate, fromId)
        put(candidate, arrowShape(arrowId, index, from, from), arrowBinding(arrowId, 'start', fromId))
      })
      t = script.frames(t, 1.2, DRAG_HZ, (f, of) => {
        const target = arrowShape(arrowId, index, current(candidate, fromId), current(candidate, toId))
          .props as { end: { x: number; y: number } }
        const r = current(candidate, arrowId)
        put(candidate, {
          ...r,
          props: { ...(r.props as object), end: { x: (target.end.x * f) / of, y: (target.end.y * f) / of } },
        })
      })
      script.at(t + 10, () => put(candidate, arrowBinding(arrowId, 'end', toId)))
      if (random() < 0.6) {
        const label = ['sync 300 rps', 'async', 'gRPC 2k rps', 'batch nightly', 'features'][n % 5]
        t = script.typing(t + 1_000, label, (s) => {
          const r = current(candidate, arrowId)
          put(candidate, { ...r, props: { ...(r.props as object), richText: richText(s) } })
        })
      }
    }
  }

  // Walkthrough and discussion.
  t = Math.max(t, min(70))
  for (let i = 0; i < 14; i++) {
    t += between(30_000, 70_000)
    const id = cards[Math.floor(random() * cards.length)]
    t = script.typing(t, String(2 + Math.floor(random() * 60)), (s) => {
      const r = current(candidate, id)
      const props = r.props as { figures: Record<string, number> }
      put(candidate, { ...r, props: { ...props, figures: { ...props.figures, replicas: Number(s) } } })
    })
    if (i % 2 === 0) {
      const start = Math.floor(random() * (cards.length - 5))
      const group = cards.slice(start, start + 3 + (i % 3))
      const [dx, dy] = [between(-5, 5), between(-4, 4)]
      t = script.frames(t + between(5_000, 20_000), between(2, 4), DRAG_HZ, () =>
        moveBy(candidate, group, dx, dy),
      )
    }
    if (i % 4 === 1)
      t = script.typing(t + between(5_000, 20_000), 'Two-tower retrieval', (s) => {
        const r = current(candidate, id)
        put(candidate, { ...r, props: { ...(r.props as object), name: s } })
      })
  }
  for (let i = 0; i < 4; i++) {
    const arrowId = arrows[arrows.length - 1 - i * 3]
    const binding = (end: string) => `binding:${arrowId.slice('shape:'.length)}-${end}`
    t += between(20_000, 60_000)
    script.at(t, () => {
      const board = boardOf(candidate)
      candidate.doc.transact(() => {
        for (const key of [binding('start'), binding('end'), arrowId]) board.delete(key)
      })
    })
  }

  // The interviewer's notes, on the annotations layer, through the whole session.
  const texts = ['Why a GPU for ranking?', 'Ask about cold start', 'Probe the failure modes', 'Cost per 1k?']
  for (let n = 0; n < 8; n++) {
    let u = min(12) + n * min(9) + between(0, min(4))
    const id = `shape:note${n}`
    const index = 3000 + n
    script.at(u, () => put(interviewer, noteShape(id, index, -400, 200 + n * 220, '', 'user:interviewer')))
    u = script.typing(u + 500, texts[n % texts.length], (s) => {
      const r = current(interviewer, id)
      put(interviewer, { ...r, props: { ...(r.props as object), richText: richText(s) } })
    })
    if (n % 3 === 1) {
      const [dx, dy] = [between(-4, 4), between(-3, 3)]
      script.frames(u + between(5_000, 20_000), between(1, 2), DRAG_HZ, () =>
        moveBy(interviewer, [id], dx, dy),
      )
    }
  }
  script.actions.sort((a, b) => a.t - b.t)
  return script
}

/** The rooms of one session, on a clock the bench moves; flushed on the server's 50 ms ticks. */
class Session {
  clock = T0
  nextTick = T0 + FLUSH_MS
  readonly rooms: Room[] = []
  roomMs = 0

  readonly storage: Storage

  constructor(storage: Storage) {
    this.storage = storage
  }

  async open(docId: string, mergeWindowMs: number): Promise<Room> {
    const room = await Room.load({
      docId,
      log: this.storage,
      mergeWindowMs,
      // the bench flushes on the simulated clock's ticks; the real timer must not split them
      flushDelayMs: 24 * 3600_000,
      now: () => this.clock,
    })
    this.rooms.push(room)
    return room
  }

  async advanceTo(t: number): Promise<void> {
    while (this.nextTick <= t) {
      this.clock = this.nextTick
      if (this.rooms.some((room) => room.unsavedUpdateCount > 0))
        await Promise.all(this.rooms.map((room) => room.flush()))
      this.nextTick += FLUSH_MS
    }
    this.clock = t
  }

  async play(actions: Action[], from: number): Promise<void> {
    for (const action of actions) {
      await this.advanceTo(from + action.t)
      const started = performance.now()
      action.run()
      this.roomMs += performance.now() - started
    }
    await this.advanceTo(this.clock + 2 * FLUSH_MS)
  }
}

interface Stored {
  entries: number
  updateBytes: number
  checkpoints: number
  checkpointBytes: number
}

function storedOf(dataDir: string, docIds: string[]): Stored {
  const file = join(dataDir, 'scaleboard.db')
  const db = new DatabaseSync(file, { readOnly: true })
  try {
    const sum = { entries: 0, updateBytes: 0, checkpoints: 0, checkpointBytes: 0 }
    for (const docId of docIds) {
      const u = db
        .prepare(
          'select count(*) as n, coalesce(sum(length("update")), 0) as b from doc_updates where doc_id = ?',
        )
        .get(docId) as { n: number; b: number }
      const c = db
        .prepare(
          'select count(*) as n, coalesce(sum(length(state)), 0) as b from doc_checkpoints where doc_id = ?',
        )
        .get(docId) as { n: number; b: number }
      sum.entries += Number(u.n)
      sum.updateBytes += Number(u.b)
      sum.checkpoints += Number(c.n)
      sum.checkpointBytes += Number(c.b)
    }
    return sum
  } finally {
    db.close()
  }
}

/** Replays a log into a fresh document and checks it is the room's, to the state vector. */
async function checkReplay(storage: Storage, room: Room): Promise<void> {
  const doc = new Y.Doc()
  for (const entry of await storage.readUpdates(room.docId)) Y.applyUpdate(doc, entry.update)
  const same =
    Buffer.from(Y.encodeStateVector(doc)).equals(Buffer.from(Y.encodeStateVector(room.doc))) &&
    JSON.stringify(doc.getArray('records').toJSON()) ===
      JSON.stringify(room.doc.getArray('records').toJSON()) &&
    doc.store.pendingStructs === null
  doc.destroy()
  if (!same) throw new Error(`the log of ${room.docId} does not replay to the room's document`)
}

/** Stored states per second during drags: the replay's frame rate, and the longest gap in ms. */
async function replayRate(storage: Storage, docId: string, dragSpans: Array<[number, number]>) {
  const ats = (await storage.readUpdates(docId)).map((e) => e.at)
  let states = 0
  let ms = 0
  let longest = 0
  for (const [from, to] of dragSpans) {
    const inside = ats.filter((at) => at > from && at <= to)
    states += inside.length
    ms += to - from
    for (let i = 1; i < inside.length; i++) longest = Math.max(longest, inside[i] - inside[i - 1])
  }
  return { fps: states / (ms / 1000), longestGapMs: longest }
}

const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MiB`

/** Runs with a fresh SQLite store; `fileBytes` is the database files' size once it is closed. */
async function withStorage<T>(
  run: (storage: Storage, dir: string) => Promise<T>,
): Promise<{ result: T; fileBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'scaleboard-storage-growth-'))
  const storage = await openSqliteStorage({ dataDir: dir })
  try {
    const result = await run(storage, dir)
    await storage.close()
    const file = join(dir, 'scaleboard.db')
    const size = (f: string) => {
      try {
        return statSync(f).size
      } catch {
        return 0
      }
    }
    return { result, fileBytes: size(file) + size(`${file}-wal`) }
  } finally {
    await storage.close().catch(() => undefined)
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A person leaves: the room forgets the connection, the client its awareness timer. */
function leave(room: Room, client: MemoryClient): void {
  room.leave(client.connection)
  client.awareness.destroy()
  client.doc.destroy()
}

const scenarios = await loadScenarios(DEFAULT_SCENARIOS_DIR)
const scenario = scenarios.find((s) => s.id === 'recommendations') ?? scenarios[0]
const initial = await initialBoardUpdate(scenario)

/** The board as the server creates it: the scenario's current state, written by the system. */
function seedBoard(room: Room): void {
  Y.applyUpdate(room.doc, initial)
}

async function dragMinute(mergeWindowMs: number) {
  return withStorage(async (storage, dir) => {
    const session = new Session(storage)
    const room = await session.open('drag', mergeWindowMs)
    seedBoard(room)
    const candidate = new MemoryClient(room, 'candidate', 'ada')
    put(candidate, componentShape('shape:dragged', 100, 'model-server-gpu', 1400, 200))
    await session.advanceTo(T0 + 1_000)
    const before = storedOf(dir, ['drag'])
    const script = new Script()
    const start = 2_000
    script.frames(start, dragSeconds, DRAG_HZ, (f) => moveBy(candidate, ['shape:dragged'], f % 2 ? 3 : -1, 1))
    await session.play(script.actions, T0)
    await checkReplay(storage, room)
    const after = storedOf(dir, ['drag'])
    const rate = await replayRate(storage, 'drag', [[T0 + start, T0 + start + dragSeconds * 1000]])
    leave(room, candidate)
    await room.close()
    const perMinute = 60 / dragSeconds
    return {
      frames: script.actions.length,
      entries: (after.entries - before.entries) * perMinute,
      updateBytes: (after.updateBytes - before.updateBytes) * perMinute,
      checkpoints: (after.checkpoints - before.checkpoints) * perMinute,
      checkpointBytes: (after.checkpointBytes - before.checkpointBytes) * perMinute,
      rate,
      roomMsPerFrame: session.roomMs / script.actions.length,
    }
  })
}

async function interview(mergeWindowMs: number) {
  return withStorage(async (storage, dir) => {
    const session = new Session(storage)
    const board = await session.open('session', mergeWindowMs)
    const layer = await session.open('session/annotations', mergeWindowMs)
    seedBoard(board)
    const candidate = new MemoryClient(board, 'candidate', 'ada')
    const interviewer = new MemoryClient(layer, 'interviewer', 'grace')
    const script = interviewScript(candidate, interviewer, seededRandom(seed * 101))
    await session.play(script.actions, T0)
    await checkReplay(storage, board)
    await checkReplay(storage, layer)
    leave(board, candidate)
    leave(layer, interviewer)
    await board.close()
    await layer.close()
    const stored = storedOf(dir, ['session', 'session/annotations'])
    return {
      stored,
      updates: script.actions.length,
      dragSeconds: script.dragMs / 1000,
      typedKeys: script.typedKeys,
      roomMsPerUpdate: session.roomMs / script.actions.length,
    }
  })
}

console.log(
  `storage growth on node ${process.version}: scenario "${scenario.id}" (${kib(initial.byteLength)} first board), seed ${seed}` +
    (imageBytes > 0 ? `, a pasted image of ${kib(imageBytes)}` : ''),
)
console.log('\n(a) one card dragged at 60 Hz, per minute of dragging\n')
console.log(
  '| merge window | logged entries | update bytes | checkpoints kept | checkpoint bytes kept | total per minute | replay states/s (longest gap) | time per frame (client + room) |',
)
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |')
for (const w of windows) {
  const { result: r } = await dragMinute(w)
  console.log(
    `| ${w === 0 ? 'off' : `${w} ms`} | ${r.entries.toFixed(0)} | ${kib(r.updateBytes)} | ${r.checkpoints.toFixed(0)} | ${kib(r.checkpointBytes)} | **${kib(r.updateBytes + r.checkpointBytes)}** | ${r.rate.fps.toFixed(1)} (${r.rate.longestGapMs.toFixed(0)} ms) | ${(r.roomMsPerFrame * 1000).toFixed(0)} µs |`,
  )
}
console.log(`\n(b) the scripted ${SESSION_MINUTES}-minute interview (board + annotations), per hour\n`)
console.log(
  '| merge window | updates made | logged entries | update bytes | checkpoints kept | checkpoint bytes kept | total per hour | database files per hour | time per update (client + room) |',
)
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |')
let described = false
for (const w of windows) {
  const { result: r, fileBytes } = await interview(w)
  if (!described) {
    console.log(
      `<!-- script: ${r.updates} updates, ${r.dragSeconds.toFixed(0)} s of dragging at 60 Hz, ${r.typedKeys} keystrokes -->`,
    )
    described = true
  }
  const perHour = 60 / SESSION_MINUTES
  const s = r.stored
  console.log(
    `| ${w === 0 ? 'off' : `${w} ms`} | ${r.updates} | ${s.entries} | ${mib(s.updateBytes * perHour)} | ${s.checkpoints} | ${mib(s.checkpointBytes * perHour)} | **${mib((s.updateBytes + s.checkpointBytes) * perHour)}** | ${mib(fileBytes * perHour)} | ${(r.roomMsPerUpdate * 1000).toFixed(0)} µs |`,
  )
}
console.log('\nEvery log above was replayed into a fresh document and matched its room exactly.')
