import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Readiness } from '../observability/readiness.ts'

/** A dependency check: resolves when the dependency answers, throws (with a reason) when not. */
export type HealthCheck = () => Promise<void>

export interface HealthChecks {
  /** The database answers, and every board can write its update log. */
  database: HealthCheck
  /** Redis answers (only when the server uses it: REDIS_URL). */
  redis?: HealthCheck
  /** This instance's name, echoed so a probe through a balancer knows whom it reached. */
  instance?: string
  /** A check that has not answered by then counts as down: probes must answer in time. */
  timeoutMs?: number
}

const DEFAULT_CHECK_TIMEOUT_MS = 2_000

/** 'ok', or why not: a message fit for an operator. */
async function outcome(check: HealthCheck, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs)
  })
  try {
    return await Promise.race([
      // A check that throws before its promise exists is as down as one that rejects.
      Promise.resolve()
        .then(check)
        .then(
          () => 'ok',
          (error: unknown) => String((error as Error)?.message ?? error) || 'failed',
        ),
      timedOut,
    ])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * GET /healthz: `{ status: 'ok'|'unavailable', database: 'ok'|reason, redis?: 'ok'|reason,
 * instance? }`, 200 when every dependency answers, 503 otherwise. What monitoring watches.
 */
export function registerHealthRoute(app: OpenAPIHono, checks: HealthChecks): void {
  const timeoutMs = checks.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS
  app.get('/healthz', async (c) => {
    const [database, redis] = await Promise.all([
      outcome(checks.database, timeoutMs),
      checks.redis ? outcome(checks.redis, timeoutMs) : undefined,
    ])
    const healthy = database === 'ok' && (redis === undefined || redis === 'ok')
    return c.json(
      {
        status: healthy ? 'ok' : 'unavailable',
        database,
        ...(redis === undefined ? {} : { redis }),
        ...(checks.instance ? { instance: checks.instance } : {}),
      },
      healthy ? 200 : 503,
      { 'cache-control': 'no-store' },
    )
  })
}

/**
 * GET /readyz: 200 `{ ready: true }` while this instance should get traffic; 503 `{ ready: false,
 * reason }` before it serves, once it drains (SIGTERM), or while the database does not answer.
 * What a balancer or orchestrator routes by during rolling restarts.
 */
export function registerReadyRoute(
  app: OpenAPIHono,
  {
    readiness,
    database,
    timeoutMs = DEFAULT_CHECK_TIMEOUT_MS,
  }: {
    readiness: Readiness
    database: HealthCheck
    timeoutMs?: number
  },
): void {
  app.get('/readyz', async (c) => {
    const headers = { 'cache-control': 'no-store' }
    if (!readiness.ready) return c.json({ ready: false, reason: readiness.state }, 503, headers)
    const problem = await outcome(database, timeoutMs)
    if (problem !== 'ok') return c.json({ ready: false, reason: `database: ${problem}` }, 503, headers)
    return c.json({ ready: true }, 200, headers)
  })
}
