import type { OpenAPIHono } from '@hono/zod-openapi'
import type { ErrorHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { apiErrorBody } from '../http/errors.ts'
import { type HealthCheck, registerHealthRoute, registerReadyRoute } from '../routes/health.ts'
import { registerMetricsRoute } from '../routes/metrics.ts'
import type { Logger } from './logger.ts'
import type { Metrics } from './metrics.ts'
import { createReadiness, type Readiness } from './readiness.ts'
import { logOf, requestContext } from './requestContext.ts'

/**
 * What the server hands createApp for observability. Every part is optional: without a logger
 * the app logs nothing (each request still gets an id); without metrics or a token /metrics is 404.
 */
export interface AppObservability {
  /** logger.ts `createLogger`: one access line per request, and each 500 with its stack. */
  logger?: Logger
  /** metrics.ts `createMetrics`: HTTP requests counted and timed; served at /metrics. */
  metrics?: Metrics
  /** METRICS_TOKEN: /metrics on the main port requires it as a bearer token; unset, /metrics is 404. */
  metricsToken?: string
  /** INSTANCE_ID, echoed by /healthz. */
  instanceId?: string
  /** readiness.ts: /readyz is 503 until `markReady()` and after `draining()`. Absent: always ready. */
  readiness?: Readiness
  /** Redis answers (REDIS_URL set): /healthz reports it as `redis`. */
  redis?: HealthCheck
  /** How long /healthz and /readyz wait for a check before calling it down (default 2 s). */
  checkTimeoutMs?: number
}

/**
 * The first things the app does with a request: give it an id and a logger (requestContext), count
 * and time it (metrics), and log our own failures (not 4xx HTTPExceptions) with the request id
 * before answering 500. Call before any other middleware; `fallback` answers everything else.
 */
export function observeRequests(
  app: OpenAPIHono,
  { logger, metrics }: AppObservability,
  fallback: ErrorHandler,
): void {
  app.onError((error, c) => {
    if (error instanceof HTTPException) return fallback(error, c)
    metrics?.error('http')
    if (!logger) return fallback(error, c)
    logOf(c).error({ err: error }, 'request failed')
    return c.json(apiErrorBody('internal', 'Something went wrong on the server. It has been logged.'), 500)
  })
  app.use(requestContext(logger))
  if (metrics) app.use(metrics.httpMiddleware)
}

/** The server's database checks, for the probes. */
export interface DatabaseChecks {
  /** /healthz: the database answers, and every board can write its update log. */
  database: HealthCheck
  /**
   * /readyz: the database answers. Narrower than `database` on purpose: one board that cannot write
   * its log must not take the instance out of rotation for every other session.
   */
  reachable: HealthCheck
}

/**
 * /healthz (database, Redis), /readyz (readiness, database reachable) and /metrics
 * (token-protected), outside /api so no rate limit or grant applies.
 */
export function registerProbeRoutes(
  app: OpenAPIHono,
  { database, reachable }: DatabaseChecks,
  { metrics, metricsToken, instanceId, readiness, redis, checkTimeoutMs }: AppObservability,
): void {
  registerHealthRoute(app, { database, redis, instance: instanceId, timeoutMs: checkTimeoutMs })
  registerReadyRoute(app, {
    readiness: readiness ?? createReadiness({ ready: true }),
    database: reachable,
    timeoutMs: checkTimeoutMs,
  })
  registerMetricsRoute(app, { metrics, token: metricsToken })
}
