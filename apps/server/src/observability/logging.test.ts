import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorReporter, loggablePath } from './logger.ts'
import { createMetrics } from './metrics.ts'
import { upgradeLogger } from './requestContext.ts'
import { capturedLogger, observedApp, type ServedApp, serveOnLoopback } from './testing.ts'

const METRICS_TOKEN = 'metrics-token-0123456789abcdef'
const SESSION_ID = 'Ab3dEf6hIj9lMn2pQr5tUv'
// Shaped like the secrets the server hands out (43 characters of base64url) and easy to grep for.
const HEADER_TOKEN = 'HEADERtoken_0123456789abcdefghijklmnopqrstu'
const QUERY_TOKEN = 'QUERYtoken_0123456789abcdefghijklmnopqrstuv'
const QUERY_TICKET = 'QUERYticket_0123456789abcdefghijklmnopqrstu'
const COOKIE_SECRET = 'COOKIEsecret_0123456789abcdefghijklmnopqrst'
const PATH_TOKEN = 'PATHtoken_0123456789abcdefghijklmnopqrstuvw'
const SECRETS = [HEADER_TOKEN, QUERY_TOKEN, QUERY_TICKET, COOKIE_SECRET, PATH_TOKEN, METRICS_TOKEN]
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('request ids and access lines', () => {
  const log = capturedLogger('debug')
  let served: ServedApp
  beforeAll(async () => {
    const metrics = createMetrics({ rooms: () => 0, connections: () => 0, defaultMetrics: false })
    served = await serveOnLoopback(
      observedApp({ logger: log.logger, metrics, metricsToken: METRICS_TOKEN }, async () => {}),
    )
  })
  afterAll(() => served.close())

  const accessLines = (requestId: string) =>
    log.lines.filter((line) => line.msg === 'request' && line.requestId === requestId)

  it('keeps a well-formed incoming X-Request-Id, in the response and the handler', async () => {
    const response = await fetch(`${served.url}/api/sessions/${SESSION_ID}/access`, {
      headers: { 'x-request-id': 'nginx-7f3a.b_9' },
    })
    expect(response.headers.get('x-request-id')).toBe('nginx-7f3a.b_9')
    expect((await response.json()).requestId).toBe('nginx-7f3a.b_9')
    // The handler's own line carries the id too.
    expect(log.lines.find((line) => line.msg === 'access checked')).toMatchObject({
      requestId: 'nginx-7f3a.b_9',
      instance: 'test-instance',
      sessionId: SESSION_ID,
    })
  })

  it('generates an id when there is none or it is not well formed', async () => {
    const seen = new Set<string>()
    for (const incoming of [undefined, '', 'has space', 'x'.repeat(65), 'semi;colon', 'ünï']) {
      const response = await fetch(`${served.url}/s/${SESSION_ID}`, {
        headers: incoming === undefined ? {} : { 'x-request-id': incoming },
      })
      const id = response.headers.get('x-request-id') ?? ''
      expect(id, String(incoming)).toMatch(UUID)
      seen.add(id)
    }
    expect(seen.size).toBe(6)
  })

  it('writes one access line per request: method, route, path, status, duration, id', async () => {
    const response = await fetch(`${served.url}/api/sessions/${SESSION_ID}/access`, {
      headers: { 'x-request-id': 'one-line' },
    })
    expect(response.status).toBe(200)
    const lines = accessLines('one-line')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: 'info',
      instance: 'test-instance',
      method: 'GET',
      route: '/api/sessions/:id/access',
      path: `/api/sessions/${SESSION_ID}/access`,
      status: 200,
    })
    expect(typeof lines[0].durationMs).toBe('number')
    expect(typeof lines[0].time).toBe('string')
  })

  it('logs probes that succeed at debug, so an info log is not flooded by them; failed ones at info', async () => {
    const probe = async (path: string, id: string, authorization?: string) => {
      await fetch(`${served.url}${path}`, {
        headers: { 'x-request-id': id, ...(authorization ? { authorization } : {}) },
      })
      return accessLines(id)[0]
    }
    expect(await probe('/healthz', 'probe-healthz')).toMatchObject({ level: 'debug', status: 200 })
    expect(await probe('/readyz', 'probe-readyz')).toMatchObject({ level: 'debug', status: 200 })
    expect(await probe('/metrics', 'probe-metrics', `Bearer ${METRICS_TOKEN}`)).toMatchObject({
      level: 'debug',
      status: 200,
    })
    expect(await probe('/metrics', 'probe-unauthorized')).toMatchObject({ level: 'info', status: 401 })
  })

  it('never logs tokens: not the Authorization header, cookies, query strings or token-shaped paths', async () => {
    const headers = {
      authorization: `Bearer ${HEADER_TOKEN}`,
      cookie: `sid=${COOKIE_SECRET}`,
    }
    const requests: Array<[string, string]> = [
      ['redact-api', `/api/sessions/${SESSION_ID}/access?token=${QUERY_TOKEN}&ticket=${QUERY_TICKET}`],
      // A board link from before tokens moved to the fragment.
      ['redact-page', `/s/${SESSION_ID}?token=${QUERY_TOKEN}`],
      // Someone pasted a token into the path.
      ['redact-path', `/s/${PATH_TOKEN}`],
      ['redact-fail', `/api/fail?ticket=${QUERY_TICKET}`],
      ['redact-metrics', `/metrics?token=${QUERY_TOKEN}`],
    ]
    for (const [id, path] of requests) {
      const response = await fetch(`${served.url}${path}`, { headers: { ...headers, 'x-request-id': id } })
      expect(response.headers.get('x-request-id')).toBe(id)
    }
    // The metrics token itself, sent where it is checked, does not show either.
    await fetch(`${served.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}`, 'x-request-id': 'redact-scrape' },
    })
    const text = log.text()
    for (const secret of SECRETS) expect(text).not.toContain(secret)
    expect(text).not.toMatch(/[?&](token|ticket)=/)
    for (const [id] of requests) expect(accessLines(id), id).toHaveLength(1)
    expect(accessLines('redact-api')[0]).toMatchObject({
      path: `/api/sessions/${SESSION_ID}/access`,
      status: 200,
    })
    expect(accessLines('redact-page')[0]).toMatchObject({ path: `/s/${SESSION_ID}` })
    expect(accessLines('redact-path')[0]).toMatchObject({ path: '/s/:redacted' })
    expect(accessLines('redact-metrics')[0]).toMatchObject({ status: 401, route: '/metrics' })
    expect(text).toContain('"requestId":"redact-scrape"')
  })

  it("logs the server's own failure with its stack and the request id, and answers 500", async () => {
    const response = await fetch(`${served.url}/api/fail`, { headers: { 'x-request-id': 'it-broke' } })
    expect(response.status).toBe(500)
    expect((await response.json()).error.code).toBe('internal')
    const failure = log.lines.find((line) => line.msg === 'request failed' && line.requestId === 'it-broke')
    expect(failure).toMatchObject({ level: 'error', err: { message: 'the handler broke' } })
    expect(String((failure?.err as { stack?: string } | undefined)?.stack)).toContain('testing.ts')
    expect(accessLines('it-broke')[0]).toMatchObject({ level: 'warn', status: 500, route: '/api/fail' })
  })
})

describe('the logger', () => {
  it('redacts secret fields anyone passes by mistake', () => {
    const log = capturedLogger()
    log.logger.info(
      {
        headers: {
          authorization: `Bearer ${HEADER_TOKEN}`,
          cookie: COOKIE_SECRET,
          'set-cookie': COOKIE_SECRET,
        },
        req: { headers: { authorization: HEADER_TOKEN } },
        token: QUERY_TOKEN,
        grant: { ticket: QUERY_TICKET },
        kept: 'visible',
      },
      'careless',
    )
    const text = log.text()
    for (const secret of SECRETS) expect(text).not.toContain(secret)
    expect(log.lines[0]).toMatchObject({ kept: 'visible', token: '[redacted]', instance: 'test-instance' })
  })

  it('gives WebSocket upgrade URLs a loggable path: no ticket, token or user', () => {
    expect(loggablePath(`/sync/${SESSION_ID}?ticket=${QUERY_TICKET}&user=u1`)).toBe(`/sync/${SESSION_ID}`)
    expect(loggablePath(`/sync/${SESSION_ID}/annotations?token=${QUERY_TOKEN}`)).toBe(
      `/sync/${SESSION_ID}/annotations`,
    )
    expect(loggablePath(`/s/${SESSION_ID}#token=${QUERY_TOKEN}`)).toBe(`/s/${SESSION_ID}`)
    expect(loggablePath(`/sync/${PATH_TOKEN}`)).toBe('/sync/:redacted')
  })
})

describe('upgradeLogger: lines of the WebSocket upgrade path', () => {
  it('carry the request id and the path, never the ticket or token of the URL', () => {
    const log = capturedLogger()
    upgradeLogger(log.logger, {
      url: `/sync/${SESSION_ID}?ticket=${QUERY_TICKET}&token=${QUERY_TOKEN}&user=u1`,
      headers: { 'x-request-id': 'ws-upgrade-1', authorization: `Bearer ${HEADER_TOKEN}` },
    }).info({ role: 'candidate' }, 'joined')
    upgradeLogger(log.logger, { url: `/sync/${SESSION_ID}`, headers: {} }).warn('refused')
    expect(log.lines[0]).toMatchObject({
      requestId: 'ws-upgrade-1',
      path: `/sync/${SESSION_ID}`,
      msg: 'joined',
    })
    expect(log.lines[1].requestId).toMatch(UUID)
    for (const secret of SECRETS) expect(log.text()).not.toContain(secret)
  })
})

describe('errorReporter: the onError adapter for rooms, the bus and the upgrade path', () => {
  it('logs the failure under its component and counts it by a fixed context', async () => {
    const log = capturedLogger()
    const metrics = createMetrics({ rooms: () => 0, connections: () => 0, defaultMetrics: false })
    const report = errorReporter({
      logger: log.logger,
      component: 'room',
      count: metrics.error,
      isRoutine: (error) => error instanceof RangeError,
    })
    report(new Error('disk full'), 'could not append 4 updates (4 in this attempt); retrying')
    report(new RangeError('frame too big'), 'closing connection of candidate: frame too big')
    expect(log.lines[0]).toMatchObject({
      level: 'error',
      component: 'room',
      context: 'could not append 4 updates (4 in this attempt); retrying',
      err: { message: 'disk full' },
    })
    expect(log.lines[1]).toMatchObject({ level: 'warn', component: 'room', reason: 'frame too big' })
    expect(log.lines[1].err).toBeUndefined()
    const text = await metrics.registry.metrics()
    expect(text).toContain('scaleboard_errors_total{context="log"} 1')
    // The routine one is a client's fault, not the server's.
    expect(text).not.toContain('context="room"')
  })
})
