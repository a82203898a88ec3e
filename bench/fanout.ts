import type * as Y from 'yjs'
import { openBoardRecords } from '../packages/board-sync/src/doc.ts'
import { getDefaultComponentProps } from '../packages/components/src/schema.ts'
import { type BenchClient, connectClient, type RoomTarget, whenSynced, withTimeout } from './clients.ts'
import { nowMs } from './latency.ts'

export interface BenchRoom {
  clients: BenchClient[]
  /** open loop: when the next edit is due; closed loop: the edit in flight */
  nextDueMs: number
  inFlight: { sentMs: number; waiting: number } | null
  writer: number
  /** edits sent so far: the dragged card's x follows it */
  sent: number
}

/**
 * An edit is what a browser sends when a user drags a card: one component card record set in the
 * board's `records` YKeyValue (docs/board-format.md), with x changed. Each writer owns its own
 * card, so concurrent edits never overwrite; the writer's clock rides in the record's `meta.t`.
 * Scaleboard's board guard accepts it (a valid tldraw record of the board schema, on the page the
 * server creates with the session); the reference server accepts anything.
 */
type CardId = `shape:bench-w${number}`
interface CardRecord {
  id: CardId
  x: number
  meta: { t: number }
}

const cardId = (writer: number): CardId => `shape:bench-w${writer}`
const CARD_PROPS = { ...getDefaultComponentProps('cache'), name: 'bench' }

function cardRecord(writer: number, x: number, t: number) {
  return {
    id: cardId(writer),
    typeName: 'shape',
    type: 'component',
    x,
    y: writer * 200,
    rotation: 0,
    index: 'a5',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: { t },
    props: CARD_PROPS,
  }
}

type KeyValueChanges = Map<string, { action: 'add' | 'update' | 'delete'; newValue?: unknown }>

/** Connects `perRoom` clients to every target, a few rooms at a time, and waits until all are synced. */
export async function connectRooms(targets: RoomTarget[], perRoom: number, timeoutMs = 60_000) {
  const rooms: BenchRoom[] = []
  const started = Date.now()
  for (let i = 0; i < targets.length; i += 20) {
    const batch = targets.slice(i, i + 20).map(async (target) => {
      const clients = Array.from({ length: perRoom }, (_, n) => connectClient(target, `bench${n}`))
      await Promise.all(clients.map((c) => whenSynced(c.provider)))
      return { clients, nextDueMs: 0, inFlight: null, writer: 0, sent: 0 } satisfies BenchRoom
    })
    rooms.push(
      ...(await withTimeout(Promise.all(batch), timeoutMs - (Date.now() - started), 'clients to sync')),
    )
  }
  return rooms
}

export function disconnectRooms(rooms: BenchRoom[]): void {
  for (const { clients } of rooms)
    for (const { provider, doc } of clients) {
      provider.destroy()
      doc.destroy()
    }
}

export interface LoadPlan {
  /** edits per second per room; 0 = closed loop: the next edit leaves when every peer has the last */
  rate: number
  /** absolute times (nowMs): load starts, the measured window opens and closes, clients stop listening */
  startMs: number
  measureFromMs: number
  measureToMs: number
  drainToMs: number
}

export interface LoadResult {
  /** edit-to-peer latencies (ms) of edits sent inside the window */
  latencies: number[]
  /** edits sent inside the window, and deliveries to peers of those edits */
  edits: number
  deliveries: number
  /** closed loop only: edits given up on after 5 s without every delivery */
  stalls: number
  /** client connections the server closed during the run (each client then reconnects) */
  disconnects: number
}

/**
 * Drives edits into every room per `plan` and measures, at each peer, the time from the writer's
 * timestamp to the change arriving in the peer's own Y.Doc. Resolves after `drainToMs`.
 */
export function driveLoad(rooms: BenchRoom[], plan: LoadPlan): Promise<LoadResult> {
  const result: LoadResult = { latencies: [], edits: 0, deliveries: 0, stalls: 0, disconnects: 0 }
  const inWindow = (t: number) => t >= plan.measureFromMs && t < plan.measureToMs
  const periodMs = plan.rate > 0 ? 1000 / plan.rate : 0
  const stopListening: Array<() => void> = []

  const sendEdit = (room: BenchRoom) => {
    const n = room.writer
    room.writer = (room.writer + 1) % room.clients.length
    const t = nowMs()
    if (plan.rate === 0) room.inFlight = { sentMs: t, waiting: room.clients.length - 1 }
    if (inWindow(t)) result.edits += 1
    const x = 100 + (room.sent++ % 800)
    openBoardRecords(room.clients[n].doc).set(cardId(n), cardRecord(n, x, t))
  }

  rooms.forEach((room, r) => {
    // Spread the rooms' first edits over one period, so load is smooth rather than in bursts.
    room.nextDueMs = plan.startMs + (periodMs * r) / rooms.length
    for (const { doc, provider } of room.clients) {
      const onClose = () => {
        result.disconnects += 1
      }
      provider.on('connection-close', onClose)
      stopListening.push(() => provider.off('connection-close', onClose))
      const records = openBoardRecords(doc)
      const onChange = (changes: KeyValueChanges, transaction: Y.Transaction) => {
        if (transaction.local) return
        const received = nowMs()
        for (const [key, change] of changes) {
          if (change.action === 'delete' || !key.startsWith('shape:bench-w')) continue
          const edit = change.newValue as CardRecord | undefined
          if (typeof edit?.meta?.t !== 'number') continue
          if (inWindow(edit.meta.t)) {
            result.latencies.push(received - edit.meta.t)
            result.deliveries += 1
          }
          if (room.inFlight && edit.meta.t === room.inFlight.sentMs && --room.inFlight.waiting === 0) {
            room.inFlight = null
            if (received < plan.measureToMs) sendEdit(room)
          }
        }
      }
      records.on('change', onChange)
      stopListening.push(() => records.off('change', onChange))
    }
  })

  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const now = nowMs()
      if (now >= plan.drainToMs) {
        clearInterval(timer)
        for (const stop of stopListening) stop()
        return resolve(result)
      }
      if (now < plan.startMs || now >= plan.measureToMs) return
      for (const room of rooms) {
        if (plan.rate > 0) {
          for (; room.nextDueMs <= now; room.nextDueMs += periodMs) sendEdit(room)
        } else if (!room.inFlight) {
          sendEdit(room)
        } else if (now - room.inFlight.sentMs > 5000) {
          result.stalls += 1
          sendEdit(room)
        }
      }
    }, 1)
  })
}
