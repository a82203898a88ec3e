import type { RoomObserver } from '@scaleboard/sync-room'
import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { errorContextOf } from './logger.ts'

export interface MetricsOptions {
  /** INSTANCE_ID: every series gets `instance="<id>"` (registry default label) when given. */
  instanceId?: string
  /** Rooms loaded now (RoomRegistry.loadedRoomCount). */
  rooms: () => number
  /** Open sync sockets now: a total, or counts by role (`{ candidate: 1, observer: 3 }`). */
  connections: () => number | Record<string, number>
  /** Process metrics (CPU, memory, event loop lag, GC): on unless a test turns them off. */
  defaultMetrics?: boolean
}

/**
 * What the server reports to Prometheus. Everything sits on its own registry, never prom-client's
 * global one, so two servers in one process (tests, the scale-out harness) do not mix.
 */
export interface Metrics {
  readonly registry: Registry
  /** Hand to RoomRegistry/Room (`observer`): updates, log appends, checkpoints, rejections, failures. */
  readonly roomObserver: RoomObserver
  /** A bus message arrived `seconds` after another instance published it. */
  busLag(seconds: number): void
  /** A WebSocket frame or connection was refused: its close code (1000–4999) or HTTP status (400–599). */
  rejectedFrame(code: number): void
  /** A failure of the server's own (free text is mapped to a fixed context, see errorContextOf). */
  error(context: string): void
  /** Counts and times every HTTP request by method, status and route pattern. */
  readonly httpMiddleware: MiddlewareHandler
  /** The text Prometheus scrapes, and its content type. */
  scrape(): Promise<{ contentType: string; body: string }>
}

// Log appends and checkpoints are single round trips to a local database: milliseconds, with a
// tail into seconds when the disk or the network stalls.
const DB_WRITE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
// Redis pub/sub between instances on one network: sub-millisecond to tens of milliseconds.
const BUS_LAG_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
const HTTP_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** HTTP methods worth their own label value; any other (rare, client-chosen) counts as OTHER. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

export function createMetrics({
  instanceId,
  rooms,
  connections,
  defaultMetrics = true,
}: MetricsOptions): Metrics {
  const registry = new Registry()
  if (instanceId) registry.setDefaultLabels({ instance: instanceId })
  if (defaultMetrics) collectDefaultMetrics({ register: registry })
  const registers = [registry]

  new Gauge({
    name: 'scaleboard_rooms',
    help: 'Boards loaded in memory on this instance.',
    registers,
    collect() {
      const count = read(rooms)
      if (count !== undefined) this.set(count)
    },
  })
  new Gauge({
    name: 'scaleboard_connections',
    help: 'Open sync WebSockets on this instance (by role when known).',
    labelNames: ['role'],
    registers,
    collect() {
      const counts = read(connections)
      this.reset()
      if (counts === undefined) return
      if (typeof counts === 'number') this.set(counts)
      else for (const [role, count] of Object.entries(counts)) this.set({ role }, count)
    },
  })
  const updates = new Counter({
    name: 'scaleboard_updates_total',
    help: 'Client updates accepted and applied to a board.',
    registers,
  })
  const loggedUpdates = new Counter({
    name: 'scaleboard_logged_updates_total',
    help: 'Updates written to the update log.',
    registers,
  })
  const logAppend = new Histogram({
    name: 'scaleboard_log_append_seconds',
    help: 'Time to append one batch of updates to the log.',
    buckets: DB_WRITE_BUCKETS,
    registers,
  })
  const checkpoint = new Histogram({
    name: 'scaleboard_checkpoint_seconds',
    help: 'Time to compute and write one checkpoint.',
    buckets: DB_WRITE_BUCKETS,
    registers,
  })
  const busLag = new Histogram({
    name: 'scaleboard_bus_lag_seconds',
    help: 'Time from publish on one instance to receipt on this one.',
    buckets: BUS_LAG_BUCKETS,
    registers,
  })
  const errors = new Counter({
    name: 'scaleboard_errors_total',
    help: 'Failures of the server itself (log, checkpoint, bus, room, sync, http, database, redis, other).',
    labelNames: ['context'],
    registers,
  })
  const rejected = new Counter({
    name: 'scaleboard_rejected_frames_total',
    help: 'WebSocket frames or connections refused, by close code (or HTTP status for refused upgrades).',
    labelNames: ['code'],
    registers,
  })
  const httpRequests = new Counter({
    name: 'scaleboard_http_requests_total',
    help: 'HTTP requests answered, by method and status.',
    labelNames: ['method', 'status'],
    registers,
  })
  const httpDuration = new Histogram({
    name: 'scaleboard_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern (never the path itself).',
    labelNames: ['method', 'route'],
    buckets: HTTP_BUCKETS,
    registers,
  })

  const countError = (context: string) => errors.inc({ context: errorContextOf(context) })
  // Every method swallows its own failures: RoomObserver's contract is "must not throw".
  const safely =
    <A extends unknown[]>(record: (...args: A) => void) =>
    (...args: A) => {
      try {
        record(...args)
      } catch {}
    }

  const roomObserver: RoomObserver = {
    updateAccepted: safely(() => updates.inc()),
    appended: safely((count: number, seconds: number) => {
      logAppend.observe(seconds)
      if (count > 0) loggedUpdates.inc(count)
    }),
    checkpointed: safely((seconds: number) => checkpoint.observe(seconds)),
    frameRejected: safely((code: number) => rejected.inc({ code: codeLabel(code) })),
    failed: safely(countError),
  }

  const httpMiddleware: MiddlewareHandler = async function httpMetricsMiddleware(c, next) {
    const started = performance.now()
    await next()
    const method = KNOWN_METHODS.has(c.req.method) ? c.req.method : 'OTHER'
    httpRequests.inc({ method, status: String(c.res.status) })
    // The pattern of the handler that answered ('/api/sessions/:id', '*' for the web app): bounded.
    httpDuration.observe({ method, route: routePath(c) || 'none' }, (performance.now() - started) / 1000)
  }

  return {
    registry,
    roomObserver,
    busLag: safely((seconds: number) => {
      if (Number.isFinite(seconds)) busLag.observe(Math.max(0, seconds))
    }),
    rejectedFrame: roomObserver.frameRejected,
    error: safely(countError),
    httpMiddleware,
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() }
    },
  }
}

/** A gauge's source, or undefined when it throws: one broken source must not fail the whole scrape. */
function read<T>(source: () => T): T | undefined {
  try {
    return source()
  } catch {
    return undefined
  }
}

/** Close codes and HTTP statuses as they are; anything else one value, so labels stay bounded. */
function codeLabel(code: number): string {
  return Number.isInteger(code) && ((code >= 1000 && code <= 4999) || (code >= 400 && code <= 599))
    ? String(code)
    : 'other'
}
