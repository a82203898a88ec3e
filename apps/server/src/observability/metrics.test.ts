import { register as globalRegistry } from 'prom-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMetrics, type Metrics } from './metrics.ts'
import { startMetricsServer } from './metricsServer.ts'
import { observedApp, type ServedApp, serveOnLoopback } from './testing.ts'

const METRICS_TOKEN = 'metrics-token-0123456789abcdef'

const METRIC_NAMES = [
  'scaleboard_rooms',
  'scaleboard_connections',
  'scaleboard_updates_total',
  'scaleboard_logged_updates_total',
  'scaleboard_log_append_seconds',
  'scaleboard_checkpoint_seconds',
  'scaleboard_bus_lag_seconds',
  'scaleboard_errors_total',
  'scaleboard_rejected_frames_total',
  'scaleboard_http_requests_total',
  'scaleboard_http_request_duration_seconds',
  // collectDefaultMetrics
  'process_cpu_seconds_total',
  'nodejs_eventloop_lag_seconds',
]

const databaseUp = async () => {}

/**
 * The value of one series (`name{a="1",b="2"}`, labels in any order, as prom-client orders them
 * its own way), or undefined when the scrape has no such sample line.
 */
function sample(text: string, series: string): number | undefined {
  const key = (name: string, labels: string) =>
    `${name}{${labels.split(',').filter(Boolean).sort().join(',')}}`
  const [, name, labels = ''] = /^([^{]+)(?:\{(.*)\})?$/.exec(series) ?? []
  const wanted = key(name, labels)
  for (const line of text.split('\n')) {
    const match = /^([^{\s]+)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (match && key(match[1], match[2] ?? '') === wanted) return Number(match[3])
  }
  return undefined
}

describe('/metrics on the main port', () => {
  let metrics: Metrics
  let served: ServedApp
  let rooms = 3
  beforeAll(async () => {
    metrics = createMetrics({
      instanceId: 'test-1',
      rooms: () => rooms,
      connections: () => ({ candidate: 1, interviewer: 2, observer: 5 }),
    })
    served = await serveOnLoopback(observedApp({ metrics, metricsToken: METRICS_TOKEN }, databaseUp))
  })
  afterAll(() => served.close())

  const scrape = (authorization?: string) =>
    fetch(`${served.url}/metrics`, { headers: authorization ? { authorization } : {} })

  it('refuses a scrape without the token, or with a wrong one (401)', async () => {
    const missing = await scrape()
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect((await scrape(`Bearer ${METRICS_TOKEN}x`)).status).toBe(401)
    expect((await scrape(`Bearer ${METRICS_TOKEN.slice(0, -1)}`)).status).toBe(401)
    expect((await scrape(`Basic ${METRICS_TOKEN}`)).status).toBe(401)
  })

  it('serves every metric in Prometheus text format, labelled with the instance', async () => {
    const response = await scrape(`Bearer ${METRICS_TOKEN}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await response.text()
    for (const name of METRIC_NAMES) expect(text, name).toContain(`# TYPE ${name} `)
    expect(sample(text, 'scaleboard_rooms{instance="test-1"}')).toBe(3)
    expect(sample(text, 'scaleboard_connections{role="observer",instance="test-1"}')).toBe(5)
    expect(sample(text, 'scaleboard_connections{role="interviewer",instance="test-1"}')).toBe(2)
  })

  it('reads the gauges at scrape time', async () => {
    rooms = 7
    const text = await (await scrape(`Bearer ${METRICS_TOKEN}`)).text()
    expect(sample(text, 'scaleboard_rooms{instance="test-1"}')).toBe(7)
  })

  it('counts what rooms, the bus and the upgrade path report', async () => {
    const observer = metrics.roomObserver
    observer.updateAccepted()
    observer.updateAccepted()
    observer.appended(5, 0.004)
    observer.checkpointed(0.2)
    observer.frameRejected(4413)
    metrics.rejectedFrame(1009)
    metrics.rejectedFrame(401)
    metrics.rejectedFrame(123_456)
    metrics.busLag(0.003)
    observer.failed('could not append 3 updates (3 in this attempt); retrying')
    observer.failed('could not write a checkpoint')
    metrics.error('closing room abcdefghijklmnopqrstuv')
    metrics.error('bus')
    metrics.error('something nobody foresaw')
    const text = await (await scrape(`Bearer ${METRICS_TOKEN}`)).text()
    expect(sample(text, 'scaleboard_updates_total{instance="test-1"}')).toBe(2)
    expect(sample(text, 'scaleboard_logged_updates_total{instance="test-1"}')).toBe(5)
    expect(sample(text, 'scaleboard_log_append_seconds_count{instance="test-1"}')).toBe(1)
    expect(sample(text, 'scaleboard_log_append_seconds_bucket{le="0.005",instance="test-1"}')).toBe(1)
    expect(sample(text, 'scaleboard_log_append_seconds_bucket{le="0.0025",instance="test-1"}')).toBe(0)
    expect(sample(text, 'scaleboard_checkpoint_seconds_count{instance="test-1"}')).toBe(1)
    expect(sample(text, 'scaleboard_bus_lag_seconds_count{instance="test-1"}')).toBe(1)
    for (const code of ['4413', '1009', '401', 'other'])
      expect(sample(text, `scaleboard_rejected_frames_total{code="${code}",instance="test-1"}`), code).toBe(1)
    for (const context of ['log', 'checkpoint', 'room', 'bus', 'other'])
      expect(sample(text, `scaleboard_errors_total{context="${context}",instance="test-1"}`), context).toBe(1)
    // Free text never becomes a label value: the set stays bounded.
    expect(text).not.toContain('abcdefghijklmnopqrstuv')
    expect(text).not.toContain('nobody foresaw')
  })

  it('counts HTTP requests by method and status, timed by route pattern, never by path', async () => {
    const sessionId = 'zyxwvutsrqponmlkjihgfe'
    expect((await fetch(`${served.url}/api/sessions/${sessionId}/access`)).status).toBe(200)
    expect((await fetch(`${served.url}/api/fail`)).status).toBe(500)
    const text = await (await scrape(`Bearer ${METRICS_TOKEN}`)).text()
    expect(sample(text, 'scaleboard_http_requests_total{method="GET",status="500",instance="test-1"}')).toBe(
      1,
    )
    expect(
      sample(text, 'scaleboard_http_requests_total{method="GET",status="401",instance="test-1"}'),
    ).toBeGreaterThanOrEqual(4)
    expect(
      sample(
        text,
        'scaleboard_http_request_duration_seconds_count{method="GET",route="/api/sessions/:id/access",instance="test-1"}',
      ),
    ).toBe(1)
    expect(text).not.toContain(sessionId)
    // An error the handler did not expect is one of the server's own failures.
    expect(sample(text, 'scaleboard_errors_total{context="http",instance="test-1"}')).toBe(1)
  })

  it('is not the web app page, and has no other methods', async () => {
    const post = await fetch(`${served.url}/metrics`, {
      method: 'POST',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    })
    expect(post.status).toBe(405)
  })
})

describe('/metrics without METRICS_TOKEN', () => {
  it('answers 404 on the main port, with or without a bearer token, not the web app', async () => {
    const metrics = createMetrics({ rooms: () => 0, connections: () => 0, defaultMetrics: false })
    const served = await serveOnLoopback(observedApp({ metrics }, databaseUp))
    try {
      const attempts: Array<Record<string, string>> = [{}, { authorization: `Bearer ${METRICS_TOKEN}` }]
      for (const headers of attempts) {
        const response = await fetch(`${served.url}/metrics`, { headers })
        expect(response.status).toBe(404)
        expect((await response.json()).error.code).toBe('not_found')
      }
      // The catch-all still serves the app elsewhere: the 404 is /metrics' own.
      expect((await fetch(`${served.url}/s/abcdefgh`)).status).toBe(200)
    } finally {
      await served.close()
    }
  })

  it('answers 404 when the app has no metrics at all, token or not', async () => {
    const served = await serveOnLoopback(observedApp({ metricsToken: METRICS_TOKEN }, databaseUp))
    try {
      const response = await fetch(`${served.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      })
      expect(response.status).toBe(404)
    } finally {
      await served.close()
    }
  })
})

describe('METRICS_PORT: a separate scrape server', () => {
  it('serves /metrics without a token on its own port, and nothing else', async () => {
    const metrics = createMetrics({ instanceId: 'scrape-port', rooms: () => 2, connections: () => 4 })
    const server = await startMetricsServer({ host: '127.0.0.1', port: 0, registry: metrics.registry })
    try {
      expect(server.port).toBeGreaterThan(0)
      const base = `http://127.0.0.1:${server.port}`
      const response = await fetch(`${base}/metrics`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
      const text = await response.text()
      expect(sample(text, 'scaleboard_rooms{instance="scrape-port"}')).toBe(2)
      // A plain number is one series without a role label.
      expect(sample(text, 'scaleboard_connections{instance="scrape-port"}')).toBe(4)
      expect((await fetch(`${base}/metrics?x=1`)).status).toBe(200)
      expect((await fetch(`${base}/`)).status).toBe(404)
      expect((await fetch(`${base}/healthz`)).status).toBe(404)
      expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405)
    } finally {
      await server.close()
    }
  })

  it('fails to start on a port that is taken', async () => {
    const metrics = createMetrics({ rooms: () => 0, connections: () => 0, defaultMetrics: false })
    const first = await startMetricsServer({ host: '127.0.0.1', port: 0, registry: metrics.registry })
    try {
      await expect(
        startMetricsServer({ host: '127.0.0.1', port: first.port, registry: metrics.registry }),
      ).rejects.toThrow(/EADDRINUSE/)
    } finally {
      await first.close()
    }
  })
})

describe('registries', () => {
  it('keeps each instance on its own registry, never the global one', async () => {
    const a = createMetrics({ instanceId: 'a', rooms: () => 1, connections: () => 0 })
    const b = createMetrics({ instanceId: 'b', rooms: () => 2, connections: () => 0 })
    a.roomObserver.updateAccepted()
    expect(sample(await a.registry.metrics(), 'scaleboard_updates_total{instance="a"}')).toBe(1)
    expect(sample(await b.registry.metrics(), 'scaleboard_updates_total{instance="b"}')).toBe(0)
    expect(await globalRegistry.metrics()).not.toContain('scaleboard_')
  })

  it('never throws into a room on odd values', () => {
    const metrics = createMetrics({ rooms: () => 0, connections: () => 0, defaultMetrics: false })
    expect(() => metrics.roomObserver.appended(Number.NaN, Number.NaN)).not.toThrow()
    expect(() => metrics.busLag(Number.POSITIVE_INFINITY)).not.toThrow()
    expect(() => metrics.roomObserver.checkpointed(-1)).not.toThrow()
  })

  it('still scrapes the rest when a gauge source throws', async () => {
    const metrics = createMetrics({
      rooms: () => {
        throw new Error('registry gone')
      },
      connections: () => 3,
      defaultMetrics: false,
    })
    metrics.roomObserver.updateAccepted()
    const text = await metrics.registry.metrics()
    expect(sample(text, 'scaleboard_updates_total')).toBe(1)
    expect(sample(text, 'scaleboard_connections')).toBe(3)
  })
})
