/**
 * A realistic, scripted 90-minute interview against a real server process, to show that no limit
 * bothers an honest session and to measure the peaks the limits must leave room for.
 *
 *   node bench/interview-session.ts                    # 90 scripted minutes in ~6 (pnpm bench:interview)
 *   node bench/interview-session.ts --minutes 10       # more idle time between the same bursts
 *   node bench/interview-session.ts --realtime         # the full 90 minutes
 *   node bench/interview-session.ts --seed 7 --json bench/results/interview.json
 *
 * Who is in the room (each a y-websocket 3.1.0 provider over `ws`, token in `?token=`, patched as
 * the web app patches it to send its own awareness state only):
 * - the candidate builds the design: ~40 component cards (created, named by typing, figures
 *   edited), ~50 arrows bound to them (drawn with a drag, some labelled), drags shapes at 60
 *   updates/s for bursts of a few seconds (alone and in groups), pastes one ~1 MB image once, and
 *   revises names and figures in the discussion at the end;
 * - the interviewer writes a few sticky notes and corrects a figure now and then;
 * - three observers only watch (read-only links);
 * - everyone sends awareness (cursor) updates at 20 Hz while active, as the web app's throttle
 *   allows, and every client drops its connection and reconnects once mid-session.
 * Records are written exactly as packages/board-sync writes them (YKeyValue over `records`, via
 * openBoardRecords) and each one is checked with the board schema's validator before it is sent, so
 * a refusal can only mean the server is stricter than the board.
 *
 * Time compression: every burst (a drag, typing, a cursor sweep) plays in real time, at its real
 * rate, so the 1-second peaks are those of a real session. Only the idle time between bursts is
 * shortened: the run lasts `--minutes` (default 4) or the ~5 minutes of bursts plus 10 s of idle,
 * whichever is longer. 10-second windows may therefore hold more activity than in a real session:
 * their peaks over-estimate, which is the safe side for setting limits.
 *
 * Exit status: 1 if an honest client was closed with a limit code (4413, 4422, 4529, 4508, 4503)
 * or any other code it did not ask for, or if the clients do not converge on one board.
 */

import { randomBytes } from 'node:crypto'
import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { parseArgs } from 'node:util'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { sendOwnAwarenessOnly } from '../apps/web/src/board/ownAwarenessOnly.ts'
import { openBoardRecords, readBoardRecords } from '../packages/board-sync/src/doc.ts'
import {
  type CardKind,
  createBoardSchema,
  getDefaultComponentProps,
} from '../packages/components/src/schema.ts'
import { SyncCloseCode } from '../packages/schema/src/sync.ts'
import { whenSynced, withTimeout } from './clients.ts'
import { forkServer } from './serverProcess.ts'

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)))

// ---------------------------------------------------------------------------------------------
// Board records, as tldraw 5.4.2 and Scaleboard's component shapes write them
// ---------------------------------------------------------------------------------------------

type BoardRecord = Record<string, unknown> & { id: string; typeName: string }
type RecordType = { validate(record: unknown): unknown }
const boardSchema = createBoardSchema() as unknown as { types: Record<string, RecordType> }

/** Throws if the board itself would not accept the record: then the bench, not the server, is wrong. */
export function validRecord<T extends BoardRecord>(record: T): T {
  const type = boardSchema.types[record.typeName]
  if (!type) throw new Error(`bench bug: no record type ${record.typeName}`)
  type.validate(record)
  return record
}

export const PAGE_ID = 'page:page'
const richText = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', ...(text ? { content: [{ type: 'text', text }] } : {}) }],
})

/** Fractional index keys in order: a1, a2, …, a9, aA, … (base 62, as tldraw's indices sort). */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
export function indexKey(n: number): string {
  // 'b' keys hold two digits: up to 3,844 shapes, far above a session's count.
  return n < 61 ? `a${DIGITS[n + 1]}` : `b${DIGITS[Math.floor(n / 62) % 62]}${DIGITS[n % 62]}`
}

function shapeBase(id: string, index: number, x: number, y: number) {
  return {
    id,
    typeName: 'shape',
    parentId: PAGE_ID,
    index: indexKey(index),
    x,
    y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
  }
}

const CARD_KINDS: CardKind[] = [
  'client',
  'cdn',
  'api-gateway',
  'load-balancer',
  'model-server-cpu',
  'model-server-gpu',
  'online-feature-store',
  'cache',
  'message-queue',
  'stream-processor',
  'database',
  'object-storage',
  'vector-database',
  'monitoring',
]

export function componentShape(id: string, index: number, kind: CardKind, x: number, y: number): BoardRecord {
  return { ...shapeBase(id, index, x, y), type: 'component', props: getDefaultComponentProps(kind) }
}

export function arrowShape(id: string, index: number, from: BoardRecord, to: BoardRecord): BoardRecord {
  const start = { x: (from.x as number) + 100, y: (from.y as number) + 50 }
  const end = { x: (to.x as number) + 100, y: (to.y as number) + 50 }
  return {
    ...shapeBase(id, index, start.x, start.y),
    type: 'arrow',
    props: {
      kind: 'arc',
      labelColor: 'black',
      color: 'grey',
      fill: 'none',
      dash: 'solid',
      size: 's',
      arrowheadStart: 'none',
      arrowheadEnd: 'arrow',
      font: 'sans',
      start: { x: 0, y: 0 },
      end: { x: end.x - start.x, y: end.y - start.y },
      bend: 0,
      richText: richText(''),
      labelPosition: 0.5,
      scale: 1,
      elbowMidPoint: 0.5,
    },
  }
}

export function arrowBinding(arrowId: string, terminal: 'start' | 'end', toId: string): BoardRecord {
  return {
    id: `binding:${arrowId.slice('shape:'.length)}-${terminal}`,
    typeName: 'binding',
    type: 'arrow',
    fromId: arrowId,
    toId,
    meta: {},
    props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
  }
}

export function noteShape(id: string, index: number, x: number, y: number, text: string, by: string) {
  return {
    ...shapeBase(id, index, x, y),
    type: 'note',
    props: {
      color: 'yellow',
      labelColor: 'black',
      size: 'm',
      font: 'draw',
      fontSizeAdjustment: 0,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      richText: richText(text),
      scale: 1,
      textLastEditedBy: by,
    },
  } as BoardRecord
}

/** A pasted screenshot: tldraw stores it inline as a data URL in an asset record, plus an image shape. */
export function pastedImage(key: string, index: number, bytes: number, random: () => number): BoardRecord[] {
  const raw = Buffer.alloc(Math.ceil((bytes * 3) / 4))
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(random() * 256)
  const src = `data:image/png;base64,${raw.toString('base64')}`
  const assetId = `asset:${key}`
  return [
    {
      id: assetId,
      typeName: 'asset',
      type: 'image',
      meta: {},
      props: {
        w: 1280,
        h: 800,
        name: 'whiteboard-photo.png',
        isAnimated: false,
        mimeType: 'image/png',
        src,
        fileSize: raw.length,
      },
    },
    {
      ...shapeBase(`shape:${key}`, index, 1400, -600),
      type: 'image',
      props: {
        w: 640,
        h: 400,
        playing: true,
        url: '',
        assetId,
        crop: null,
        flipX: false,
        flipY: false,
        altText: '',
      },
    },
  ]
}

function userRecord(id: string, name: string, color: string): BoardRecord {
  return { id: `user:${id}`, typeName: 'user', name, color, imageUrl: '', meta: {} }
}

/** The awareness state the web app sends (bindPresence.ts): `user` plus a tldraw instance presence. */
function presenceState(clientId: number, user: { id: string; name: string; color: string; role: string }) {
  const presence = validRecord({
    id: `instance_presence:${clientId}`,
    typeName: 'instance_presence',
    userId: `user:${user.id}`,
    userName: user.name,
    color: user.color,
    lastActivityTimestamp: Date.now(),
    followingUserId: null,
    cursor: { x: 0, y: 0, type: 'default', rotation: 0 },
    camera: { x: 0, y: 0, z: 1 },
    screenBounds: { x: 0, y: 0, w: 1680, h: 1050 },
    selectedShapeIds: [],
    currentPageId: PAGE_ID,
    brush: null,
    scribbles: [],
    chatMessage: '',
    meta: {},
  })
  return { user, presence }
}

// ---------------------------------------------------------------------------------------------
// Metering: every frame each client sends and receives, by time
// ---------------------------------------------------------------------------------------------

export type FrameKind =
  | 'sync-step1'
  | 'sync-step2'
  | 'sync-update'
  | 'awareness'
  | 'query-awareness'
  | 'other'

export function frameKind(frame: Uint8Array): FrameKind {
  if (frame[0] === 0)
    return frame[1] === 0
      ? 'sync-step1'
      : frame[1] === 1
        ? 'sync-step2'
        : frame[1] === 2
          ? 'sync-update'
          : 'other'
  if (frame[0] === 1) return 'awareness'
  if (frame[0] === 3) return 'query-awareness'
  return 'other'
}

export interface FrameEvent {
  /** ms since the meter's epoch */
  t: number
  bytes: number
  kind: FrameKind
}

export class Meter {
  readonly sent: FrameEvent[] = []
  readonly received: FrameEvent[] = []
  readonly epoch: number
  constructor(epoch: number) {
    this.epoch = epoch
  }
  onSend(data: unknown): void {
    const bytes = toBytes(data)
    this.sent.push({ t: performance.now() - this.epoch, bytes: bytes.byteLength, kind: frameKind(bytes) })
  }
  onReceive(data: unknown): void {
    const bytes = toBytes(data)
    this.received.push({ t: performance.now() - this.epoch, bytes: bytes.byteLength, kind: frameKind(bytes) })
  }
}

function toBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]))
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  return new Uint8Array(0)
}

/** A `ws` WebSocket that reports every frame to `meter`: y-websocket's WebSocketPolyfill. */
export function meteredWebSocket(meter: Meter): typeof globalThis.WebSocket {
  class MeteredWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols)
      this.on('message', (data) => meter.onReceive(data))
    }
    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      meter.onSend(data)
      ;(super.send as (...args: unknown[]) => void)(data, ...rest)
    }
  }
  return MeteredWebSocket as unknown as typeof globalThis.WebSocket
}

export interface WindowPeak {
  bytesPerSecond: number
  messagesPerSecond: number
}

/** The largest sum over any window of `windowMs` that ends at an event (two pointers over time). */
export function peakOver(events: FrameEvent[], windowMs: number): WindowPeak {
  const sorted = [...events].sort((a, b) => a.t - b.t)
  let start = 0
  let bytes = 0
  let peakBytes = 0
  let peakMessages = 0
  for (let end = 0; end < sorted.length; end++) {
    bytes += sorted[end].bytes
    while (sorted[end].t - sorted[start].t >= windowMs) bytes -= sorted[start++].bytes
    peakBytes = Math.max(peakBytes, bytes)
    peakMessages = Math.max(peakMessages, end - start + 1)
  }
  return {
    bytesPerSecond: peakBytes / (windowMs / 1000),
    messagesPerSecond: peakMessages / (windowMs / 1000),
  }
}

// ---------------------------------------------------------------------------------------------
// Clients
// ---------------------------------------------------------------------------------------------

type Role = 'candidate' | 'interviewer' | 'observer'
const LIMIT_CODES = new Map<number, string>([
  [SyncCloseCode.limitExceeded, 'limitExceeded'],
  [SyncCloseCode.changeRefused, 'changeRefused'],
  [SyncCloseCode.rateLimited, 'rateLimited'],
  [SyncCloseCode.slowReader, 'slowReader'],
  [SyncCloseCode.storageUnavailable, 'storageUnavailable'],
])

interface Client {
  name: string
  role: Role
  doc: Y.Doc
  provider: WebsocketProvider
  meter: Meter
  /** codes of closes this client did not ask for */
  closes: Array<{ code: number; reason: string; at: number }>
  /** the cursor loop sends at 20 Hz while this is true */
  cursorActive: boolean
  cursor: { x: number; y: number }
  maxAwarenessBytes: number
  reconnects: number
}

function connect(
  wsBase: string,
  sessionId: string,
  token: string,
  name: string,
  role: Role,
  epoch: number,
): Client {
  const doc = new Y.Doc()
  const meter = new Meter(epoch)
  const userId = name.replace(/[^A-Za-z0-9_-]/g, '-')
  const provider = new WebsocketProvider(wsBase, sessionId, doc, {
    params: { token, user: userId },
    WebSocketPolyfill: meteredWebSocket(meter),
    disableBc: true,
  })
  // As the web app does: send our own awareness changes only, not the ones we hear from others.
  sendOwnAwarenessOnly(provider)
  const colors = { candidate: '#1d7afc', interviewer: '#e03131', observer: '#868e96' }
  provider.awareness.setLocalState(
    presenceState(doc.clientID, { id: userId, name, color: colors[role], role }),
  )
  const client: Client = {
    name,
    role,
    doc,
    provider,
    meter,
    closes: [],
    cursorActive: false,
    cursor: { x: 400, y: 300 },
    maxAwarenessBytes: 0,
    reconnects: 0,
  }
  provider.on('connection-close', (event) => {
    // null: we closed it ourselves (disconnect or y-websocket's watchdog)
    if (event) client.closes.push({ code: event.code, reason: event.reason, at: performance.now() - epoch })
  })
  return client
}

/** Moves this client's cursor at 20 Hz while it is active, as the web app's 50 ms throttle allows. */
function runCursorLoop(client: Client, random: () => number, stop: () => boolean): Promise<void> {
  return (async () => {
    const period = 50
    let next = performance.now()
    while (!stop()) {
      next += period
      if (client.cursorActive && client.provider.wsconnected) {
        client.cursor.x += (random() - 0.5) * 40
        client.cursor.y += (random() - 0.5) * 30
        const state = client.provider.awareness.getLocalState() as { presence: Record<string, unknown> }
        const presence = {
          ...state.presence,
          cursor: { x: client.cursor.x, y: client.cursor.y, type: 'default', rotation: 0 },
          lastActivityTimestamp: Date.now(),
        }
        client.provider.awareness.setLocalStateField('presence', presence)
        client.maxAwarenessBytes = Math.max(
          client.maxAwarenessBytes,
          JSON.stringify(client.provider.awareness.getLocalState()).length,
        )
      }
      await sleep(next - performance.now())
    }
  })()
}

/** Writes records as the board binding does: one transaction, YKeyValue.set per record. */
function put(client: Client, ...records: BoardRecord[]): void {
  const board = openBoardRecords(client.doc)
  client.doc.transact(() => {
    for (const record of records) board.set(record.id, validRecord(record))
  })
}

function remove(client: Client, ...ids: string[]): void {
  const board = openBoardRecords(client.doc)
  client.doc.transact(() => {
    for (const id of ids) board.delete(id)
  })
}

function current(client: Client, id: string): BoardRecord {
  const record = openBoardRecords(client.doc).get(id) as BoardRecord | undefined
  if (!record) throw new Error(`bench bug: ${client.name} has no ${id}`)
  return structuredClone(record)
}

// ---------------------------------------------------------------------------------------------
// The script
// ---------------------------------------------------------------------------------------------

/** One thing a person does: it runs in real time and is expected to take about `seconds`. */
interface Step {
  what: string
  seconds: number
  run(): Promise<void>
}

/** A person's session: steps with idle time before each, in scripted (real-interview) seconds. */
interface Plan {
  client: Client
  items: Array<{ idleBefore: number; step: Step }>
}

const TYPING_HZ = 8
const DRAG_HZ = 60

/** Types `text` one key at a time: each keystroke replaces the record, as tldraw's text editing does. */
function typing(client: Client, id: string, text: string, apply: (r: BoardRecord, s: string) => void): Step {
  return {
    what: 'type',
    seconds: text.length / TYPING_HZ,
    async run() {
      client.cursorActive = true
      for (let i = 1; i <= text.length; i++) {
        const record = current(client, id)
        apply(record, text.slice(0, i))
        put(client, record)
        await sleep(1000 / TYPING_HZ)
      }
    },
  }
}

/** A drag at 60 updates/s: every frame moves all `ids` a little, in one transaction. */
function drag(client: Client, ids: string[], seconds: number, random: () => number): Step {
  return {
    what: `drag ${ids.length}`,
    seconds,
    async run() {
      client.cursorActive = true
      const dx = (random() - 0.5) * 8
      const dy = (random() - 0.5) * 6
      const frames = Math.round(seconds * DRAG_HZ)
      const started = performance.now()
      for (let f = 1; f <= frames; f++) {
        const moved = ids.map((id) => {
          const record = current(client, id)
          record.x = (record.x as number) + dx
          record.y = (record.y as number) + dy
          return record
        })
        put(client, ...moved)
        await sleep(started + (f * 1000) / DRAG_HZ - performance.now())
      }
    },
  }
}

function instant(what: string, run: () => void): Step {
  return { what, seconds: 0.05, run: async () => run() }
}

function reconnect(client: Client): Step {
  return {
    what: 'reconnect',
    seconds: 3,
    async run() {
      client.provider.disconnect()
      await sleep(1500)
      client.provider.connect()
      await withTimeout(whenSynced(client.provider), 30_000, `${client.name} to re-sync`)
      client.reconnects += 1
    },
  }
}

function hover(client: Client, seconds: number): Step {
  return {
    what: 'hover',
    seconds,
    async run() {
      client.cursorActive = true
      await sleep(seconds * 1000)
    },
  }
}

const COMPONENT_NAMES = [
  'Web client',
  'CDN',
  'API gateway',
  'Ranking LB',
  'Candidate gen',
  'Ranking model (GPU)',
  'Feature store',
  'Embedding cache',
  'Click stream',
  'Feature pipeline',
  'User DB',
  'Model artifacts',
  'ANN index',
  'Metrics + alerts',
]

interface ScriptCounts {
  components: number
  arrows: number
  imageBytes: number
}

function candidatePlan(client: Client, random: () => number, counts: ScriptCounts): Plan {
  const items: Plan['items'] = []
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]
  const between = (lo: number, hi: number) => lo + random() * (hi - lo)
  const components: string[] = []
  const arrows: string[] = []
  let z = 10
  const add = (idleBefore: number, step: Step) => items.push({ idleBefore, step })

  // 0-8 min: reading the brief, looking around the current state.
  add(60, hover(client, 6))
  add(120, hover(client, 5))
  add(90, hover(client, 4))

  // 8-60 min: building. Components come first, arrows follow the components they join.
  const image = Math.floor(counts.components * 0.55)
  for (let c = 0; c < counts.components; c++) {
    const id = `shape:card${c}`
    const kind = CARD_KINDS[c % CARD_KINDS.length]
    const x = 1400 + (c % 8) * 260 + between(-20, 20)
    const y = 200 + Math.floor(c / 8) * 180 + between(-20, 20)
    const index = z++
    components.push(id)
    add(
      between(15, 45),
      instant('create component', () => put(client, componentShape(id, index, kind, x, y))),
    )
    const name = `${COMPONENT_NAMES[c % COMPONENT_NAMES.length]}${c >= COMPONENT_NAMES.length ? ` ${Math.floor(c / COMPONENT_NAMES.length) + 1}` : ''}`
    add(
      0.5,
      typing(client, id, name, (r, s) => Object.assign(r.props as object, { name: s })),
    )
    // One or two figures, typed into the inspector.
    const replicas = String(2 + Math.floor(random() * 30))
    add(
      1,
      typing(client, id, replicas, (r, s) => {
        ;(r.props as { figures: Record<string, number> }).figures.replicas = Number(s)
      }),
    )
    if (random() < 0.5)
      add(
        1,
        typing(client, id, String(20 + Math.floor(random() * 200)), (r, s) => {
          ;(r.props as { figures: Record<string, number> }).figures.latencyP99Ms = Number(s)
        }),
      )
    if (random() < 0.4) add(between(2, 10), drag(client, [id], between(1.5, 3.5), random))

    // Arrows: about 1.25 per component once there is something to join.
    const due = Math.round(((c + 1) / counts.components) * counts.arrows) - arrows.length
    for (let a = 0; a < due && components.length >= 2; a++) {
      const n = arrows.length
      const arrowId = `shape:flow${n}`
      const fromId = components[Math.max(0, components.length - 1 - (n % 3))]
      let toId = pick(components)
      if (toId === fromId) toId = components[(components.indexOf(fromId) + 1) % components.length]
      const index = z++
      arrows.push(arrowId)
      add(between(8, 30), {
        what: 'draw arrow',
        seconds: 1.2,
        async run() {
          client.cursorActive = true
          const from = current(client, fromId)
          const to = current(client, toId)
          // Drawing: the arrow follows the pointer at 60 Hz, then binds to both ends.
          const arrow = arrowShape(arrowId, index, from, from)
          put(client, arrow, arrowBinding(arrowId, 'start', fromId))
          const target = arrowShape(arrowId, index, from, to).props as { end: { x: number; y: number } }
          const frames = Math.round(1.2 * DRAG_HZ)
          const started = performance.now()
          for (let f = 1; f <= frames; f++) {
            const moving = current(client, arrowId)
            const props = moving.props as { end: { x: number; y: number } }
            props.end = { x: (target.end.x * f) / frames, y: (target.end.y * f) / frames }
            put(client, moving)
            await sleep(started + (f * 1000) / DRAG_HZ - performance.now())
          }
          put(client, arrowBinding(arrowId, 'end', toId))
        },
      })
      if (random() < 0.6) {
        const label = pick(['sync 300 rps', 'async', 'gRPC 2k rps', 'batch nightly', 'features', 'kafka'])
        add(
          1,
          typing(client, arrowId, label, (r, s) =>
            Object.assign(r.props as object, { richText: richText(s) }),
          ),
        )
      }
    }
    if (c === image)
      add(
        20,
        instant('paste image', () =>
          put(client, ...pastedImage('whiteboard-photo', z++, counts.imageBytes, random)),
        ),
      )
    if (c % 6 === 5) add(between(20, 60), hover(client, between(3, 8)))
  }

  // 60-90 min: discussion. Figures and names revised, groups moved, a few things removed.
  for (let i = 0; i < 12; i++) {
    const id = pick(components)
    add(
      between(40, 90),
      typing(client, id, String(2 + Math.floor(random() * 60)), (r, s) => {
        ;(r.props as { figures: Record<string, number> }).figures.replicas = Number(s)
      }),
    )
    if (i % 3 === 0) {
      const start = Math.floor(random() * (components.length - 5))
      add(between(5, 20), drag(client, components.slice(start, start + 3 + (i % 3)), between(2, 4), random))
    }
    if (i % 4 === 1)
      add(
        between(5, 20),
        typing(client, id, pick(['Ranker v2', 'Two-tower retrieval', 'Online features']), (r, s) =>
          Object.assign(r.props as object, { name: s }),
        ),
      )
    if (i % 4 === 2) add(between(10, 30), hover(client, between(4, 10)))
  }
  for (let i = 0; i < 4; i++) {
    const arrowId = arrows[arrows.length - 1 - i * 3]
    if (!arrowId) break
    const binding = (t: string) => `binding:${arrowId.slice('shape:'.length)}-${t}`
    add(
      between(20, 60),
      instant('delete arrow', () => remove(client, binding('start'), binding('end'), arrowId)),
    )
  }
  insertReconnect(items, client, random)
  return { client, items }
}

function interviewerPlan(client: Client, random: () => number, notes: number): Plan {
  const items: Plan['items'] = []
  const between = (lo: number, hi: number) => lo + random() * (hi - lo)
  const texts = [
    'Why a GPU for ranking?',
    'Ask about cold start',
    'Good: cache in front of features',
    'Probe the failure modes',
    'What p99 for the whole path?',
    'Cost per 1k requests?',
    'Follow-up: multi-region',
    'Strong on capacity math',
  ]
  let z = 3000
  for (let n = 0; n < notes; n++) {
    const id = `shape:note${n}`
    const index = z++
    const text = texts[n % texts.length]
    items.push({ idleBefore: between(200, 600), step: hover(client, between(3, 8)) })
    items.push({
      idleBefore: between(20, 60),
      step: instant('add note', () =>
        put(client, noteShape(id, index, -400, 200 + n * 220, '', 'user:interviewer')),
      ),
    })
    items.push({
      idleBefore: 0.5,
      step: typing(client, id, text, (r, s) => Object.assign(r.props as object, { richText: richText(s) })),
    })
    if (n % 3 === 1)
      items.push({ idleBefore: between(5, 20), step: drag(client, [id], between(1, 2), random) })
  }
  insertReconnect(items, client, random)
  return { client, items }
}

function observerPlan(client: Client, random: () => number): Plan {
  const items: Plan['items'] = []
  const between = (lo: number, hi: number) => lo + random() * (hi - lo)
  for (let i = 0; i < 14; i++)
    items.push({ idleBefore: between(180, 400), step: hover(client, between(3, 10)) })
  insertReconnect(items, client, random)
  return { client, items }
}

/** Once per client, somewhere in the middle third of its session. */
function insertReconnect(items: Plan['items'], client: Client, random: () => number): void {
  const at = Math.floor(items.length / 3 + random() * (items.length / 3))
  items.splice(at, 0, { idleBefore: 5, step: reconnect(client) })
}

/**
 * How long each idle gap of `plan` lasts on the wall clock: the gaps are weights, scaled so the
 * session lasts `wallSeconds` (bursts always play in real time). `compression` is how many times
 * shorter the idle time is than in a real 90-minute session.
 */
function compress(plan: Plan, scriptedSeconds: number, wallSeconds: number) {
  const active = plan.items.reduce((sum, item) => sum + item.step.seconds, 0)
  const idle = plan.items.reduce((sum, item) => sum + item.idleBefore, 0)
  const wallIdle = Math.max(wallSeconds - active, 10)
  return { scale: wallIdle / idle, active, compression: Math.max(scriptedSeconds - active, 0) / wallIdle }
}

async function play(plan: Plan, idleScale: number): Promise<void> {
  for (const { idleBefore, step } of plan.items) {
    plan.client.cursorActive = false
    await sleep(idleBefore * idleScale * 1000)
    await step.run()
  }
  plan.client.cursorActive = false
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

interface ConnectionReport {
  client: string
  role: Role
  sentMessages: number
  sentBytes: number
  receivedBytes: number
  largestFrame: number
  syncRequests: number
  peak1s: WindowPeak
  peak10s: WindowPeak
  syncRequestsPeak10s: number
  received1s: WindowPeak
  maxAwarenessBytes: number
  reconnects: number
  closes: Client['closes']
}

async function main(): Promise<void> {
  const { values: flags } = parseArgs({
    options: {
      minutes: { type: 'string', default: '4' },
      realtime: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      components: { type: 'string', default: '40' },
      arrows: { type: 'string', default: '50' },
      'image-kb': { type: 'string', default: '1024' },
      json: { type: 'string' },
    },
  })
  const scripted = 90 * 60
  const wallSeconds = flags.realtime ? scripted : Number(flags.minutes) * 60
  const seed = Number(flags.seed)
  const counts: ScriptCounts = {
    components: Number(flags.components),
    arrows: Number(flags.arrows),
    imageBytes: Number(flags['image-kb']) * 1024,
  }

  // serve-scaleboard.ts reads it; the server wants 32+ characters of real entropy.
  process.env.BENCH_ADMIN_TOKEN ??= randomBytes(32).toString('base64url')
  const server = await forkServer(new URL('./serve-scaleboard.ts', import.meta.url).pathname)
  const base = `http://127.0.0.1:${server.port}`
  const adminToken = server.info.adminToken
  const epoch = performance.now()
  const clients: Client[] = []
  let failed = false
  try {
    const scenarios = (await (await fetch(`${base}/api/scenarios`)).json()) as Array<{ id: string }>
    const scenarioId = scenarios[0]?.id
    const created = await fetch(`${base}/api/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Interview bench',
        candidateName: 'Ada Lovelace',
        ...(scenarioId ? { scenarioId } : {}),
      }),
    })
    if (created.status !== 201)
      throw new Error(`POST /api/sessions: ${created.status} ${await created.text()}`)
    const session = (await created.json()) as { id: string; links: Record<Role, string> }
    const wsBase = `${base.replace(/^http/, 'ws')}/sync`
    const token = (role: Role) => tokenFromLink(session.links[role])

    const candidate = connect(wsBase, session.id, token('candidate'), 'Ada Lovelace', 'candidate', epoch)
    const interviewer = connect(
      wsBase,
      session.id,
      token('interviewer'),
      'Grace Hopper',
      'interviewer',
      epoch,
    )
    const observers = [1, 2, 3].map((n) =>
      connect(wsBase, session.id, token('observer'), `Observer ${n}`, 'observer', epoch),
    )
    clients.push(candidate, interviewer, ...observers)
    await Promise.all(clients.map((c) => withTimeout(whenSynced(c.provider), 30_000, `${c.name} to sync`)))
    const initialRecords = readBoardRecords(candidate.doc).size
    // The editor writes each editing user's record once (stable id from the token's identity).
    put(candidate, userRecord('candidate', 'Ada Lovelace', '#1d7afc'))
    put(interviewer, userRecord('interviewer', 'Grace Hopper', '#e03131'))

    const random = seededRandom(seed)
    const plans = [
      candidatePlan(candidate, seededRandom(seed * 101), counts),
      interviewerPlan(interviewer, seededRandom(seed * 103), 8),
      ...observers.map((o, i) => observerPlan(o, seededRandom(seed * 107 + i))),
    ]
    const timing = plans.map((p) => compress(p, scripted, wallSeconds))
    console.log(
      `interview: target ${wallSeconds / 60} min wall for 90 scripted min (seed ${seed}); the candidate is active ${timing[0].active.toFixed(0)} s; idle time ${timing[0].compression.toFixed(1)}x shorter than real`,
    )
    const stop = { stopped: false }
    const cursorLoops = clients.map((c) => runCursorLoop(c, random, () => stop.stopped))
    const started = performance.now()
    const progress = setInterval(() => {
      const records = readBoardRecords(candidate.doc).size
      console.log(`  ${((performance.now() - started) / 1000).toFixed(0)} s: ${records} records on the board`)
    }, 30_000)
    try {
      await Promise.all(plans.map((plan, i) => play(plan, timing[i].scale)))
    } finally {
      clearInterval(progress)
      stop.stopped = true
      await Promise.all(cursorLoops)
    }
    const playedSeconds = (performance.now() - started) / 1000

    // Everyone converges on one board.
    const snapshot = (c: Client) =>
      JSON.stringify([...readBoardRecords(c.doc)].sort(([a], [b]) => (a < b ? -1 : 1)))
    let converged = true
    try {
      await withTimeout(
        (async () => {
          while (!clients.every((c) => snapshot(c) === snapshot(candidate))) await sleep(100)
        })(),
        15_000,
        'every client to hold the same board',
      )
    } catch {
      converged = false
    }
    const finalRecords = readBoardRecords(candidate.doc)
    const documentBytes = Y.encodeStateAsUpdate(candidate.doc).byteLength
    const countType = (type: string) =>
      [...finalRecords.values()].filter(
        (r) => (r as { typeName?: string }).typeName === 'shape' && (r as { type?: string }).type === type,
      ).length

    for (const c of clients) c.provider.destroy()
    await sleep(1500) // the room flushes, checkpoints and unloads
    // A late joiner loads the stored board.
    const late = connect(wsBase, session.id, token('observer'), 'Late observer', 'observer', epoch)
    await withTimeout(whenSynced(late.provider), 30_000, 'the late joiner to sync')
    const lateMatches = snapshot(late) === snapshot(candidate)
    late.provider.destroy()
    await sleep(1000)

    const stored = storedBytes(server.info.dataDir, session.id)
    const stats = await server.stats()

    // ---------------------------------------------------------------- report
    const reports = clients.map((c) => connectionReport(c))
    const all = clients.flatMap((c) => c.meter.sent)
    const updates = all.filter((e) => e.kind === 'sync-update' || e.kind === 'sync-step2')
    const session1 = peakOver(all, 1000)
    const session10 = peakOver(all, 10_000)
    const update1 = peakOver(updates, 1000)
    const update10 = peakOver(updates, 10_000)
    const fanout1 = peakOver(
      clients.flatMap((c) => c.meter.received),
      1000,
    )

    const kb = (b: number) => (b / 1024).toFixed(1)
    console.log(
      `\nplayed ${playedSeconds.toFixed(0)} s; clients converged: ${converged}; late joiner sees the same board: ${lateMatches}`,
    )
    console.log(
      `board: ${finalRecords.size} records (${initialRecords} at the start): ${countType('component')} components, ${countType('arrow')} arrows, ${countType('note')} notes, ${countType('image')} image`,
    )
    console.log(`document (encoded state): ${kb(documentBytes)} KB`)
    console.log(
      `stored: ${stored.updates} log updates, ${kb(stored.logBytes)} KB of update log, ${kb(stored.checkpointBytes)} KB in ${stored.checkpoints} checkpoint(s); database files ${kb(stored.fileBytes)} KB`,
    )
    console.log(
      `server process: RSS ${(stats.rss / 2 ** 20).toFixed(0)} MB, heap ${(stats.heapUsed / 2 ** 20).toFixed(0)} MB\n`,
    )

    console.log('Per connection (what each client SENT to the server; peaks over sliding windows):\n')
    console.log(
      '| client | role | messages | KB sent | largest frame KB | peak 1 s msg/s | peak 1 s KB/s | peak 10 s msg/s | peak 10 s KB/s | sync requests (total / peak in 10 s) | max awareness state B | KB received | peak 1 s KB/s received | reconnects | closes |',
    )
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
    for (const r of reports)
      console.log(
        `| ${r.client} | ${r.role} | ${r.sentMessages} | ${kb(r.sentBytes)} | ${kb(r.largestFrame)} | ${r.peak1s.messagesPerSecond.toFixed(0)} | ${kb(r.peak1s.bytesPerSecond)} | ${r.peak10s.messagesPerSecond.toFixed(1)} | ${kb(r.peak10s.bytesPerSecond)} | ${r.syncRequests} / ${r.syncRequestsPeak10s} | ${r.maxAwarenessBytes} | ${kb(r.receivedBytes)} | ${kb(r.received1s.bytesPerSecond)} | ${r.reconnects} | ${r.closes.map((c) => c.code).join(' ') || 'none'} |`,
      )
    console.log('\nPer session (all five connections together):\n')
    console.log('| what | peak 1 s msg/s | peak 1 s KB/s | peak 10 s msg/s | peak 10 s KB/s |')
    console.log('|---|---|---|---|---|')
    const row = (what: string, a: WindowPeak, b: WindowPeak) =>
      console.log(
        `| ${what} | ${a.messagesPerSecond.toFixed(0)} | ${kb(a.bytesPerSecond)} | ${b.messagesPerSecond.toFixed(1)} | ${kb(b.bytesPerSecond)} |`,
      )
    row('every frame sent to the server', session1, session10)
    row('document updates only (sync update + step 2)', update1, update10)
    row(
      'every frame the server sent out (fan-out)',
      fanout1,
      peakOver(
        clients.flatMap((c) => c.meter.received),
        10_000,
      ),
    )

    await compareWithDefaults(reports, update1, documentBytes, finalRecords.size)

    const limitHits = reports.flatMap((r) =>
      r.closes.filter((c) => LIMIT_CODES.has(c.code)).map((c) => ({ ...c, client: r.client })),
    )
    const otherCloses = reports.flatMap((r) =>
      r.closes.filter((c) => !LIMIT_CODES.has(c.code)).map((c) => ({ ...c, client: r.client })),
    )
    console.log('\nClose codes received by honest clients (other than their own disconnects):')
    if (limitHits.length + otherCloses.length === 0) console.log('  none')
    for (const c of limitHits)
      console.log(
        `  LIMIT ${c.code} (${LIMIT_CODES.get(c.code)}) to ${c.client} at ${(c.at / 1000).toFixed(1)} s: ${c.reason}`,
      )
    for (const c of otherCloses)
      console.log(`  ${c.code} to ${c.client} at ${(c.at / 1000).toFixed(1)} s: ${c.reason}`)

    if (flags.json)
      writeFileSync(
        flags.json,
        `${JSON.stringify({ seed, wallSeconds, playedSeconds, documentBytes, records: finalRecords.size, stored, reports, session: { all1s: session1, all10s: session10, updates1s: update1, updates10s: update10 } }, null, 2)}\n`,
      )
    if (limitHits.length > 0) {
      console.error(`\nFAIL: an honest client hit a limit (${limitHits.map((c) => c.code).join(', ')})`)
      failed = true
    }
    if (otherCloses.length > 0) {
      console.error('\nFAIL: an honest client was closed by the server')
      failed = true
    }
    if (!converged || !lateMatches) {
      console.error('\nFAIL: the clients or the stored board do not agree')
      failed = true
    }
  } finally {
    for (const c of clients) c.provider.destroy()
    await server.stop()
  }
  process.exit(failed ? 1 : 0)
}

function connectionReport(c: Client): ConnectionReport {
  const sent = c.meter.sent
  const syncRequests = sent.filter((e) => e.kind === 'sync-step1' || e.kind === 'query-awareness')
  return {
    client: c.name,
    role: c.role,
    sentMessages: sent.length,
    sentBytes: sent.reduce((s, e) => s + e.bytes, 0),
    receivedBytes: c.meter.received.reduce((s, e) => s + e.bytes, 0),
    largestFrame: sent.reduce((m, e) => Math.max(m, e.bytes), 0),
    syncRequests: syncRequests.length,
    peak1s: peakOver(sent, 1000),
    peak10s: peakOver(sent, 10_000),
    syncRequestsPeak10s: Math.round(peakOver(syncRequests, 10_000).messagesPerSecond * 10),
    received1s: peakOver(c.meter.received, 1000),
    maxAwarenessBytes: c.maxAwarenessBytes,
    reconnects: c.reconnects,
    closes: c.closes,
  }
}

/** The peaks against the sync room's default limits, when packages/sync-room has them. */
async function compareWithDefaults(
  reports: ConnectionReport[],
  roomUpdates1s: WindowPeak,
  documentBytes: number,
  records: number,
): Promise<void> {
  let limits: Record<string, unknown>
  try {
    limits = (await import('../packages/sync-room/src/limits.ts')).DEFAULT_ROOM_LIMITS as unknown as Record<
      string,
      unknown
    >
  } catch {
    console.log('\n(no DEFAULT_ROOM_LIMITS in packages/sync-room/src/limits.ts to compare with)')
    return
  }
  const rate = (key: string) => limits[key] as { perSecond: number; burst: number } | undefined
  const max = (pick: (r: ConnectionReport) => number) => Math.max(...reports.map(pick))
  console.log('\nAgainst DEFAULT_ROOM_LIMITS (peak measured / limit; the limits are token buckets):\n')
  console.log('| limit | setting | measured peak | peak / rate |')
  console.log('|---|---|---|---|')
  const line = (name: string, setting: string, measured: string, ratio: number) =>
    console.log(`| ${name} | ${setting} | ${measured} | ${Number.isFinite(ratio) ? ratio.toFixed(2) : '-'} |`)
  const bytes = rate('connectionBytes')
  if (bytes)
    line(
      'connectionBytes',
      `${bytes.perSecond} B/s, burst ${bytes.burst} B`,
      `${max((r) => r.peak10s.bytesPerSecond).toFixed(0)} B/s over 10 s, ${max((r) => r.peak1s.bytesPerSecond).toFixed(0)} B/s over 1 s, largest frame ${max((r) => r.largestFrame)} B`,
      max((r) => r.peak10s.bytesPerSecond) / bytes.perSecond,
    )
  const messages = rate('connectionMessages')
  if (messages)
    line(
      'connectionMessages',
      `${messages.perSecond}/s, burst ${messages.burst}`,
      `${max((r) => r.peak10s.messagesPerSecond).toFixed(1)}/s over 10 s, ${max((r) => r.peak1s.messagesPerSecond)}/s over 1 s`,
      max((r) => r.peak1s.messagesPerSecond) / messages.perSecond,
    )
  const room = rate('roomUpdateBytes')
  if (room)
    line(
      'roomUpdateBytes',
      `${room.perSecond} B/s, burst ${room.burst} B`,
      `${roomUpdates1s.bytesPerSecond.toFixed(0)} B/s over 1 s`,
      roomUpdates1s.bytesPerSecond / room.perSecond,
    )
  const syncReq = rate('connectionSyncRequests')
  if (syncReq)
    line(
      'connectionSyncRequests',
      `${syncReq.perSecond}/s, burst ${syncReq.burst}`,
      `${max((r) => r.syncRequestsPeak10s)} in 10 s, ${max((r) => r.syncRequests)} in the session`,
      max((r) => r.syncRequestsPeak10s) / syncReq.burst,
    )
  if (typeof limits.maxAwarenessStateBytes === 'number')
    line(
      'maxAwarenessStateBytes',
      `${limits.maxAwarenessStateBytes} B`,
      `${max((r) => r.maxAwarenessBytes)} B`,
      max((r) => r.maxAwarenessBytes) / limits.maxAwarenessStateBytes,
    )
  if (typeof limits.maxDocumentBytes === 'number')
    line(
      'maxDocumentBytes',
      `${limits.maxDocumentBytes} B`,
      `${documentBytes} B`,
      documentBytes / limits.maxDocumentBytes,
    )
  console.log(`(records on the board: ${records})`)
}

/** The session's share of the database: update log and checkpoints, read while the server runs. */
function storedBytes(dataDir: string, docId: string) {
  const file = join(dataDir, 'scaleboard.db')
  const db = new DatabaseSync(file, { readOnly: true })
  try {
    const log = db
      .prepare(
        'SELECT count(*) AS n, coalesce(sum(length("update")), 0) AS bytes FROM doc_updates WHERE doc_id = ?',
      )
      .get(docId) as { n: number; bytes: number }
    const checkpoints = db
      .prepare(
        'SELECT count(*) AS n, coalesce(sum(length(state)), 0) AS bytes FROM doc_checkpoints WHERE doc_id = ?',
      )
      .get(docId) as { n: number; bytes: number }
    const size = (f: string) => {
      try {
        return statSync(f).size
      } catch {
        return 0
      }
    }
    return {
      updates: Number(log.n),
      logBytes: Number(log.bytes),
      checkpoints: Number(checkpoints.n),
      checkpointBytes: Number(checkpoints.bytes),
      fileBytes: size(file) + size(`${file}-wal`),
    }
  } finally {
    db.close()
  }
}

/** A role link carries its token in the fragment (`#token=`) or, in older links, the query. */
export function tokenFromLink(link: string): string {
  const url = new URL(link)
  const token = url.searchParams.get('token') ?? new URLSearchParams(url.hash.slice(1)).get('token')
  if (!token) throw new Error(`no token in link ${link}`)
  return token
}

if (import.meta.main) await main()
