/**
 * A compressed soak: 50 rooms whose clients join, edit and leave over and over, with the server
 * process's heap and RSS sampled all along, to show that nothing grows.
 *
 *   node bench/soak.ts                       # 50 rooms, 10 minutes
 *   node bench/soak.ts --minutes 2           # a quick check
 *   node bench/soak.ts --rooms 20 --cycle-seconds 20 --sample-seconds 2
 *
 * The server is `startServer` as shipped (token check, SQLite log in a temporary DATA_DIR), in a
 * child process (this same file, with SOAK_ROLE=server) started with `--expose-gc`. The bench asks
 * it over Node's IPC channel for `process.memoryUsage()` after a forced full GC, so every sample is
 * live memory, not garbage waiting to be collected, plus the number of loaded rooms.
 *
 * The run is a series of cycles (`--cycle-seconds`, 30 by default). In the busy part of a cycle
 * each room repeats, at its own pace: a candidate, an interviewer and an observer join; the
 * candidate adds, renames, drags and sometimes deletes component cards while everyone moves their
 * cursor; then all three leave, and the room unloads. At the end of each cycle every client
 * leaves, the bench waits until the server has no room loaded, and takes an "idle" sample.
 *
 * The verdict uses only the idle samples after the first cycle (warm-up): a least-squares line
 * through heapUsed over time. "No growth" means the line rises by less than 2% of the mean idle heap
 * (at least 1 MB) over the measured span. RSS is plotted and fitted too but not judged: the
 * allocator keeps pages it has used, so RSS is a high-water mark (see docs/benchmarks.md).
 *
 * Writes bench/results/soak.csv (every sample) and bench/results/soak.svg (heap and RSS over time).
 * Exits 1 if the heap grows, or if an honest client was closed by the server.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { sendOwnAwarenessOnly } from '../apps/web/src/board/ownAwarenessOnly.ts'
import { openBoardRecords } from '../packages/board-sync/src/doc.ts'
import { whenSynced, withTimeout } from './clients.ts'
import { componentShape, noteShape, seededRandom, tokenFromLink, validRecord } from './interview-session.ts'
import { nextMessage, stopChild } from './serverProcess.ts'

interface MemorySample {
  heapUsed: number
  heapTotal: number
  external: number
  arrayBuffers: number
  rss: number
  loadedRooms: number
}

type ToServer = { type: 'sample' } | { type: 'stop' }
type ToBench = { type: 'ready'; port: number; adminToken: string } | ({ type: 'sample' } & MemorySample)

// ---------------------------------------------------------------------------------------------
// The server side (child process)
// ---------------------------------------------------------------------------------------------

async function serve(): Promise<void> {
  const { loadConfig, startServer } = await import('../apps/server/src/index.ts')
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc || !process.send)
    throw new Error('the soak server runs as a child of bench/soak.ts, with --expose-gc')
  const adminToken = process.env.SOAK_ADMIN_TOKEN ?? ''
  const dataDir = mkdtempSync(join(tmpdir(), 'scaleboard-soak-'))
  const server = await startServer(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: adminToken }),
  )
  const send = (message: ToBench) => process.send?.(message)
  const stop = async () => {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
    process.exit(0)
  }
  process.on('message', async (message: ToServer) => {
    if (message.type === 'sample') {
      // Two full collections with a turn of the loop between them, so freed buffers settle.
      gc()
      await new Promise((resolve) => setImmediate(resolve))
      gc()
      const m = process.memoryUsage()
      send({
        type: 'sample',
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        arrayBuffers: m.arrayBuffers,
        rss: m.rss,
        loadedRooms: server.rooms.loadedRoomCount,
      })
    } else if (message.type === 'stop') await stop()
  })
  process.on('disconnect', () => void stop())
  send({ type: 'ready', port: server.port, adminToken })
}

// ---------------------------------------------------------------------------------------------
// The bench side
// ---------------------------------------------------------------------------------------------

class SoakServer {
  readonly #child: ChildProcess
  #queue: Promise<unknown> = Promise.resolve()
  constructor(child: ChildProcess) {
    this.#child = child
  }

  static async start(adminToken: string): Promise<{ server: SoakServer; port: number }> {
    const child = fork(import.meta.filename, [], {
      execArgv: ['--expose-gc'],
      env: { ...process.env, SOAK_ROLE: 'server', SOAK_ADMIN_TOKEN: adminToken },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const ready = (await next(child, 'ready', 30_000)) as ToBench & { port: number }
    return { server: new SoakServer(child), port: ready.port }
  }

  /** One sample at a time: replies carry no id, so requests must not overlap. */
  sample(): Promise<MemorySample> {
    const run = this.#queue.then(async () => {
      this.#child.send({ type: 'sample' } satisfies ToServer)
      const { type: _, ...sample } = (await next(this.#child, 'sample', 60_000)) as ToBench & MemorySample
      return sample
    })
    this.#queue = run.catch(() => {})
    return run
  }

  stop(): Promise<void> {
    return stopChild(this.#child, { type: 'stop' } satisfies ToServer)
  }
}

function next(child: ChildProcess, type: ToBench['type'], timeoutMs: number): Promise<unknown> {
  return nextMessage(child, type, timeoutMs, 'soak server')
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)))

type Role = 'candidate' | 'interviewer' | 'observer'
interface Room {
  id: string
  tokens: Record<Role, string>
  /** card ids the candidate has put on this board and not deleted */
  cards: string[]
  /** sticky notes the interviewer has put on this board and not deleted */
  notes: string[]
  nextCard: number
  nextIndex: number
}

interface Tally {
  joins: number
  edits: number
  closes: Array<{ code: number; reason: string }>
  errors: string[]
}

function joinRoom(wsBase: string, room: Room, role: Role, tally: Tally) {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsBase, room.id, doc, {
    params: { token: room.tokens[role], user: role },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  sendOwnAwarenessOnly(provider)
  provider.on('connection-close', (event) => {
    if (event) tally.closes.push({ code: event.code, reason: event.reason })
  })
  provider.awareness.setLocalState({
    user: { id: role, name: role, color: '#1d7afc', role },
    cursor: { x: 0, y: 0 },
  })
  tally.joins += 1
  return { doc, provider }
}

/** One visit: three clients join, the candidate edits for a few seconds, everyone leaves. */
async function visit(wsBase: string, room: Room, random: () => number, tally: Tally): Promise<void> {
  const people = (['candidate', 'interviewer', 'observer'] as const).map((role) =>
    joinRoom(wsBase, room, role, tally),
  )
  try {
    await withTimeout(
      Promise.all(people.map((p) => whenSynced(p.provider))),
      30_000,
      `room ${room.id} to sync`,
    )
    const [candidate, interviewer] = people
    const board = openBoardRecords(candidate.doc)
    const put = (record: Record<string, unknown> & { id: string; typeName: string }) =>
      candidate.doc.transact(() => board.set(record.id, validRecord(record)))
    const cursor = (p: (typeof people)[number], i: number) =>
      p.provider.awareness.setLocalStateField('cursor', { x: i * 7, y: i * 3 })

    // Keep the board bounded: add a card while there are few, delete one when there are many.
    if (room.cards.length < 6 || random() < 0.3) {
      const id = `shape:soak${room.nextCard++}`
      put(componentShape(id, room.nextIndex++, 'cache', 100 + random() * 800, 100 + random() * 500))
      room.cards.push(id)
      tally.edits += 1
    }
    const card = room.cards[Math.floor(random() * room.cards.length)]
    // Rename by typing, 10 keys/s.
    const name = `Cache ${Math.floor(random() * 1000)}`
    for (let i = 1; i <= name.length; i++) {
      const record = structuredClone(board.get(card)) as Record<string, unknown> & {
        id: string
        typeName: string
      }
      ;(record.props as { name: string }).name = name.slice(0, i)
      put(record)
      cursor(candidate, i)
      tally.edits += 1
      await sleep(100)
    }
    // A one-second drag at 30 updates/s, cursors moving.
    for (let f = 0; f < 30; f++) {
      const record = structuredClone(board.get(card)) as Record<string, unknown> & {
        id: string
        typeName: string
      }
      record.x = (record.x as number) + 3
      put(record)
      cursor(candidate, f)
      if (f % 3 === 0) cursor(interviewer, f)
      tally.edits += 1
      await sleep(33)
    }
    if (random() < 0.2) {
      const notes = openBoardRecords(interviewer.doc)
      const id = `shape:note${room.nextCard++}`
      interviewer.doc.transact(() =>
        notes.set(
          id,
          validRecord(noteShape(id, room.nextIndex++, -300, 0, 'Ask about eviction', 'user:interviewer')),
        ),
      )
      room.notes.push(id)
      tally.edits += 1
    }
    if (room.notes.length > 3) {
      const gone = room.notes.shift() as string
      interviewer.doc.transact(() => openBoardRecords(interviewer.doc).delete(gone))
      tally.edits += 1
    }
    if (room.cards.length > 8) {
      const gone = room.cards.splice(Math.floor(random() * room.cards.length), 1)[0]
      candidate.doc.transact(() => board.delete(gone))
      tally.edits += 1
    }
    // Let the last edits reach the others before leaving.
    await sleep(300)
  } catch (error) {
    tally.errors.push((error as Error).message)
  } finally {
    for (const p of people) {
      p.provider.destroy()
      p.doc.destroy()
    }
  }
}

interface Row extends MemorySample {
  t: number
  cycle: number
  phase: 'busy' | 'idle'
}

async function main(): Promise<void> {
  const { values: flags } = parseArgs({
    options: {
      rooms: { type: 'string', default: '50' },
      minutes: { type: 'string', default: '10' },
      'cycle-seconds': { type: 'string', default: '30' },
      'sample-seconds': { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: new URL('./results/', import.meta.url).pathname },
    },
  })
  const rooms = Number(flags.rooms)
  const durationMs = Number(flags.minutes) * 60_000
  const cycleMs = Number(flags['cycle-seconds']) * 1000
  const sampleMs = Number(flags['sample-seconds']) * 1000
  const cycles = Math.max(2, Math.round(durationMs / cycleMs))
  const random = seededRandom(Number(flags.seed))

  // y-websocket adds a process 'exit' listener per provider; 150 at once are expected here.
  process.setMaxListeners(0)
  const adminToken = randomBytes(32).toString('base64url')
  const { server, port } = await SoakServer.start(adminToken)
  const base = `http://127.0.0.1:${port}`
  const wsBase = `ws://127.0.0.1:${port}/sync`
  const rows: Row[] = []
  const tally: Tally = { joins: 0, edits: 0, closes: [], errors: [] }
  const started = performance.now()
  const now = () => (performance.now() - started) / 1000
  let failed = false
  try {
    const scenarios = (await (await fetch(`${base}/api/scenarios`)).json()) as Array<{ id: string }>
    const scenarioId = scenarios[0]?.id
    const boards: Room[] = []
    for (let i = 0; i < rooms; i++) {
      const response = await fetch(`${base}/api/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        // Half the rooms start from a scenario's locked current state, half from an empty board.
        body: JSON.stringify({ title: `soak ${i}`, ...(i % 2 === 0 && scenarioId ? { scenarioId } : {}) }),
      })
      if (response.status !== 201)
        throw new Error(`POST /api/sessions: ${response.status} ${await response.text()}`)
      const session = (await response.json()) as { id: string; links: Record<Role, string> }
      boards.push({
        id: session.id,
        tokens: {
          candidate: tokenFromLink(session.links.candidate),
          interviewer: tokenFromLink(session.links.interviewer),
          observer: tokenFromLink(session.links.observer),
        },
        cards: [],
        notes: [],
        nextCard: 0,
        nextIndex: 20,
      })
    }
    rows.push({ t: now(), cycle: 0, phase: 'idle', ...(await server.sample()) })
    console.log(
      `soak: ${rooms} rooms, ${cycles} cycles of ${cycleMs / 1000} s, sampling every ${sampleMs / 1000} s (after a forced GC)`,
    )

    let cycle = 0
    const sampler = setInterval(() => {
      void server.sample().then(
        (sample) => rows.push({ t: now(), cycle, phase: 'busy', ...sample }),
        () => {},
      )
    }, sampleMs)
    try {
      for (cycle = 1; cycle <= cycles; cycle++) {
        const busyUntil = performance.now() + cycleMs * 0.8
        // Every room visits again and again until the busy part of the cycle is over.
        await Promise.all(
          boards.map(async (room) => {
            await sleep(random() * 3000)
            while (performance.now() < busyUntil) {
              await visit(wsBase, room, random, tally)
              await sleep(500 + random() * 2500)
            }
          }),
        )
        // Drain: nobody is connected; wait for every room to unload, then take the idle sample.
        const drainStarted = performance.now()
        let sample = await server.sample()
        while (sample.loadedRooms > 0 && performance.now() - drainStarted < 60_000) {
          await sleep(250)
          sample = await server.sample()
        }
        rows.push({ t: now(), cycle, phase: 'idle', ...sample })
        const mb = (b: number) => (b / 2 ** 20).toFixed(1)
        console.log(
          `  cycle ${cycle}/${cycles} at ${now().toFixed(0)} s: idle heapUsed ${mb(sample.heapUsed)} MB, RSS ${mb(sample.rss)} MB, loaded rooms ${sample.loadedRooms}; ${tally.joins} joins, ${tally.edits} edits so far`,
        )
      }
    } finally {
      clearInterval(sampler)
    }
    failed = report(rows, tally, flags.out, { rooms, cycles, cycleMs })
  } finally {
    await server.stop()
  }
  process.exit(failed ? 1 : 0)
}

/** Least-squares line through (x, y): slope and intercept. */
export function linearFit(points: Array<[number, number]>): { slope: number; intercept: number } {
  const n = points.length
  const mx = points.reduce((s, [x]) => s + x, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0)
  const slope = sxx === 0 ? 0 : sxy / sxx
  return { slope, intercept: my - slope * mx }
}

function report(
  rows: Row[],
  tally: Tally,
  outDir: string,
  run: { rooms: number; cycles: number; cycleMs: number },
): boolean {
  rows.sort((a, b) => a.t - b.t)
  mkdirSync(outDir, { recursive: true })
  const csv = [
    't_seconds,cycle,phase,loaded_rooms,heap_used_bytes,heap_total_bytes,external_bytes,array_buffers_bytes,rss_bytes',
    ...rows.map(
      (r) =>
        `${r.t.toFixed(2)},${r.cycle},${r.phase},${r.loadedRooms},${r.heapUsed},${r.heapTotal},${r.external},${r.arrayBuffers},${r.rss}`,
    ),
  ].join('\n')
  writeFileSync(join(outDir, 'soak.csv'), `${csv}\n`)

  const mb = (b: number) => b / 2 ** 20
  const idle = rows.filter((r) => r.phase === 'idle' && r.cycle >= 2)
  const heapFit = linearFit(idle.map((r) => [r.t / 60, mb(r.heapUsed)]))
  const rssFit = linearFit(idle.map((r) => [r.t / 60, mb(r.rss)]))
  const spanMinutes = idle.length > 1 ? (idle[idle.length - 1].t - idle[0].t) / 60 : 0
  const meanHeap = idle.reduce((s, r) => s + mb(r.heapUsed), 0) / Math.max(idle.length, 1)
  const growth = heapFit.slope * spanMinutes
  const allowed = Math.max(1, meanHeap * 0.02)
  const noGrowth = idle.length >= 2 && growth < allowed

  writeFileSync(
    join(outDir, 'soak.svg'),
    lineChart(rows, {
      title: `Soak: ${run.rooms} rooms, ${run.cycles} cycles of ${run.cycleMs / 1000} s — server heapUsed and RSS after forced GC`,
      heapFit: idle.length >= 2 ? { ...heapFit, from: idle[0].t, to: idle[idle.length - 1].t } : null,
    }),
  )

  const busy = rows.filter((r) => r.phase === 'busy')
  const maxLoaded = Math.max(0, ...busy.map((r) => r.loadedRooms))
  console.log(
    `\n${tally.joins} client joins, ${tally.edits} edits; up to ${maxLoaded} rooms loaded at a busy sample`,
  )
  console.log('| phase | samples | heapUsed MB (min / max) | RSS MB (min / max) |')
  console.log('|---|---|---|---|')
  for (const phase of ['busy', 'idle'] as const) {
    const of = rows.filter((r) => r.phase === phase)
    if (of.length === 0) continue
    const range = (k: 'heapUsed' | 'rss') =>
      `${mb(Math.min(...of.map((r) => r[k]))).toFixed(1)} / ${mb(Math.max(...of.map((r) => r[k]))).toFixed(1)}`
    console.log(`| ${phase} | ${of.length} | ${range('heapUsed')} | ${range('rss')} |`)
  }
  console.log(
    `\nidle heap after warm-up (cycles 2-${run.cycles}, ${idle.length} samples over ${spanMinutes.toFixed(1)} min): slope ${heapFit.slope.toFixed(3)} MB/min, ${growth.toFixed(2)} MB over the span (allowed < ${allowed.toFixed(2)} MB: 2% of the mean ${meanHeap.toFixed(1)} MB, at least 1 MB)`,
  )
  console.log(`idle RSS slope ${rssFit.slope.toFixed(3)} MB/min (not judged: RSS is a high-water mark)`)
  console.log(`wrote ${join(outDir, 'soak.csv')} and ${join(outDir, 'soak.svg')}`)
  let failed = false
  console.log(noGrowth ? '\nPASS: no heap growth' : '\nFAIL: the idle heap grows')
  if (!noGrowth) failed = true
  if (tally.closes.length > 0) {
    const codes = new Map<number, number>()
    for (const c of tally.closes) codes.set(c.code, (codes.get(c.code) ?? 0) + 1)
    console.log(
      `FAIL: the server closed honest clients: ${[...codes].map(([c, n]) => `${c} x${n}`).join(', ')}`,
    )
    failed = true
  }
  if (tally.errors.length > 0) {
    console.log(`FAIL: ${tally.errors.length} visits failed, e.g. ${tally.errors[0]}`)
    failed = true
  }
  return failed
}

/**
 * A small hand-written SVG chart: two panels sharing the time axis, heapUsed on top and RSS below,
 * each on its own scale (heap is a tenth of RSS; one scale would flatten it). Idle samples (no
 * room loaded) are dots; the dashed line is the fit the verdict uses.
 */
function lineChart(
  rows: Row[],
  options: { title: string; heapFit: { slope: number; intercept: number; from: number; to: number } | null },
): string {
  const width = 960
  const panelHeight = 220
  const pad = { left: 64, right: 170, top: 44, gap: 40, bottom: 44 }
  const height = pad.top + 2 * panelHeight + pad.gap + pad.bottom
  const mb = (b: number) => b / 2 ** 20
  const maxT = Math.max(1, ...rows.map((r) => r.t))
  const x = (t: number) => pad.left + (t / maxT) * (width - pad.left - pad.right)
  const f = (n: number) => n.toFixed(1)
  const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${pad.left}" y="24" font-size="14">${esc(options.title)}</text>`,
  ]
  const panels = [
    { name: 'heapUsed MB', color: '#1c7ed6', pick: (r: Row) => mb(r.heapUsed), fit: options.heapFit },
    { name: 'RSS MB', color: '#e8590c', pick: (r: Row) => mb(r.rss), fit: null },
  ]
  panels.forEach((panel, i) => {
    const top = pad.top + i * (panelHeight + pad.gap)
    const bottom = top + panelHeight
    const maxY = niceCeiling(Math.max(1, ...rows.map(panel.pick)) * 1.1)
    const y = (v: number) => bottom - (v / maxY) * panelHeight
    for (let k = 0; k <= 4; k++) {
      const v = (maxY / 4) * k
      parts.push(
        `<line x1="${pad.left}" x2="${width - pad.right}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="#e9ecef"/>`,
        `<text x="${pad.left - 8}" y="${f(y(v) + 4)}" text-anchor="end">${v.toFixed(v < 10 ? 1 : 0)}</text>`,
      )
    }
    const path = rows.map((r, k) => `${k === 0 ? 'M' : 'L'}${f(x(r.t))},${f(y(panel.pick(r)))}`).join(' ')
    parts.push(
      `<line x1="${pad.left}" x2="${pad.left}" y1="${top}" y2="${bottom}" stroke="#495057"/>`,
      `<line x1="${pad.left}" x2="${width - pad.right}" y1="${bottom}" y2="${bottom}" stroke="#495057"/>`,
      `<path d="${path}" fill="none" stroke="${panel.color}" stroke-width="1.5"/>`,
      ...rows
        .filter((r) => r.phase === 'idle')
        .map((r) => `<circle cx="${f(x(r.t))}" cy="${f(y(panel.pick(r)))}" r="3.5" fill="${panel.color}"/>`),
      `<text x="${width - pad.right + 12}" y="${top + 14}" fill="${panel.color}" font-size="13">${panel.name}</text>`,
      `<text x="${width - pad.right + 12}" y="${top + 34}" fill="#495057">line: every sample</text>`,
      `<text x="${width - pad.right + 12}" y="${top + 50}" fill="#495057">dots: idle (no room loaded)</text>`,
    )
    if (panel.fit) {
      const { slope, intercept, from, to } = panel.fit
      const at = (t: number) => y(intercept + (slope * t) / 60)
      parts.push(
        `<line x1="${f(x(from))}" y1="${f(at(from))}" x2="${f(x(to))}" y2="${f(at(to))}" stroke="#2b8a3e" stroke-width="2" stroke-dasharray="6 4"/>`,
        `<text x="${width - pad.right + 12}" y="${top + 70}" fill="#2b8a3e">dashed: fit of idle heap</text>`,
        `<text x="${width - pad.right + 12}" y="${top + 86}" fill="#2b8a3e">${slope.toFixed(3)} MB/min</text>`,
      )
    }
  })
  const axisY = height - pad.bottom
  const tStep = niceCeiling(maxT / 8)
  for (let t = 0; t <= maxT; t += tStep)
    parts.push(`<text x="${f(x(t))}" y="${axisY + 18}" text-anchor="middle">${t}</text>`)
  parts.push(
    `<text x="${(pad.left + width - pad.right) / 2}" y="${height - 8}" text-anchor="middle">seconds since start</text>`,
    '</svg>',
  )
  return `${parts.join('\n')}\n`
}

/** The smallest 1, 2 or 5 × 10^k at or above `value`. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power
  return 10 * power
}

if (process.env.SOAK_ROLE === 'server') await serve()
else if (import.meta.main) await main()
