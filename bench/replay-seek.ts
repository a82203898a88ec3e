/**
 * Replay seeks over a 90-minute session: how long the replay takes to load a session's log, and to
 * show the board at any moment of it, in the browser's way (BoardHistory: keyframes in memory plus
 * the tail) and in the server's (`GET /api/sessions/:id/records?at=`: the nearest stored
 * checkpoint plus the tail, read from a real SQLite store).
 *
 *   node --expose-gc bench/replay-seek.ts                  # one 90-minute session, 10 fps drags
 *   node --expose-gc bench/replay-seek.ts --fps 60         # drags logged at 60 updates/s (no merging)
 *   node --expose-gc bench/replay-seek.ts --seeks 500 --seed 3
 *
 * The session is scripted in simulated time, as the candidate builds it: ~40 component cards
 * (placed, dragged for 2 s, named by typing, three figures set), ~50 arrows bound between them
 * with their flow in meta, a drag of an existing card every ~45 s, notes, and in the revision
 * phase renames, figure changes, new and deleted cards. Records are written through YKeyValue as
 * the board binding writes them and each is checked by the board schema. Drags are logged at
 * `--fps` updates per second: the server stores them merged per 100 ms window, i.e. 10 fps.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import * as Y from 'yjs'
import { openBoardRecords } from '../packages/board-sync/src/doc.ts'
import type { CardKind } from '../packages/components/src/schema.ts'
import { BoardHistory, boardAt, type HistoryUpdate } from '../packages/revisions/src/index.ts'
import { openSqliteStorage } from '../packages/storage/src/index.ts'
import {
  arrowBinding,
  arrowShape,
  componentShape,
  noteShape,
  PAGE_ID,
  seededRandom,
  validRecord,
} from './interview-session.ts'

const { values: flags } = parseArgs({
  options: {
    fps: { type: 'string', default: '10' },
    seeks: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
    minutes: { type: 'string', default: '90' },
  },
})
const fps = Number(flags.fps)
const seekCount = Number(flags.seeks)
const random = seededRandom(Number(flags.seed))
const minutes = Number(flags.minutes)
const gc = (globalThis as { gc?: () => void }).gc
const MS = 60_000
const KINDS: CardKind[] = [
  'client',
  'api-gateway',
  'load-balancer',
  'model-server-gpu',
  'model-server-cpu',
  'online-feature-store',
  'cache',
  'message-queue',
  'database',
  'monitoring',
]

type BoardRecord = Record<string, unknown> & { id: string; typeName: string }

/** The scripted session as a log: every update with its (simulated) time. */
function scriptSession(): HistoryUpdate[] {
  const doc = new Y.Doc()
  const board = openBoardRecords(doc)
  const updates: HistoryUpdate[] = []
  let now = Date.UTC(2026, 11, 1, 9, 0, 0)
  const start = now
  doc.on('update', (update: Uint8Array) => updates.push({ seq: updates.length + 1, at: now, update }))
  const put = (record: BoardRecord) => board.set(record.id, validRecord(record as never))
  const cards: BoardRecord[] = []
  let index = 0

  put({ id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} })
  put({ id: PAGE_ID, typeName: 'page', name: 'Design', index: 'a1', meta: {} })

  function drag(card: BoardRecord, seconds: number) {
    const frames = Math.round(seconds * fps)
    const dx = (random() - 0.5) * 600
    const dy = (random() - 0.5) * 300
    const x0 = card.x as number
    const y0 = card.y as number
    for (let f = 1; f <= frames; f++) {
      now += 1000 / fps
      card.x = Math.round(x0 + (dx * f) / frames)
      card.y = Math.round(y0 + (dy * f) / frames)
      put({ ...card })
    }
  }
  function type(card: BoardRecord, name: string) {
    for (let i = 1; i <= name.length; i++) {
      now += 180
      card.props = { ...(card.props as object), name: name.slice(0, i) }
      put({ ...card })
    }
  }
  function setFigure(card: BoardRecord, figure: string, value: number) {
    now += 1500
    const props = card.props as { figures: Record<string, unknown> }
    card.props = { ...props, figures: { ...props.figures, [figure]: value } }
    put({ ...card })
  }
  function addCard(name: string) {
    const kind = KINDS[index % KINDS.length] as CardKind
    const card = componentShape(
      `shape:card-${index}`,
      index,
      kind,
      (index % 8) * 320,
      Math.floor(index / 8) * 200,
    )
    index += 1
    now += 2000
    put(card)
    cards.push(card)
    drag(card, 2)
    type(card, name)
    for (const figure of ['replicas', 'capacityRpsPerReplica', 'latencyP99Ms'])
      if (kind !== 'client' && kind !== 'monitoring') setFigure(card, figure, Math.round(1 + random() * 200))
  }
  function addArrow() {
    const from = cards[Math.floor(random() * cards.length)] as BoardRecord
    const to = cards[Math.floor(random() * cards.length)] as BoardRecord
    if (from === to) return
    const id = `shape:flow-${index}`
    const arrow = arrowShape(id, index, from, to)
    arrow.meta = {
      flow: { what: 'requests', mode: random() < 0.7 ? 'sync' : 'async', rps: Math.round(random() * 5000) },
    }
    index += 1
    now += 3000
    doc.transact(() => {
      put(arrow)
      put(arrowBinding(id, 'start', from.id))
      put(arrowBinding(id, 'end', to.id))
    })
  }
  const until = (minute: number, step: () => void) => {
    while (now - start < minute * MS) step()
  }
  const design = minutes * 0.5
  const walkthrough = minutes * 0.75
  // design: cards and arrows, and the odd drag of an earlier card
  let built = 0
  until(design, () => {
    if (built < 40) addCard(`Service ${++built}`)
    addArrow()
    if (cards.length > 3 && random() < 0.6) drag(cards[Math.floor(random() * cards.length)] as BoardRecord, 3)
    now += 20_000 + random() * 20_000
  })
  // walkthrough: notes and a few drags while talking
  until(walkthrough, () => {
    now += 30_000 + random() * 40_000
    const note = noteShape(
      `shape:note-${index}`,
      index,
      2600,
      index * 10,
      'What if traffic doubles?',
      'interviewer',
    )
    index += 1
    put(note)
    if (random() < 0.5) drag(cards[Math.floor(random() * cards.length)] as BoardRecord, 2)
  })
  // revision: renames, figure changes, a few new cards, two removed
  until(minutes, () => {
    const card = cards[Math.floor(random() * cards.length)] as BoardRecord
    type(card, `${(card.props as { name: string }).name} v2`)
    setFigure(card, 'replicas', Math.round(2 + random() * 10))
    if (random() < 0.3) addCard(`New ${index}`)
    if (random() < 0.1 && cards.length > 30) {
      const gone = cards.splice(Math.floor(random() * cards.length), 1)[0] as BoardRecord
      now += 1000
      board.delete(gone.id)
    }
    drag(card, 2)
    now += 25_000 + random() * 25_000
  })
  doc.destroy()
  return updates
}

function quantiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) as number }
}
const ms = (value: number) => `${value.toFixed(1)} ms`

async function main() {
  const updates = scriptSession()
  const bytes = updates.reduce((sum, u) => sum + u.update.byteLength, 0)
  const span = (updates.at(-1)?.at ?? 0) - (updates[0]?.at ?? 0)
  console.log(
    `session: ${(span / MS).toFixed(0)} min, ${updates.length} updates (drags at ${fps} fps), ${(bytes / 1024).toFixed(0)} KiB of updates`,
  )

  // The browser's way: load once, then seek anywhere from keyframes.
  gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const loadStart = performance.now()
  const history = new BoardHistory(updates)
  const loadMs = performance.now() - loadStart
  gc?.()
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024
  const lastState = history.stateAt(history.lastSeq)
  const targets = Array.from({ length: seekCount }, () => Math.ceil(random() * history.lastSeq))
  const browserSeeks = targets.map((seq) => {
    const t = performance.now()
    history.stateAt(seq)
    return performance.now() - t
  })
  const b = quantiles(browserSeeks)
  console.log(
    `browser: load ${ms(loadMs)} (${heapMb.toFixed(1)} MiB heap), ${lastState.records.size} records at the end; seek p50 ${ms(b.p50)}, p95 ${ms(b.p95)}, max ${ms(b.max)} over ${seekCount} random seeks`,
  )

  // The server's way: a real SQLite log with the room's checkpoints (every 500 updates, thinned).
  const dir = mkdtempSync(join(tmpdir(), 'scaleboard-replay-seek-'))
  try {
    const storage = await openSqliteStorage({ dataDir: dir })
    const docId = 'bench-session'
    const replayDoc = new Y.Doc()
    for (let i = 0; i < updates.length; i += 50) {
      const batch = updates.slice(i, i + 50)
      await storage.appendUpdates(
        docId,
        batch.map((u) => ({
          at: u.at,
          author: { sessionId: docId, role: 'candidate' as const, userId: 'c' },
          update: u.update,
        })),
      )
      for (const u of batch) Y.applyUpdate(replayDoc, u.update)
      const last = batch.at(-1) as HistoryUpdate
      if (Math.floor(last.seq / 500) > Math.floor((last.seq - batch.length) / 500))
        await storage.saveCheckpoint(docId, {
          seq: last.seq,
          at: last.at,
          state: Y.encodeStateAsUpdate(replayDoc),
        })
    }
    const serverSeeks: number[] = []
    for (const seq of targets.slice(0, Math.min(100, targets.length))) {
      const t = performance.now()
      const checkpoint = await storage.readCheckpointAtOrBefore(docId, seq)
      const tail = await storage.readUpdates(docId, checkpoint?.seq ?? 0, seq)
      boardAt(checkpoint, tail)
      serverSeeks.push(performance.now() - t)
    }
    await storage.close()
    const s = quantiles(serverSeeks)
    const fileBytes = statSync(join(dir, 'scaleboard.db')).size
    console.log(
      `server: records?at= p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)} over ${serverSeeks.length} seeks (checkpoint + tail from SQLite); database ${(fileBytes / 1024 / 1024).toFixed(1)} MiB`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
