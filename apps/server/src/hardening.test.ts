import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStorage } from '@scaleboard/storage'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'
import { hashSecret } from './secrets.ts'
import { createSession, startTestServer, TEST_ADMIN_TOKEN } from './testing.ts'

type TestServer = Awaited<ReturnType<typeof startTestServer>>

const servers: TestServer[] = []
async function start(env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer(env)
  servers.push(server)
  return server
}
afterAll(async () => {
  await Promise.allSettled(servers.map((s) => s.close()))
})

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** A raw HTTP exchange, for what fetch will not send (a forged Host, a body that never ends). */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string | number>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('rate limits', () => {
  it('answers a burst of bad tokens with 429 and Retry-After, while a good token from the same address still works', async () => {
    const server = await start()
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let i = 0; i < 26; i++) {
      const response = await fetch(`${server.url}/api/sessions`, {
        headers: bearer(`guess-${i}-${'x'.repeat(30)}`),
      })
      statuses.push(response.status)
      if (response.status === 429) {
        retryAfter = response.headers.get('retry-after')
        expect((await response.json()).error.code).toBe('rate_limited')
      } else await response.body?.cancel()
    }
    // RATE_LIMIT_AUTH_FAILURES defaults to 20 a minute.
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401))
    expect(statuses.slice(20)).toEqual(Array(6).fill(429))
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1)
    expect(Number(retryAfter)).toBeLessThanOrEqual(60)
    const honest = await fetch(`${server.url}/api/sessions`, { headers: bearer(TEST_ADMIN_TOKEN) })
    expect(honest.status).toBe(200)
  })

  it('limits requests per client address and per token, each with its own budget', async () => {
    const server = await start({ RATE_LIMIT_PER_IP: '8', RATE_LIMIT_PER_TOKEN: '3' })
    const session = await createSession(server.url) // 1 request from this address, 1 with the admin token
    const access = (token: string) =>
      fetch(`${server.url}/api/sessions/${session.id}/access`, { headers: bearer(token) })
    const candidate = [await access(session.token('candidate')), await access(session.token('candidate'))]
    expect(candidate.map((r) => r.status)).toEqual([200, 200])
    const third = await access(session.token('candidate'))
    expect(third.status).toBe(200)
    const fourth = await access(session.token('candidate'))
    expect(fourth.status).toBe(429)
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    // Another token still has its budget; the address has spent 5 of its 8 (a refused request counts).
    expect((await access(session.token('observer'))).status).toBe(200)
    const view = () =>
      fetch(`${server.url}/api/sessions/${session.id}`, { headers: bearer(session.token('interviewer')) })
    expect((await view()).status).toBe(200)
    expect((await view()).status).toBe(200)
    const overAddress = await view()
    expect(overAddress.status).toBe(429)
    expect(Number(overAddress.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    // Only /api is limited: health checks and the page are not.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it('never bothers honest use: an organiser page and a handful of browsers per session', async () => {
    const server = await start()
    const organiser = bearer(TEST_ADMIN_TOKEN)
    const statuses: number[] = []
    const note = async (response: Response) => {
      statuses.push(response.status)
      await response.body?.cancel()
    }
    // The organiser creates a day's sessions, refreshing the list after each.
    const sessions = []
    for (let i = 0; i < 12; i++) {
      await note(await fetch(`${server.url}/api/scenarios`))
      sessions.push(await createSession(server.url, { scenarioId: 'fraud-scoring' }))
      await note(await fetch(`${server.url}/api/sessions`, { headers: organiser }))
    }
    // Every session: candidate, interviewer and three observers open the board and reconnect a few times.
    for (const session of sessions.slice(0, 4))
      for (const role of ['candidate', 'interviewer', 'observer', 'observer', 'observer'] as const)
        for (let reconnect = 0; reconnect < 4; reconnect++) {
          const headers = bearer(session.token(role))
          await note(await fetch(`${server.url}/api/sessions/${session.id}/access`, { headers }))
          await note(await fetch(`${server.url}/api/sessions/${session.id}/brief`, { headers }))
          await note(
            await fetch(`${server.url}/api/sessions/${session.id}/tickets`, { method: 'POST', headers }),
          )
        }
    expect(statuses.length).toBeGreaterThan(250)
    expect(statuses.filter((s) => s === 429)).toEqual([])
  })
})

describe('request bodies', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await start()
  })

  it('refuses a 100 MB body with 413 from its Content-Length, having read almost none of it', async () => {
    const started = performance.now()
    const result = await new Promise<{ status: number; connection?: string; sent: number }>(
      (resolve, reject) => {
        const req = httpRequest(`${server.url}/api/sessions`, {
          method: 'POST',
          headers: {
            ...bearer(TEST_ADMIN_TOKEN),
            'content-type': 'application/json',
            'content-length': 100 * 1024 * 1024,
          },
        })
        let sent = 0
        req.on('response', (res) => {
          res.resume()
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, sent })
          req.destroy()
        })
        req.on('error', (error) => {
          if (!('code' in error && error.code === 'ECONNRESET')) reject(error)
        })
        // 64 KB of the 100 MB: the answer must come without the rest.
        const chunk = Buffer.alloc(64 * 1024, 0x20)
        req.write(chunk)
        sent += chunk.length
      },
    )
    expect(result.status).toBe(413)
    expect(result.connection).toBe('close')
    expect(result.sent).toBe(64 * 1024)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('stops reading a chunked body at the limit', async () => {
    let sent = 0
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/sessions`, {
        method: 'POST',
        headers: {
          ...bearer(TEST_ADMIN_TOKEN),
          'content-type': 'application/json',
          'transfer-encoding': 'chunked',
        },
      })
      let answered = false
      req.on('response', (res) => {
        answered = true
        res.resume()
        resolve(res.statusCode ?? 0)
        req.destroy()
      })
      req.on('error', (error) => {
        if (!answered) reject(error)
      })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const pump = () => {
        // 100 MB if nobody stopped us.
        while (!answered && sent < 100 * 1024 * 1024) {
          sent += chunk.length
          if (!req.write(chunk)) return void req.once('drain', pump)
        }
      }
      pump()
    })
    expect(status).toBe(413)
    expect(sent).toBeLessThan(20 * 1024 * 1024)
  })

  it('refuses deeply nested JSON with a fast 400 before parsing it; 32 levels are still parsed', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/api/sessions`, {
        method: 'POST',
        headers: { ...bearer(TEST_ADMIN_TOKEN), 'content-type': 'application/json' },
        body,
      })
    const started = performance.now()
    const deep = await post(`{"title":${'['.repeat(400_000)}${']'.repeat(400_000)}}`)
    const elapsed = performance.now() - started
    expect(deep.status).toBe(400)
    expect((await deep.json()).error.code).toBe('too_deeply_nested')
    expect(elapsed).toBeLessThan(1000)

    const nested = (levels: number) => `{"title":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`
    const tooDeep = await post(nested(33))
    expect((await tooDeep.json()).error.code).toBe('too_deeply_nested')
    // 32 levels pass the guard and reach the schema, which refuses an array title.
    const deepest = await post(nested(32))
    expect(deepest.status).toBe(400)
    expect((await deepest.json()).error.code).toBe('invalid_request')
    // Brackets inside strings are text, not nesting.
    const inString = await post(JSON.stringify({ title: `${'['.repeat(100)}"{` }))
    expect(inString.status).toBe(201)
  })
})

describe('ADMIN_TOKEN', () => {
  it('is refused at start-up unless it is 32 or more characters of real entropy, and the error says the rule', async () => {
    for (const weak of [
      'short-but-sixteen-chars',
      'a'.repeat(64),
      'ab'.repeat(20),
      'changeme-changeme-changeme-changeme',
      '0123456789abcdef0123456789abcdef',
      'my-organiser-token-abcdefghijklmn',
    ]) {
      expect(() => loadConfig({ ADMIN_TOKEN: weak }), weak).toThrow(ConfigError)
      expect(() => loadConfig({ ADMIN_TOKEN: weak }), weak).toThrow(
        /ADMIN_TOKEN must be at least 32 characters/,
      )
    }
    await expect(startTestServer({ ADMIN_TOKEN: 'x'.repeat(40) })).rejects.toThrow(/at least 32 characters/)
    // What `openssl rand -hex 16` and `openssl rand -base64 32` print.
    for (const strong of ['2f7c1a9e4b8d0f3a6c5e9b1d7a2f4c8e', 'q3Vb9K0pZr7Xw2Lm5Nc8Ty1Hs4Jd6Fg0Aa9Uk3Ee7Ri='])
      expect(loadConfig({ ADMIN_TOKEN: strong }).ADMIN_TOKEN).toBe(strong)
  })
})

describe('links', () => {
  it('never take their origin from a forged Host header', async () => {
    const server = await start({ ALLOWED_HOSTS: 'interviews.example.test' })
    const create = (host: string) =>
      rawRequest(`${server.url}/api/sessions`, {
        method: 'POST',
        headers: { ...bearer(TEST_ADMIN_TOKEN), 'content-type': 'application/json', host },
        body: '{}',
      })
    const forged = await create('evil.example.com')
    expect(forged.status).toBe(201)
    for (const link of Object.values(JSON.parse(forged.body).links as Record<string, string>)) {
      expect(new URL(link).origin).toBe(server.url)
      expect(link).not.toContain('evil')
    }
    const allowed = await create('interviews.example.test')
    for (const link of Object.values(JSON.parse(allowed.body).links as Record<string, string>))
      expect(new URL(link).origin).toBe('http://interviews.example.test')
  })
})

describe('files', () => {
  it('keeps DATA_DIR 0700 and the database, its WAL files and the generated admin token 0600', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'scaleboard-modes-')), 'data')
    mkdirSync(dataDir, { mode: 0o755 })
    chmodSync(dataDir, 0o755)
    const server = await start({ DATA_DIR: dataDir, ADMIN_TOKEN: '' })
    expect(server.adminTokenGenerated).toBe(true)
    const response = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { ...bearer(server.adminToken), 'content-type': 'application/json' },
      body: '{}',
    })
    expect(response.status).toBe(201)
    const mode = (name: string) => statSync(join(dataDir, name)).mode & 0o777
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
    for (const name of ['scaleboard.db', 'scaleboard.db-wal', 'scaleboard.db-shm', 'admin-token'])
      expect(mode(name), name).toBe(0o600)
  })
})

describe('HTTP contract', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await start()
  })

  it('answers unknown methods on known paths with 405 and Allow', async () => {
    const cases: Array<[string, string, string]> = [
      ['DELETE', '/api/sessions', 'GET, HEAD, POST'],
      ['PUT', '/api/sessions/abcdefghijklmnopqrstuv/access', 'GET, HEAD'],
      ['PATCH', '/api/scenarios', 'GET, HEAD'],
      ['POST', '/healthz', 'GET, HEAD'],
      ['DELETE', '/api/openapi.json', 'GET, HEAD'],
    ]
    for (const [method, path, allowHeader] of cases) {
      const response = await fetch(`${server.url}${path}`, { method })
      expect(response.status, `${method} ${path}`).toBe(405)
      expect(response.headers.get('allow'), `${method} ${path}`).toBe(allowHeader)
      expect((await response.json()).error.code).toBe('method_not_allowed')
    }
    expect((await fetch(`${server.url}/api/nope`, { method: 'DELETE' })).status).toBe(404)
  })

  it('answers a missing asset with 404, not the page; client routes still get the page', async () => {
    for (const path of [
      '/assets/index-missing.js.map',
      '/assets/nope',
      '/missing.js',
      '/s/abc/app.css.map',
    ]) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.status, path).toBe(404)
      expect(response.headers.get('content-type'), path).not.toContain('text/html')
    }
    const page = await fetch(`${server.url}/s/some-session-id`)
    expect(page.status).not.toBe(404)
  })

  it('lists 429 and 500 for every operation, and 400, 413 and 415 for those with a body', async () => {
    const doc = await (await fetch(`${server.url}/api/openapi.json`)).json()
    const sessionOps = ['/api/sessions', '/api/sessions/{id}/access', '/api/scenarios/{id}/guidance']
    for (const path of sessionOps) expect(Object.keys(doc.paths)).toContain(path)
    for (const [path, operations] of Object.entries(
      doc.paths as Record<string, Record<string, { responses: object; requestBody?: object }>>,
    ))
      for (const [method, operation] of Object.entries(operations)) {
        const statuses = Object.keys(operation.responses)
        expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['429', '500']))
        if (operation.requestBody)
          expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['400', '413', '415']))
      }
  })
})

describe('roles: every route states who it serves', () => {
  let server: TestServer
  let doc: { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }
  let fraud: Awaited<ReturnType<typeof createSession>>
  let other: Awaited<ReturnType<typeof createSession>>
  let doomed: Awaited<ReturnType<typeof createSession>>
  let checklistItemId = ''
  let revisionId = ''
  beforeAll(async () => {
    // Many 401s on purpose: the limits are checked in their own tests above.
    server = await start({
      RATE_LIMIT_AUTH_FAILURES: '100000',
      RATE_LIMIT_PER_IP: '100000',
      RATE_LIMIT_PER_TOKEN: '100000',
    })
    doc = await (await fetch(`${server.url}/api/openapi.json`)).json()
    fraud = await createSession(server.url, { scenarioId: 'fraud-scoring' })
    other = await createSession(server.url, { scenarioId: 'recommendations' })
    doomed = await createSession(server.url)
    const checklist = await fetch(`${server.url}/api/sessions/${fraud.id}/checklist`, {
      headers: bearer(fraud.token('interviewer')),
    })
    checklistItemId = ((await checklist.json()) as { items: Array<{ id: string }> }).items[0]?.id ?? ''
    const revision = await fetch(`${server.url}/api/sessions/${fraud.id}/revisions`, {
      method: 'POST',
      headers: { ...bearer(fraud.token('interviewer')), 'content-type': 'application/json' },
      body: '{"label":"Before the matrix"}',
    })
    revisionId = ((await revision.json()) as { id: string }).id
  })

  type Who =
    | 'organiser'
    | 'candidate'
    | 'interviewer'
    | 'observer'
    | 'otherInterviewer'
    | 'otherCandidate'
    | 'none'
    | 'unknown'
  const tokenOf = (who: Who): string | null => {
    switch (who) {
      case 'organiser':
        return TEST_ADMIN_TOKEN
      case 'otherInterviewer':
        return other.token('interviewer')
      case 'otherCandidate':
        return other.token('candidate')
      case 'none':
        return null
      case 'unknown':
        return 'z'.repeat(43)
      default:
        return fraud.token(who)
    }
  }

  const routes: Array<{
    method: string
    template: string
    path: () => string
    body?: string
    allowed: Who[]
    forbidden: Who[]
  }> = [
    {
      method: 'post',
      template: '/api/sessions',
      path: () => '/api/sessions',
      body: '{}',
      allowed: ['organiser'],
      forbidden: ['candidate', 'interviewer', 'observer'],
    },
    {
      method: 'get',
      template: '/api/sessions',
      path: () => '/api/sessions',
      allowed: ['organiser'],
      forbidden: ['candidate', 'interviewer', 'observer'],
    },
    {
      method: 'delete',
      template: '/api/sessions/{id}',
      // A session of its own: the organiser's call deletes it; role tokens are refused for their role.
      path: () => `/api/sessions/${doomed.id}`,
      allowed: ['organiser'],
      forbidden: ['candidate', 'interviewer', 'observer'],
    },
    {
      method: 'post',
      template: '/api/sessions/{id}/links/{role}',
      // On the other session: reissuing rotates a token, and the matrix goes on using fraud's.
      path: () => `/api/sessions/${other.id}/links/observer`,
      allowed: ['organiser'],
      forbidden: ['candidate', 'interviewer', 'observer'],
    },
    {
      method: 'get',
      template: '/api/sessions/{id}/access',
      path: () => `/api/sessions/${fraud.id}/access`,
      // The organiser opens any session as its interviewer (http/grant.ts).
      allowed: ['organiser', 'candidate', 'interviewer', 'observer'],
      forbidden: ['otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'get',
      template: '/api/sessions/{id}/brief',
      path: () => `/api/sessions/${fraud.id}/brief`,
      // The organiser opens any session as its interviewer (http/grant.ts).
      allowed: ['organiser', 'candidate', 'interviewer', 'observer'],
      forbidden: ['otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'get',
      template: '/api/sessions/{id}/checklist',
      path: () => `/api/sessions/${fraud.id}/checklist`,
      allowed: ['organiser', 'interviewer', 'candidate', 'observer'],
      forbidden: ['otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'post',
      template: '/api/sessions/{id}/checklist',
      path: () => `/api/sessions/${fraud.id}/checklist`,
      body: '{"text":"Handles a doubling"}',
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherInterviewer'],
    },
    {
      method: 'patch',
      template: '/api/sessions/{id}/checklist/{itemId}',
      path: () => `/api/sessions/${fraud.id}/checklist/${checklistItemId}`,
      body: '{"status":"met"}',
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherInterviewer'],
    },
    {
      method: 'post',
      template: '/api/sessions/{id}/checklist/share',
      path: () => `/api/sessions/${fraud.id}/checklist/share`,
      body: '{"shared":false}',
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherInterviewer'],
    },
    {
      method: 'get',
      template: '/api/sessions/{id}/notes',
      path: () => `/api/sessions/${fraud.id}/notes`,
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherInterviewer'],
    },
    {
      method: 'post',
      template: '/api/sessions/{id}/notes',
      path: () => `/api/sessions/${fraud.id}/notes`,
      body: '{"text":"a note"}',
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherInterviewer'],
    },
    {
      method: 'get',
      template: '/api/sessions/{id}/messages',
      path: () => `/api/sessions/${fraud.id}/messages`,
      allowed: ['organiser', 'interviewer', 'candidate', 'observer'],
      forbidden: ['otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'post',
      template: '/api/sessions/{id}/messages',
      path: () => `/api/sessions/${fraud.id}/messages`,
      body: '{"text":"a question"}',
      allowed: ['organiser', 'interviewer', 'candidate'],
      forbidden: ['observer', 'otherCandidate'],
    },
    {
      method: 'get',
      template: '/api/sessions/{id}/requirements',
      path: () => `/api/sessions/${fraud.id}/requirements`,
      allowed: ['organiser', 'interviewer', 'candidate', 'observer'],
      forbidden: ['otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'post',
      template: '/api/sessions/{id}/requirements',
      path: () => `/api/sessions/${fraud.id}/requirements`,
      body: '{"text":"Traffic doubles in 6 months"}',
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherInterviewer'],
    },
    {
      method: 'get',
      template: '/api/sessions/{id}/feedback',
      path: () => `/api/sessions/${fraud.id}/feedback`,
      allowed: ['organiser', 'interviewer', 'candidate', 'observer'],
      forbidden: ['otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'post',
      template: '/api/sessions/{id}/feedback',
      path: () => `/api/sessions/${fraud.id}/feedback`,
      body: '{"strength":{"text":"s"},"improvement":{"text":"i"}}',
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherInterviewer'],
    },
    {
      method: 'get',
      template: '/api/scenarios',
      path: () => '/api/scenarios',
      allowed: ['organiser'],
      forbidden: ['candidate', 'interviewer', 'observer'],
    },
    {
      method: 'get',
      template: '/api/scenarios/{id}',
      path: () => '/api/scenarios/fraud-scoring',
      allowed: ['organiser', 'candidate', 'interviewer', 'observer'],
      forbidden: ['otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'get',
      template: '/api/sessions/{id}',
      path: () => `/api/sessions/${fraud.id}`,
      allowed: ['organiser', 'candidate', 'interviewer', 'observer'],
      forbidden: ['otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'post',
      template: '/api/sessions/{id}/phase',
      path: () => `/api/sessions/${fraud.id}/phase`,
      body: '{"phase":"design"}',
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherInterviewer'],
    },
    {
      method: 'post',
      template: '/api/sessions/{id}/tickets',
      path: () => `/api/sessions/${fraud.id}/tickets`,
      allowed: ['organiser', 'candidate', 'interviewer', 'observer'],
      forbidden: ['otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'get',
      template: '/api/sessions/{id}/revisions',
      path: () => `/api/sessions/${fraud.id}/revisions`,
      allowed: ['organiser', 'interviewer', 'candidate', 'observer'],
      forbidden: ['otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'post',
      template: '/api/sessions/{id}/revisions',
      path: () => `/api/sessions/${fraud.id}/revisions`,
      body: '{"label":"From the matrix"}',
      allowed: ['organiser', 'interviewer', 'candidate'],
      forbidden: ['observer', 'otherCandidate', 'otherInterviewer'],
    },
    // Looking back: the candidate only once the replay is shared (it is not, here).
    {
      method: 'get',
      template: '/api/sessions/{id}/revisions/{revId}/records',
      path: () => `/api/sessions/${fraud.id}/revisions/${revisionId}/records`,
      allowed: ['organiser', 'interviewer', 'observer'],
      forbidden: ['candidate', 'otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'post',
      template: '/api/sessions/{id}/revisions/{revId}/restore',
      path: () => `/api/sessions/${fraud.id}/revisions/${revisionId}/restore`,
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherInterviewer'],
    },
    {
      method: 'get',
      template: '/api/sessions/{id}/records',
      path: () => `/api/sessions/${fraud.id}/records?at=1`,
      allowed: ['organiser', 'interviewer', 'observer'],
      forbidden: ['candidate', 'otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'get',
      template: '/api/sessions/{id}/diff',
      path: () => `/api/sessions/${fraud.id}/diff?from=${revisionId}&to=${revisionId}`,
      allowed: ['organiser', 'interviewer', 'observer'],
      forbidden: ['candidate', 'otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'get',
      template: '/api/sessions/{id}/replay',
      path: () => `/api/sessions/${fraud.id}/replay`,
      allowed: ['organiser', 'interviewer', 'observer'],
      forbidden: ['candidate', 'otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'get',
      template: '/api/sessions/{id}/replay/share',
      path: () => `/api/sessions/${fraud.id}/replay/share`,
      allowed: ['organiser', 'interviewer', 'candidate', 'observer'],
      forbidden: ['otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'post',
      template: '/api/sessions/{id}/replay/share',
      path: () => `/api/sessions/${fraud.id}/replay/share`,
      body: '{"shared":false}',
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherInterviewer'],
    },
    {
      method: 'get',
      template: '/api/sessions/{id}/report',
      path: () => `/api/sessions/${fraud.id}/report`,
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherInterviewer'],
    },
    // The analysis: the candidate and observers only once it is shown (it is not, here).
    {
      method: 'get',
      template: '/api/sessions/{id}/analysis',
      path: () => `/api/sessions/${fraud.id}/analysis`,
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'get',
      template: '/api/sessions/{id}/analysis/state',
      path: () => `/api/sessions/${fraud.id}/analysis/state`,
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherCandidate', 'otherInterviewer'],
    },
    {
      method: 'post',
      template: '/api/sessions/{id}/analysis/share',
      path: () => `/api/sessions/${fraud.id}/analysis/share`,
      body: '{"shown":false}',
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherInterviewer'],
    },
    {
      method: 'post',
      template: '/api/sessions/{id}/what-if',
      path: () => `/api/sessions/${fraud.id}/what-if`,
      body: '{"clear":true}',
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherInterviewer'],
    },
    {
      method: 'get',
      template: '/api/scenarios/{id}/guidance',
      path: () => '/api/scenarios/fraud-scoring/guidance',
      allowed: ['organiser', 'interviewer'],
      forbidden: ['candidate', 'observer', 'otherInterviewer', 'otherCandidate'],
    },
  ]

  it('covers every operation of the OpenAPI document that takes a token', () => {
    const secured = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => (op as { security?: unknown[] }).security?.length)
        .map(([method]) => `${method} ${path}`),
    )
    expect(routes.map((r) => `${r.method} ${r.template}`).sort()).toEqual(secured.sort())
  })

  for (const route of routes)
    it(`${route.method.toUpperCase()} ${route.template}: allowed, 403 for other roles and sessions, 401 without a valid token`, async () => {
      const call = async (who: Who) => {
        const token = tokenOf(who)
        const response = await fetch(`${server.url}${route.path()}`, {
          method: route.method.toUpperCase(),
          headers: {
            ...(token ? bearer(token) : {}),
            ...(route.body ? { 'content-type': 'application/json' } : {}),
          },
          body: route.body,
        })
        await response.body?.cancel()
        // Whatever it answers is in its contract.
        expect(
          Object.keys(doc.paths[route.template][route.method].responses),
          `${who}: ${response.status}`,
        ).toContain(String(response.status))
        return response.status
      }
      for (const who of route.allowed) expect(await call(who), who).toBeLessThan(300)
      for (const who of route.forbidden) expect(await call(who), who).toBe(403)
      for (const who of ['none', 'unknown'] as const) expect(await call(who), who).toBe(401)
    })

  it('serves no scenario route without a token', async () => {
    const fresh = await start()
    expect((await fetch(`${fresh.url}/api/scenarios`)).status).toBe(401)
    expect((await fetch(`${fresh.url}/api/scenarios/fraud-scoring`)).status).toBe(401)
  })
})

describe('logs', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('never contain a token, even when a request that carries one fails on the server', async () => {
    const lines: string[] = []
    // Every line the server writes: its JSON log (at the most verbose level) and the console.
    const server = await startTestServer(
      { LOG_LEVEL: 'trace' },
      { logDestination: { write: (line: string) => void lines.push(line) } },
    )
    servers.push(server)
    const session = await createSession(server.url)
    const token = session.token('candidate')
    for (const method of ['log', 'info', 'warn', 'error'] as const)
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '))
      })
    // Storage gone: every token lookup throws and the request answers 500, which is logged.
    await server.storage.close()
    const failed = await fetch(`${server.url}/api/sessions/${session.id}/access?token=${token}`, {
      headers: bearer(token),
    })
    expect(failed.status).toBe(500)
    const organiserFailed = await fetch(`${server.url}/api/sessions?admin=${TEST_ADMIN_TOKEN}`, {
      method: 'POST',
      headers: { ...bearer(TEST_ADMIN_TOKEN), 'content-type': 'application/json' },
      body: '{}',
    })
    expect(organiserFailed.status).toBe(500)
    // The failures were logged, with the request's id, through the JSON log.
    expect(
      lines.filter((line) => line.includes('"request failed"') && line.includes('"requestId"')),
    ).toHaveLength(2)
    const logged = lines.join('\n')
    expect(logged).not.toContain(token)
    expect(logged).not.toContain(TEST_ADMIN_TOKEN)
    expect(logged).not.toContain(hashSecret(token))
  })
})

describe('retention', () => {
  it('deletes sessions older than RETENTION_DAYS with their tokens, logs and checkpoints at start, and audits it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scaleboard-retention-'))
    const storage = await openSqliteStorage({ dataDir })
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000).toISOString()
    const record = (id: string, createdAt: string) => ({
      id,
      title: id,
      scenarioId: null,
      level: null,
      candidateName: null,
      createdAt,
      phaseMinutes: null,
    })
    await storage.createSession(record('old-session-0001', daysAgo(10)), {
      candidate: hashSecret('old-candidate-token'),
      interviewer: hashSecret('old-interviewer-token'),
      observer: hashSecret('old-observer-token'),
    })
    await storage.createSession(record('new-session-0001', daysAgo(2)), {
      candidate: hashSecret('new-candidate-token'),
      interviewer: hashSecret('new-interviewer-token'),
      observer: hashSecret('new-observer-token'),
    })
    const author = { sessionId: 'x', role: 'system' as const, userId: null }
    for (const doc of ['old-session-0001', 'old-session-0001/annotations', 'new-session-0001']) {
      await storage.appendUpdates(doc, [{ at: 1, author, update: new Uint8Array([1]) }])
      await storage.saveCheckpoint(doc, { seq: 1, at: 1, state: new Uint8Array([2]) })
    }
    await storage.close()

    const server = await start({ DATA_DIR: dataDir, RETENTION_DAYS: '7' })
    const access = (id: string, token: string) =>
      fetch(`${server.url}/api/sessions/${id}/access`, { headers: bearer(token) }).then((r) => r.status)
    expect(await access('old-session-0001', 'old-candidate-token')).toBe(401)
    expect(await access('new-session-0001', 'new-candidate-token')).toBe(200)
    expect(await server.storage.getSession('old-session-0001')).toBeNull()
    for (const doc of ['old-session-0001', 'old-session-0001/annotations'])
      expect(await server.storage.loadLatest(doc), doc).toEqual({ checkpoint: null, updates: [] })
    expect((await server.storage.loadLatest('new-session-0001')).checkpoint?.seq).toBe(1)
    const audit = await server.storage.listAudit(10)
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: 'retention',
          action: 'session.deleted',
          sessionId: 'old-session-0001',
        }),
      ]),
    )
    expect(audit.some((entry) => entry.sessionId === 'new-session-0001')).toBe(false)
  })

  it('audits sessions the organiser creates', async () => {
    const server = await start()
    const session = await createSession(server.url)
    expect(await server.storage.listAudit(5)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'organiser', action: 'session.created', sessionId: session.id }),
      ]),
    )
  })
})
