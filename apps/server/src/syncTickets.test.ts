import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { RunningServer } from './server.ts'
import { createSession, startTestServer } from './testing.ts'

let server: RunningServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

const postTicket = (sessionId: string, token?: string) =>
  fetch(`${server.url}/api/sessions/${sessionId}/tickets`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })

/** Opens a raw socket: the HTTP status of a refused handshake, or 101 once it opened. */
function handshake(path: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${path}`)
    ws.on('unexpected-response', (_req, res) => {
      ws.terminate()
      resolve(res.statusCode ?? 0)
    })
    ws.on('open', () => {
      ws.close()
      resolve(101)
    })
    ws.on('error', () => {})
  })
}

describe('WebSocket tickets', () => {
  it('trades a role token for a short-lived ticket that opens one socket, once', async () => {
    const session = await createSession(server.url)
    const response = await postTicket(session.id, session.token('candidate'))
    expect(response.status).toBe(201)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = (await response.json()) as { ticket: string; expiresAt: string }
    expect(body.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(body.ticket).not.toBe(session.token('candidate'))
    const ttl = Date.parse(body.expiresAt) - Date.now()
    expect(ttl).toBeGreaterThan(20_000)
    expect(ttl).toBeLessThanOrEqual(30_000)

    expect(await handshake(`/sync/${session.id}?ticket=${body.ticket}&user=u1`)).toBe(101)
    // Single use: the same ticket opens nothing the second time.
    expect(await handshake(`/sync/${session.id}?ticket=${body.ticket}&user=u1`)).toBe(401)
  })

  it('binds the ticket to its session and role', async () => {
    const a = await createSession(server.url)
    const b = await createSession(server.url)
    const { ticket } = (await (await postTicket(a.id, a.token('observer'))).json()) as { ticket: string }
    expect(await handshake(`/sync/${b.id}?ticket=${ticket}`)).toBe(403)

    const observer = (await (await postTicket(a.id, a.token('observer'))).json()) as { ticket: string }
    expect(await handshake(`/sync/${a.id}?ticket=${observer.ticket}`)).toBe(101)
    await new Promise((r) => setTimeout(r, 50))
    const logged = await server.storage.readUpdates(a.id)
    expect(logged.every((u) => u.author.role === 'system')).toBe(true)
  })

  it('refuses a missing, unknown or foreign token', async () => {
    const a = await createSession(server.url)
    const b = await createSession(server.url)
    expect((await postTicket(a.id)).status).toBe(401)
    expect((await postTicket(a.id, 'x'.repeat(43))).status).toBe(401)
    const foreign = await postTicket(a.id, b.token('interviewer'))
    expect(foreign.status).toBe(403)
    expect((await foreign.json()).error.code).toBe('forbidden')
    expect(await handshake(`/sync/${a.id}?ticket=${'x'.repeat(43)}`)).toBe(401)
  })

  it('lists the route in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>
    }
    expect(Object.keys(doc.paths['/api/sessions/{id}/tickets'].post.responses).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '404',
      '413',
      '429',
      '500',
    ])
  })
})
