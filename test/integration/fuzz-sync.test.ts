import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import {
  cardRecord,
  connectClient,
  createSession,
  startTestServer,
  waitFor,
  waitForSync,
} from '../../apps/server/src/testing.ts'
import { sendOwnAwarenessOnly } from '../../apps/web/src/board/ownAwarenessOnly.ts'
import { openBoardRecords, readBoardRecords } from '../../packages/board-sync/src/doc.ts'

/**
 * Bounded protocol fuzzing against a real server: FRAMES frames of garbage and near-valid
 * y-websocket messages over raw `ws` connections holding candidate and observer tokens, while two
 * honest clients sit in the same room. Seeded, so a failure reproduces: FUZZ_SEED=<n> to vary it.
 *
 * Each fuzz frame is followed by a WebSocket ping. `ws` handles a connection's frames in order and
 * the room handles a message synchronously, so the pong (or the close) proves the server finished
 * with that frame before the next one is sent. A connection the server closed is replaced.
 */
const FRAMES = 10_000
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_130)
const WORKERS = ['candidate', 'observer', 'candidate', 'observer', 'observer', 'candidate'] as const

type Server = Awaited<ReturnType<typeof startTestServer>>
type Session = Awaited<ReturnType<typeof createSession>>

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// ---- lib0 encoding, written out so every byte of a malformed frame is ours to choose -------------

function varUint(n: number): number[] {
  const out: number[] = []
  while (n > 0x7f) {
    out.push(0x80 | (n % 0x80))
    n = Math.floor(n / 0x80)
  }
  out.push(n)
  return out
}
const varBytes = (bytes: Uint8Array | number[]) => [...varUint(bytes.length), ...bytes]
const varString = (text: string) => varBytes(new TextEncoder().encode(text))
const frame = (...parts: Array<number | number[] | Uint8Array>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'number' ? [p] : [...p])))

/** What each generated frame is, for the failure message. */
type Case = { kind: string; data: Uint8Array | string }

/** Real Yjs updates to mutate: record writes, a meta write, foreign root types. */
function sampleUpdates(random: () => number): Uint8Array[] {
  const updates: Uint8Array[] = []
  for (let i = 0; i < 12; i++) {
    const doc = new Y.Doc()
    const capture = (u: Uint8Array) => updates.push(u)
    doc.on('update', capture)
    const board = openBoardRecords(doc)
    if (i % 4 === 0) board.set(`shape:fuzz${i}`, cardRecord(`shape:fuzz${i}`, `Fuzz ${i}`, random() * 500))
    else if (i % 4 === 1)
      board.set(`shape:fuzz${i}`, { id: 'shape:other', typeName: 'shape', junk: 'x'.repeat(200) })
    else if (i % 4 === 2) doc.getMap('meta').set('schema', { schemaVersion: 99, sequences: {} })
    else doc.getText(`root${i}`).insert(0, 'garbage root type')
    doc.off('update', capture)
    doc.destroy()
  }
  return updates
}

function generate(random: () => number, updates: Uint8Array[], honestIds: number[]): Case {
  const int = (n: number) => Math.floor(random() * n)
  const bytes = (n: number) => Array.from({ length: n }, () => int(256))
  const pick = <T>(list: readonly T[]) => list[int(list.length)]
  const mutate = (source: Uint8Array) => {
    const copy = [...source]
    for (let k = 0, n = 1 + int(4); k < n && copy.length > 0; k++) copy[int(copy.length)] = int(256)
    return copy
  }
  const update = pick(updates)
  switch (int(16)) {
    case 0:
      return { kind: 'random bytes', data: new Uint8Array(bytes(int(64))) }
    case 1:
      return { kind: 'random bytes (large)', data: new Uint8Array(bytes(1024 + int(16 * 1024))) }
    case 2:
      return { kind: 'sync step1, garbage state vector', data: frame(0, 0, varBytes(bytes(int(40)))) }
    case 3:
      return { kind: 'sync step2, garbage update', data: frame(0, 1, varBytes(bytes(int(200)))) }
    case 4:
      return { kind: 'sync update, garbage update', data: frame(0, 2, varBytes(bytes(int(200)))) }
    case 5:
      return {
        kind: 'sync update, mutated valid update',
        data: frame(0, pick([1, 2]), varBytes(mutate(update))),
      }
    case 6: {
      const valid = frame(0, 2, varBytes(update))
      return { kind: 'sync update, truncated', data: valid.slice(0, int(valid.length)) }
    }
    case 7:
      return { kind: 'sync update, valid but forbidden or odd', data: frame(0, 2, varBytes(update)) }
    case 8:
      return { kind: 'awareness, garbage', data: frame(1, varBytes(bytes(int(80)))) }
    case 9: {
      // Structurally valid entries with bad JSON, huge clocks, someone else's client id, or a big state.
      const clientId = pick([int(2 ** 31), ...honestIds, 0, 2 ** 53 - 1])
      const state = pick([
        '{"user":{"name":"x"',
        'not json',
        JSON.stringify({ user: { role: 'interviewer', name: 'Forged' }, cursor: { x: 1, y: 2 } }),
        JSON.stringify({ blob: 'x'.repeat(100_000 + int(100_000)) }),
        'null',
        '',
      ])
      return {
        kind: 'awareness, crafted entry',
        data: frame(
          1,
          varBytes(
            frame(varUint(1 + int(2)), varUint(clientId), varUint(pick([0, 1, 2 ** 40])), varString(state)),
          ),
        ),
      }
    }
    case 10:
      return { kind: 'unknown message type', data: frame(varUint(4 + int(100_000)), bytes(int(20))) }
    case 11:
      return {
        kind: 'huge varint',
        data: frame(pick([0, 1]), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], bytes(int(8))),
      }
    case 12:
      return {
        kind: 'length prefix beyond the frame',
        data: frame(0, pick([0, 1, 2]), varUint(2 ** 40 + int(1000)), bytes(int(30))),
      }
    case 13:
      return {
        kind: 'query-awareness or auth with trailing bytes',
        data: frame(pick([2, 3]), bytes(1 + int(10))),
      }
    case 14:
      return {
        kind: 'empty or one-byte frame',
        data: new Uint8Array(int(2) === 0 ? [] : [pick([0, 1, 2, 3])]),
      }
    default:
      return {
        kind: 'text frame',
        data: pick(['hello', '{"type":"sync"}', '\u0000\u0001', 'x'.repeat(int(5000))]),
      }
  }
}

interface Outcome {
  sent: number
  processed: number
  closes: Map<number, number>
  refusedUpgrades: Map<number, number>
}

/** One raw connection at a time; replaced whenever the server closes it. */
async function fuzzWorker(url: string, next: () => Case | null, outcome: Outcome): Promise<void> {
  let socket: WebSocket | null = null
  const open = () =>
    new Promise<WebSocket | null>((resolve) => {
      const ws = new WebSocket(url)
      ws.on('error', () => {})
      ws.once('open', () => resolve(ws))
      ws.once('unexpected-response', (_req, res) => {
        outcome.refusedUpgrades.set(
          res.statusCode ?? 0,
          (outcome.refusedUpgrades.get(res.statusCode ?? 0) ?? 0) + 1,
        )
        res.resume()
        resolve(null)
      })
      ws.once('close', () => resolve(null))
    })
  for (let item = next(); item; item = next()) {
    while (!socket || socket.readyState !== WebSocket.OPEN) {
      socket = await open()
      if (!socket) await new Promise((r) => setTimeout(r, 100))
    }
    const ws = socket
    const settled = new Promise<'pong' | 'closed'>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer to a "${item?.kind}" frame within 10 s`)),
        10_000,
      )
      const done = (how: 'pong' | 'closed') => {
        clearTimeout(timer)
        ws.off('pong', onPong)
        ws.off('close', onClose)
        resolve(how)
      }
      const onPong = () => done('pong')
      const onClose = (code: number) => {
        outcome.closes.set(code, (outcome.closes.get(code) ?? 0) + 1)
        done('closed')
      }
      ws.on('pong', onPong)
      ws.once('close', onClose)
    })
    ws.send(item.data, { binary: typeof item.data !== 'string' })
    ws.ping()
    outcome.sent += 1
    if ((await settled) === 'pong') outcome.processed += 1
    else socket = null
  }
  socket?.close()
}

function honestClient(server: Server, session: Session, role: 'candidate' | 'interviewer', user: string) {
  const client = connectClient(server.url, session.id, session.token(role), user)
  sendOwnAwarenessOnly(client.provider)
  client.provider.awareness.setLocalState({ user: { id: user, name: user, role }, cursor: { x: 0, y: 0 } })
  const closes: number[] = []
  client.provider.on('connection-close', (event) => {
    if (event) closes.push(event.code)
  })
  return { ...client, closes }
}

async function healthz(server: Server): Promise<number> {
  return (await fetch(`${server.url}/healthz`)).status
}

describe('sync protocol fuzzing', () => {
  let server: Server
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server?.close()
  })

  it(`survives ${FRAMES.toLocaleString('en')} malformed and hostile frames, and honest clients keep syncing (seed ${SEED})`, async () => {
    const session = await createSession(server.url, { title: 'fuzz' })
    const alice = honestClient(server, session, 'candidate', 'alice')
    const bob = honestClient(server, session, 'interviewer', 'bob')
    await Promise.all([waitForSync(alice.provider), waitForSync(bob.provider)])
    openBoardRecords(alice.doc).set('shape:before', cardRecord('shape:before', 'Before the fuzz', 100))
    await waitFor(() => readBoardRecords(bob.doc).has('shape:before'), 'the first honest edit to arrive')

    const random = mulberry32(SEED)
    const updates = sampleUpdates(random)
    const honestIds = [alice.doc.clientID, bob.doc.clientID]
    const cases: Case[] = Array.from({ length: FRAMES }, () => generate(random, updates, honestIds))
    const outcome: Outcome = { sent: 0, processed: 0, closes: new Map(), refusedUpgrades: new Map() }
    let cursor = 0
    const healthStatuses: number[] = []
    const next = () => {
      if (cursor >= cases.length) return null
      return cases[cursor++]
    }
    const health = setInterval(() => {
      void healthz(server).then(
        (status) => healthStatuses.push(status),
        () => healthStatuses.push(0),
      )
    }, 1000)
    const wsBase = `${server.url.replace(/^http/, 'ws')}/sync/${session.id}`
    // The server logs every refused frame; keep the output readable, count what it calls errors.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      await Promise.all(
        WORKERS.map((role) => fuzzWorker(`${wsBase}?token=${session.token(role)}&user=fuzz`, next, outcome)),
      )
    } finally {
      clearInterval(health)
    }
    const logged = { warnings: warn.mock.calls.length, errors: error.mock.calls.length }
    const errorSample = error.mock.calls.slice(0, 3).map((call) => String(call[0]).slice(0, 160))
    warn.mockRestore()
    error.mockRestore()

    expect(outcome.sent).toBe(FRAMES)
    expect(await healthz(server)).toBe(200)
    // Answered promptly; at least some garbage was refused by closing the connection.
    expect(outcome.closes.size).toBeGreaterThan(0)
    // /healthz answered 200 every second while the frames were flying.
    expect(healthStatuses.length).toBeGreaterThan(0)
    expect(healthStatuses.filter((status) => status !== 200)).toEqual([])

    // The honest clients were never closed and still sync edits both ways.
    expect(alice.closes).toEqual([])
    expect(bob.closes).toEqual([])
    expect(alice.provider.wsconnected && bob.provider.wsconnected).toBe(true)
    openBoardRecords(alice.doc).set('shape:after', cardRecord('shape:after', 'After the fuzz', 300))
    await waitFor(() => readBoardRecords(bob.doc).has('shape:after'), 'an edit from alice to reach bob')
    openBoardRecords(bob.doc).set('shape:reply', cardRecord('shape:reply', 'Reply', 500))
    await waitFor(() => readBoardRecords(alice.doc).has('shape:reply'), 'an edit from bob to reach alice')
    const honestBoard = readBoardRecords(alice.doc)

    // The stored board loads: everyone leaves, the room unloads, a newcomer gets it from storage.
    for (const c of [alice, bob]) c.provider.destroy()
    await waitFor(() => server.rooms.loadedRoomCount === 0, 'the room to unload', 20_000)
    const fresh = connectClient(server.url, session.id, session.token('observer'), 'late')
    await waitForSync(fresh.provider as WebsocketProvider)
    const stored = readBoardRecords(fresh.doc)
    expect(stored.has('document:document')).toBe(true)
    expect(stored.get('shape:before')).toEqual(honestBoard.get('shape:before'))
    expect(stored.get('shape:after')).toEqual(honestBoard.get('shape:after'))
    expect(stored.get('shape:reply')).toEqual(honestBoard.get('shape:reply'))
    // Nothing a fuzzer sent changed what the board's format says about itself.
    expect(
      (fresh.doc.getMap('meta').get('schema') as { schemaVersion?: number } | undefined)?.schemaVersion,
    ).not.toBe(99)
    fresh.provider.destroy()

    console.log(
      `fuzz-sync seed ${SEED}: ${outcome.sent} frames, ${outcome.processed} answered on an open connection; closes ${JSON.stringify(Object.fromEntries(outcome.closes))}; refused upgrades ${JSON.stringify(Object.fromEntries(outcome.refusedUpgrades))}; server log: ${logged.warnings} warnings, ${logged.errors} errors${errorSample.length > 0 ? `, e.g. ${JSON.stringify(errorSample)}` : ''}`,
    )
    // A client's garbage is routine: it is refused with a warning, never logged as a server error.
    expect(errorSample).toEqual([])
    expect(logged.errors).toBe(0)
  }, 120_000)
})
