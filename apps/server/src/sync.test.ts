import { SyncCloseCode } from '@scaleboard/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { RunningServer } from './server.ts'
import {
  cardName,
  connectClient,
  createSession,
  putCard,
  startTestServer,
  waitFor,
  waitForSync,
} from './testing.ts'

let server: RunningServer

beforeAll(async () => {
  server = await startTestServer({
    MAX_FRAME_BYTES: '65536',
    MAX_OBSERVERS_PER_ROOM: '3',
    MAX_CONNECTIONS_PER_LINK: '2',
  })
})
afterAll(() => server.close())

const wsUrl = (path: string) => `${server.url.replace(/^http/, 'ws')}${path}`

/** Opens a raw socket and reports how the handshake ended and whether any bytes arrived. */
function rawConnect(path: string) {
  return new Promise<{ status?: number; opened: boolean; messages: number; close?: number }>((resolve) => {
    const ws = new WebSocket(wsUrl(path))
    const result = { opened: false, messages: 0 } as {
      status?: number
      opened: boolean
      messages: number
      close?: number
    }
    ws.on('unexpected-response', (_req, res) => {
      result.status = res.statusCode
      ws.terminate()
      resolve(result)
    })
    ws.on('open', () => {
      result.opened = true
      setTimeout(() => ws.close(), 200)
    })
    ws.on('message', () => result.messages++)
    ws.on('close', (code) => {
      result.close = code
      resolve(result)
    })
    ws.on('error', () => {})
  })
}

describe('sync endpoint', () => {
  it('syncs edits between two stock y-websocket clients and stores them', async () => {
    const session = await createSession(server.url)
    const a = connectClient(server.url, session.id, session.token('candidate'), 'cand')
    const b = connectClient(server.url, session.id, session.token('interviewer'), 'int')
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)])
    putCard(a.doc, 'shape:from', 'candidate')
    putCard(b.doc, 'shape:note', 'interviewer', 1200)
    await waitFor(() => cardName(b.doc, 'shape:from') === 'candidate', 'candidate edit at interviewer')
    await waitFor(() => cardName(a.doc, 'shape:note') === 'interviewer', 'interviewer edit at candidate')
    await waitFor(() => server.rooms.loadedRoomCount === 1, 'room loaded')
    a.provider.destroy()
    b.provider.destroy()
    await waitFor(() => server.rooms.loadedRoomCount === 0, 'room unloaded after the last client left')
    const logged = await server.storage.readUpdates(session.id)
    expect(logged.map((u) => [u.author.role, u.author.userId])).toEqual([
      ['system', null], // the initial board, written when the session was created
      ['candidate', 'cand'],
      ['interviewer', 'int'],
    ])
  })

  it('refuses the upgrade without a valid token for this session, sending no document bytes', async () => {
    const a = await createSession(server.url)
    const b = await createSession(server.url)
    expect(await rawConnect(`/sync/${a.id}`)).toMatchObject({ status: 401, opened: false, messages: 0 })
    expect(await rawConnect(`/sync/${a.id}?token=guess`)).toMatchObject({ status: 401, opened: false })
    expect(await rawConnect(`/sync/${a.id}?token=${b.token('interviewer')}`)).toMatchObject({
      status: 403,
      opened: false,
      messages: 0,
    })
    expect(await rawConnect(`/elsewhere?token=${a.token('candidate')}`)).toMatchObject({ status: 404 })
  })

  it('keeps observers read-only: their updates are dropped and never stored', async () => {
    const session = await createSession(server.url)
    const candidate = connectClient(server.url, session.id, session.token('candidate'))
    const observer = connectClient(server.url, session.id, session.token('observer'))
    await Promise.all([waitForSync(candidate.provider), waitForSync(observer.provider)])
    putCard(candidate.doc, 'shape:design', 'one')
    await waitFor(() => cardName(observer.doc, 'shape:design') === 'one', 'observer sees the design')
    putCard(observer.doc, 'shape:design', 'vandalised')
    putCard(candidate.doc, 'shape:after', 'after', 1400)
    await waitFor(() => cardName(observer.doc, 'shape:after') === 'after', 'later candidate edit')
    expect(cardName(candidate.doc, 'shape:design')).toBe('one')
    candidate.provider.destroy()
    observer.provider.destroy()
    await waitFor(() => server.rooms.loadedRoomCount === 0, 'room unloaded')
    const logged = await server.storage.readUpdates(session.id)
    expect(logged.map((u) => u.author.role)).toContain('candidate')
    expect(logged.every((u) => u.author.role === 'candidate' || u.author.role === 'system')).toBe(true)
  })

  it('closes an oversized frame with 1009 and keeps serving everyone else', async () => {
    const session = await createSession(server.url)
    const peer = connectClient(server.url, session.id, session.token('candidate'))
    await waitForSync(peer.provider)
    const closeCode = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl(`/sync/${session.id}?token=${session.token('candidate')}`))
      ws.on('open', () => ws.send(new Uint8Array(70_000)))
      ws.on('close', (code) => resolve(code))
      ws.on('error', () => {})
    })
    expect(closeCode).toBe(SyncCloseCode.frameTooLarge)
    putCard(peer.doc, 'shape:alive', 'alive')
    const other = connectClient(server.url, session.id, session.token('interviewer'))
    await waitFor(() => cardName(other.doc, 'shape:alive') === 'alive', 'the room still works')
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    peer.provider.destroy()
    other.provider.destroy()
  })

  it('closes a connection that sends garbage with 1007, storing nothing from it', async () => {
    const session = await createSession(server.url)
    const garbage = [new Uint8Array([0, 2, 50, 1]), new Uint8Array([7, 7, 7]), new Uint8Array([0, 0])]
    for (const frame of garbage) {
      const closeCode = await new Promise<number>((resolve) => {
        const ws = new WebSocket(wsUrl(`/sync/${session.id}?token=${session.token('candidate')}`))
        ws.on('open', () => ws.send(frame))
        ws.on('close', (code) => resolve(code))
        ws.on('error', () => {})
      })
      expect(closeCode).toBe(SyncCloseCode.malformedMessage)
    }
    const text = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl(`/sync/${session.id}?token=${session.token('candidate')}`))
      ws.on('open', () => ws.send('hello'))
      ws.on('close', (code) => resolve(code))
    })
    expect(text).toBe(SyncCloseCode.malformedMessage)
    await waitFor(() => server.rooms.loadedRoomCount === 0, 'room unloaded')
    const logged = await server.storage.readUpdates(session.id)
    expect(logged.map((u) => u.author.role)).toEqual(['system'])
  })

  it('caps connections per link with a clear close code; full observer slots never keep out the candidate', async () => {
    const session = await createSession(server.url)
    const clients = [1, 2, 3].map(() => connectClient(server.url, session.id, session.token('observer')))
    await Promise.all(clients.map((c) => waitForSync(c.provider)))
    const observer = await rawConnect(`/sync/${session.id}?token=${session.token('observer')}`)
    expect(observer.close).toBe(SyncCloseCode.roomFull)
    const candidates = [1, 2].map(() => connectClient(server.url, session.id, session.token('candidate')))
    await Promise.all(candidates.map((c) => waitForSync(c.provider)))
    const third = await rawConnect(`/sync/${session.id}?token=${session.token('candidate')}`)
    expect(third.close).toBe(SyncCloseCode.roomFull)
    const interviewer = connectClient(server.url, session.id, session.token('interviewer'))
    await waitForSync(interviewer.provider)
    for (const c of [...clients, ...candidates, interviewer]) c.provider.destroy()
  })
})
