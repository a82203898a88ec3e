import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../server.ts'
import {
  connectClient,
  createSession,
  putCard,
  startTestServer,
  TEST_ADMIN_TOKEN,
  waitFor,
  waitForSync,
} from '../testing.ts'

/** The whole server as main.ts starts it (createApp included), with no metrics configured. */
describe('observability in the real app', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())

  it('gives every response a request id, echoing a well-formed one', async () => {
    const api = await fetch(`${server.url}/api/sessions`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'x-request-id': 'proxy-1234' },
    })
    expect(api.status).toBe(200)
    expect(api.headers.get('x-request-id')).toBe('proxy-1234')
    // Refused before any route (401) and the web app alike.
    const refused = await fetch(`${server.url}/api/sessions`)
    expect(refused.status).toBe(401)
    expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const page = await fetch(`${server.url}/config.js`)
    expect(page.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    // The security headers are still there behind it.
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
  })

  it('reports the database in /healthz and is ready once serving', async () => {
    const health = await fetch(`${server.url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok' })
    const ready = await fetch(`${server.url}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ ready: true })
  })

  it('answers 404 at /metrics without METRICS_TOKEN, never the web app page', async () => {
    const response = await fetch(`${server.url}/metrics`)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  })

  it('answers other methods on the probes with 405', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      const response = await fetch(`${server.url}${path}`, { method: 'POST' })
      expect(response.status, path).toBe(405)
      expect(response.headers.get('allow'), path).toBe('GET, HEAD')
    }
  })
})

/** The same server with METRICS_TOKEN set: what a Prometheus scrape sees after real traffic. */
describe('metrics of a running server', () => {
  const METRICS_TOKEN = 'scrape-token-0123456789abcdef'
  let server: RunningServer

  beforeAll(async () => {
    server = await startTestServer({ METRICS_TOKEN, INSTANCE_ID: 'metrics-test' })
  })
  afterAll(() => server.close())

  const scrape = (authorization?: string) =>
    fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} })

  it('requires the token, then counts rooms, connections, accepted updates and appends', async () => {
    expect((await scrape()).status).toBe(401)
    expect((await scrape('Bearer wrong-token-0123456789')).status).toBe(401)

    const session = await createSession(server.url)
    const client = connectClient(server.url, session.id, session.token('candidate'))
    await waitForSync(client.provider)
    putCard(client.doc, 'shape:metrics-card', 'Counted')
    await waitFor(() => server.rooms.connectionCounts.candidate === 1, 'the candidate to join')
    let text = ''
    for (let i = 0; i < 100 && !/scaleboard_logged_updates_total\{[^}]*\} [1-9]/.test(text); i++) {
      text = await (await scrape(`Bearer ${METRICS_TOKEN}`)).text()
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(text).toMatch(/scaleboard_rooms\{instance="metrics-test"\} 1/)
    expect(text).toMatch(/scaleboard_connections\{[^}]*role="candidate"[^}]*\} 1/)
    expect(text).toMatch(/scaleboard_updates_total\{instance="metrics-test"\} [1-9]/)
    expect(text).toMatch(/scaleboard_log_append_seconds_count\{instance="metrics-test"\} [1-9]/)
    client.provider.destroy()
  })
})
