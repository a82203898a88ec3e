import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from './server.ts'
import { createSession, startTestServer, TEST_ADMIN_TOKEN, tokenFromLink } from './testing.ts'

let server: RunningServer

beforeAll(async () => {
  server = await startTestServer({ PUBLIC_URL: 'https://board.example.test/' })
})
afterAll(() => server.close())

const post = (body: string, token = TEST_ADMIN_TOKEN) =>
  fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  })

describe('sessions API', () => {
  it('creates a session with three distinct, unguessable role links on PUBLIC_URL', async () => {
    const response = await post(JSON.stringify({ title: 'Senior MLOps', candidateName: 'Ada' }))
    expect(response.status).toBe(201)
    const body = await response.json()
    expect(body).toMatchObject({ title: 'Senior MLOps', candidateName: 'Ada', scenarioId: null })
    const tokens = (['candidate', 'interviewer', 'observer'] as const).map((role) => {
      const url = new URL(body.links[role])
      expect(url.origin).toBe('https://board.example.test')
      expect(url.pathname).toBe(`/s/${body.id}`)
      // The token travels in the fragment, which browsers never send: not in the path or query.
      expect(url.search).toBe('')
      expect(url.hash).toMatch(/^#token=[A-Za-z0-9_-]+$/)
      return tokenFromLink(body.links[role])
    })
    expect(new Set(tokens).size).toBe(3)
    for (const token of tokens) expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16)
  })

  it('stores tokens only as hashes', async () => {
    const session = await createSession(server.url)
    const token = session.token('candidate')
    const { DatabaseSync } = await import('node:sqlite')
    const db = new DatabaseSync(`${(server as RunningServer & { dataDir: string }).dataDir}/scaleboard.db`)
    const rows = db.prepare('select token_hash from session_tokens').all() as { token_hash: string }[]
    db.close()
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.some((r) => r.token_hash.includes(token))).toBe(false)
  })

  it('refuses a missing or wrong organiser token with 401 JSON', async () => {
    const response = await post('{}', 'wrong-token-wrong-token')
    expect(response.status).toBe(401)
    expect((await response.json()).error.code).toBe('unauthorized')
    const none = await fetch(`${server.url}/api/sessions`, { method: 'POST', body: '{}' })
    expect(none.status).toBe(401)
  })

  it('answers bad bodies with a clear 400, never a 500', async () => {
    for (const body of ['{not json', '[]', '{"title": 5}', '{"unknown": true}', '{"level":"guru"}']) {
      const response = await post(body)
      expect(response.status, body).toBe(400)
      const json = await response.json()
      expect(json.error.message, body).toBeTruthy()
    }
    const issues = (await (await post('{"title": 5}')).json()).error.issues
    expect(issues[0].path).toBe('title')
  })

  it('refuses an unknown scenario with 404', async () => {
    const response = await post(JSON.stringify({ scenarioId: 'no-such-scenario' }))
    expect(response.status).toBe(404)
    expect((await response.json()).error.message).toContain('no-such-scenario')
  })

  it('tells a role token its session and role, and nothing about other sessions', async () => {
    const a = await createSession(server.url, { title: 'A' })
    const b = await createSession(server.url, { title: 'B' })
    const access = (id: string, token: string) =>
      fetch(`${server.url}/api/sessions/${id}/access`, { headers: { authorization: `Bearer ${token}` } })
    const ok = await access(a.id, a.token('observer'))
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ role: 'observer', session: { id: a.id, title: 'A' } })
    expect((await access(a.id, b.token('candidate'))).status).toBe(403)
    expect((await access(a.id, 'x'.repeat(43))).status).toBe(401)
  })

  it('lists sessions for the organiser, newest first', async () => {
    const response = await fetch(`${server.url}/api/sessions?limit=2`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    })
    expect(response.status).toBe(200)
    const { sessions } = await response.json()
    expect(sessions).toHaveLength(2)
    expect(sessions[0].createdAt >= sessions[1].createdAt).toBe(true)
  })

  it('serves health, the OpenAPI document and runtime config', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({
      status: 'ok',
      database: 'ok',
    })
    const openapi = await (await fetch(`${server.url}/api/openapi.json`)).json()
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/sessions', '/api/sessions/{id}/access']),
    )
    const page = await fetch(`${server.url}/s/anything`)
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'")
    const config = await (await fetch(`${server.url}/config.js`)).text()
    expect(config).toContain('window.__SCALEBOARD_CONFIG__')
    expect((await fetch(`${server.url}/api/nope`)).status).toBe(404)
  })
})
