/**
 * The findings of the hardening review (issue 6), each replayed by a raw client against a real
 * server on loopback: what used to lose, brick or crowd out a board must now be refused, with a
 * close code the web app explains, while everyone else keeps working.
 */

import { closeSync, openSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { openBoardRecords, readBoardRecords, readBoardSchema } from '@scaleboard/board-sync/doc'
import { SyncCloseCode } from '@scaleboard/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { RunningServer } from '../../apps/server/src/server.ts'
import {
  cardName,
  connectClient,
  createSession,
  putCard,
  startTestServer,
  waitFor,
  waitForSync,
} from '../../apps/server/src/testing.ts'
import { openRawClient } from './rawClient.ts'

/** A server with the default limits, and one with low rates, so a flood shows within seconds. */
let server: RunningServer
let tight: RunningServer

beforeAll(async () => {
  server = await startTestServer({ MAX_OBSERVERS_PER_ROOM: '5' })
  tight = await startTestServer({
    CONNECTION_BYTES_PER_SECOND: String(256 * 1024),
    ROOM_BYTES_PER_SECOND: String(512 * 1024),
    MAX_RECORDS: '100000',
  })
})
afterAll(() => Promise.all([server.close(), tight.close()]))

const syncUrl = (sessionId: string, token: string, user = 'raw', on = server) =>
  `${on.url.replace(/^http/, 'ws')}/sync/${sessionId}?token=${token}&user=${user}`

async function syncedRaw(sessionId: string, token: string, user?: string, on = server) {
  const client = await openRawClient(syncUrl(sessionId, token, user, on))
  await waitFor(() => client.synced(), 'raw client synced')
  return client
}

function lockedShapeIds(doc: Y.Doc): string[] {
  return [...readBoardRecords(doc).entries()]
    .filter(([id, record]) => {
      const r = record as { typeName?: string; meta?: { reference?: { id?: string } } }
      return r.typeName === 'shape' && r.meta?.reference?.id === id
    })
    .map(([id]) => id)
}

describe('hardening: a hostile candidate cannot brick or vandalise the board', () => {
  it('refuses a client write to meta (finding 3): the schema stays, every browser still opens the board', async () => {
    const session = await createSession(server.url, { scenarioId: 'recommendations' })
    const raw = await syncedRaw(session.id, session.token('candidate'))
    const schemaBefore = readBoardSchema(raw.doc)
    raw.change((doc) => doc.getMap('meta').set('schema', { schemaVersion: 99, sequences: {} }))
    expect(await raw.closed).toMatchObject({ code: SyncCloseCode.changeRefused })
    const fresh = connectClient(server.url, session.id, session.token('observer'))
    await waitForSync(fresh.provider)
    expect(readBoardSchema(fresh.doc)).toEqual(schemaBefore)
    fresh.provider.destroy()
  })

  it('refuses deleting the locked current state (finding 6); the interviewer still may change it', async () => {
    const session = await createSession(server.url, { scenarioId: 'recommendations' })
    const raw = await syncedRaw(session.id, session.token('candidate'))
    const locked = lockedShapeIds(raw.doc)
    expect(locked.length).toBeGreaterThan(10)
    raw.change((doc) => {
      const board = openBoardRecords(doc)
      for (const id of locked) board.delete(id)
    })
    expect(await raw.closed).toMatchObject({ code: SyncCloseCode.changeRefused })
    const watcher = connectClient(server.url, session.id, session.token('observer'))
    await waitForSync(watcher.provider)
    expect(lockedShapeIds(watcher.doc)).toEqual(locked)

    const interviewer = await syncedRaw(session.id, session.token('interviewer'))
    interviewer.change((doc) => openBoardRecords(doc).delete(locked[locked.length - 1]))
    await waitFor(() => lockedShapeIds(watcher.doc).length === locked.length - 1, 'interviewer edit applied')
    interviewer.socket.close()
    watcher.provider.destroy()
  })

  it('refuses a 10 MB record and 100k records in one update (finding 6)', async () => {
    const session = await createSession(server.url)
    const huge = await syncedRaw(session.id, session.token('candidate'))
    huge.change((doc) =>
      openBoardRecords(doc).set('shape:huge', {
        id: 'shape:huge',
        typeName: 'shape',
        type: 'text',
        text: 'x'.repeat(10 * 1024 * 1024),
      }),
    )
    expect(await huge.closed).toMatchObject({ code: SyncCloseCode.limitExceeded })

    const many = await syncedRaw(session.id, session.token('candidate'))
    many.change((doc) => {
      const array = doc.getArray<{ key: string; val: unknown }>('records')
      array.push(
        Array.from({ length: 100_000 }, (_, i) => ({ key: `shape:n${i}`, val: { id: `shape:n${i}` } })),
      )
    })
    const { code } = await many.closed
    expect([SyncCloseCode.limitExceeded, SyncCloseCode.changeRefused]).toContain(code)
    const stored = await server.storage.readUpdates(session.id)
    expect(stored.map((u) => u.author.role)).toEqual(['system'])
  })

  it('drops an update that depends on changes the server never got (finding 9), and asks the client for them', async () => {
    const session = await createSession(server.url)
    const raw = await syncedRaw(session.id, session.token('candidate'))
    const ahead = new Y.Doc()
    Y.applyUpdate(ahead, Y.encodeStateAsUpdate(raw.doc))
    putCard(ahead, 'shape:first', 'first')
    const gap = Y.encodeStateVector(ahead)
    putCard(ahead, 'shape:second', 'second', 1300)
    // The client holds both cards (it sent the first to an instance that died) but sends only the
    // second: the server drops it, asks again (sync step 1), and the answer carries both.
    Y.applyUpdate(raw.doc, Y.encodeStateAsUpdate(ahead))
    raw.sendUpdate(Y.encodeStateAsUpdate(ahead, gap))
    for (let i = 0; i < 200 && (await server.storage.readUpdates(session.id)).length < 2; i++)
      await new Promise((resolve) => setTimeout(resolve, 25))
    const board = new Y.Doc()
    for (const { update } of await server.storage.readUpdates(session.id)) Y.applyUpdate(board, update)
    expect(board.store.pendingStructs).toBeNull()
    expect(
      board
        .getArray<{ key: string }>('records')
        .toArray()
        .map((entry) => entry.key),
    ).toEqual(expect.arrayContaining(['shape:first', 'shape:second']))
    expect(raw.socket.readyState).toBe(raw.socket.OPEN)
  })
})

describe('hardening: one client cannot starve the process or crowd others out', () => {
  it('closes a flooding candidate (finding 4) before most of its updates are accepted; other rooms keep working', async () => {
    const session = await createSession(tight.url)
    const other = await createSession(tight.url)
    const a = connectClient(tight.url, other.id, other.token('candidate'))
    const b = connectClient(tight.url, other.id, other.token('interviewer'))
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)])

    const flooder = await syncedRaw(session.id, session.token('candidate'), 'flood', tight)
    let sentBytes = 0
    let batch = 0
    const started = Date.now()
    while (flooder.socket.readyState === flooder.socket.OPEN && Date.now() - started < 10_000) {
      const before = Y.encodeStateVector(flooder.doc)
      flooder.doc.transact(() => {
        for (let i = 0; i < 500; i++) putCard(flooder.doc, `shape:f${batch}-${i}`, `card ${batch}-${i}`)
      })
      const update = Y.encodeStateAsUpdate(flooder.doc, before)
      flooder.sendUpdate(update)
      sentBytes += update.byteLength
      batch += 1
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(await flooder.closed).toMatchObject({ code: SyncCloseCode.rateLimited })
    const stored = await tight.storage.readUpdates(session.id)
    const storedBytes = stored.reduce((sum, u) => sum + u.update.byteLength, 0)
    // The burst (16 s at 256 KiB/s) and what trickled in meanwhile, nothing more.
    expect(storedBytes).toBeLessThan(5 * 1024 * 1024)
    expect(sentBytes).toBeGreaterThan(storedBytes)

    putCard(a.doc, 'shape:alive', 'alive')
    await waitFor(() => cardName(b.doc, 'shape:alive') === 'alive', 'the other room still syncs')
    a.provider.destroy()
    b.provider.destroy()
  })

  it('keeps observer sockets from filling the candidate and interviewer slots (finding 5)', async () => {
    const session = await createSession(server.url)
    const observers = await Promise.all(
      Array.from({ length: 12 }, () => openRawClient(syncUrl(session.id, session.token('observer')))),
    )
    const refused = await Promise.all(
      observers.map((o) => Promise.race([o.closed, new Promise((r) => setTimeout(() => r(null), 1000))])),
    )
    expect(
      refused.filter((r) => (r as { code?: number } | null)?.code === SyncCloseCode.roomFull),
    ).toHaveLength(7)
    const candidate = connectClient(server.url, session.id, session.token('candidate'))
    const interviewer = connectClient(server.url, session.id, session.token('interviewer'))
    await Promise.all([waitForSync(candidate.provider), waitForSync(interviewer.provider)])
    for (const o of observers) o.socket.close()
    candidate.provider.destroy()
    interviewer.provider.destroy()
  })

  it('caps awareness state size and bounds replies to a reader that does not read (finding 1)', async () => {
    const session = await createSession(server.url)
    const big = await syncedRaw(session.id, session.token('observer'))
    big.sendAwareness(big.doc.clientID, 1, { user: { name: 'x'.repeat(8 * 1024 * 1024) } })
    expect(await big.closed).toMatchObject({ code: SyncCloseCode.limitExceeded })

    const chatty = await syncedRaw(session.id, session.token('candidate'))
    chatty.sendAwareness(chatty.doc.clientID, 1, { user: { name: 'y'.repeat(60_000) } })
    const lazy = await syncedRaw(session.id, session.token('observer'))
    const before = lazy.received
    for (let i = 0; i < 300; i++) lazy.send(new Uint8Array([3]))
    await new Promise((resolve) => setTimeout(resolve, 500))
    // The burst of query-awareness answers, not 300 copies of everyone's state.
    expect(lazy.received - before).toBeLessThanOrEqual(10)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    chatty.socket.close()
    lazy.socket.close()
  })
})

describe('hardening: identity comes from the link, not from what a client says (finding 8)', () => {
  it('stamps the role from the grant into presence and keeps a client id bound to its owner', async () => {
    const session = await createSession(server.url, { candidateName: 'Ada Lovelace' })
    const watcher = connectClient(server.url, session.id, session.token('interviewer'))
    await waitForSync(watcher.provider)
    const observer = await syncedRaw(session.id, session.token('observer'), 'obs')
    observer.sendAwareness(observer.doc.clientID, 1, {
      user: { name: 'The interviewer', role: 'interviewer' },
    })
    await waitFor(() => watcher.provider.awareness.getStates().has(observer.doc.clientID), 'presence relayed')
    const seen = watcher.provider.awareness.getStates().get(observer.doc.clientID) as {
      user: { role: string }
    }
    expect(seen.user.role).toBe('observer')

    const candidate = await syncedRaw(session.id, session.token('candidate'), 'cand')
    candidate.sendAwareness(candidate.doc.clientID, 1, {
      user: { name: 'Someone else', role: 'interviewer' },
    })
    await waitFor(
      () => watcher.provider.awareness.getStates().has(candidate.doc.clientID),
      'candidate presence',
    )
    expect(watcher.provider.awareness.getStates().get(candidate.doc.clientID)).toMatchObject({
      user: { name: 'Ada Lovelace', role: 'candidate' },
    })

    // The candidate leaves; an observer announcing the candidate's client id is ignored.
    const id = candidate.doc.clientID
    candidate.socket.close()
    await waitFor(() => !watcher.provider.awareness.getStates().has(id), 'candidate gone')
    observer.sendAwareness(id, 99, { user: { name: 'Ada Lovelace' } })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(watcher.provider.awareness.getStates().has(id)).toBe(false)
    observer.socket.close()
    watcher.provider.destroy()
  })
})

describe('hardening: the small ones (finding 9)', () => {
  it('checks the database at start: a damaged page makes /healthz answer 503 with the reason', async () => {
    const first = await startTestServer()
    for (let i = 0; i < 5; i++) await createSession(first.url, { scenarioId: 'recommendations' })
    await first.close()
    const file = join(first.dataDir, 'scaleboard.db')
    const page = 4096
    const fd = openSync(file, 'r+')
    // The last page holds board data written last, never the schema the migrations read.
    writeSync(fd, Buffer.alloc(page, 0x5a), 0, page, statSync(file).size - page)
    closeSync(fd)
    const again = await startTestServer({ DATA_DIR: first.dataDir })
    try {
      const health = await fetch(`${again.url}/healthz`)
      expect(health.status).toBe(503)
      expect(await health.text()).toContain('integrity check failed')
    } finally {
      await again.close()
    }
  })

  it('answers token guessing over WebSocket with 429 once the address has failed too often', async () => {
    const own = await startTestServer({ RATE_LIMIT_AUTH_FAILURES: '5' })
    try {
      const session = await createSession(own.url)
      const statuses: string[] = []
      for (let i = 0; i < 8; i++)
        statuses.push(
          await openRawClient(`${own.url.replace(/^http/, 'ws')}/sync/${session.id}?token=guess${i}`).then(
            () => 'opened',
            (error: Error) => error.message,
          ),
        )
      expect(statuses.slice(0, 5)).toEqual(Array(5).fill('upgrade refused: 401'))
      expect(statuses.slice(5)).toEqual(Array(3).fill('upgrade refused: 429'))
    } finally {
      await own.close()
    }
  })

  it('answers a malformed sync path with 404, not a 500', async () => {
    const response = await fetch(`${server.url}/sync/%E0%A4%A`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'x',
      },
    }).catch(() => null)
    const raw = await openRawClient(`${server.url.replace(/^http/, 'ws')}/sync/%E0%A4%A?token=x`).catch(
      (error: Error) => error.message,
    )
    expect(raw).toBe('upgrade refused: 404')
    expect(response?.status ?? 404).not.toBe(500)
  })

  it('loads a board whose newest checkpoint is damaged, from the log', async () => {
    const own = await startTestServer()
    try {
      const session = await createSession(own.url)
      const writer = connectClient(own.url, session.id, session.token('candidate'))
      await waitForSync(writer.provider)
      putCard(writer.doc, 'shape:kept', 'kept')
      await waitFor(
        () => own.rooms.unsavedRooms.length === 0 && own.rooms.loadedRoomCount === 1,
        'edit stored',
      )
      writer.provider.destroy()
      await waitFor(() => own.rooms.loadedRoomCount === 0, 'room unloaded')
      const last = (await own.storage.readUpdates(session.id)).at(-1)?.seq ?? 0
      await own.storage.saveCheckpoint(session.id, {
        seq: last,
        at: Date.now(),
        state: new Uint8Array([1, 2, 3]),
      })
      const reader = connectClient(own.url, session.id, session.token('observer'))
      await waitForSync(reader.provider)
      expect(cardName(reader.doc, 'shape:kept')).toBe('kept')
      reader.provider.destroy()
    } finally {
      await own.close()
    }
  })
})
