import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Context, MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import { type Logger, loggablePath, silentLogger } from './logger.ts'

/** Context variables every request has once `requestContext` ran. */
export type ObservabilityEnv = { Variables: { requestId: string; log: Logger } }

export const REQUEST_ID_HEADER = 'x-request-id'

/** What a proxy or client may choose as the request id; anything else is replaced by our own. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

/** Paths probed every few seconds: answered fine, they are logged at debug, not to drown the rest. */
const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics'])

export function requestIdOf(incoming: string | undefined): string {
  return incoming !== undefined && WELL_FORMED_REQUEST_ID.test(incoming) ? incoming : randomUUID()
}

/**
 * First middleware of the app: gives the request its id (the caller's well-formed `X-Request-Id`,
 * e.g. nginx's `$request_id`, or a new UUID), echoes it in the response, puts a child logger
 * carrying it in `c.var.log`, and writes one access line when the response is ready.
 *
 * The access line holds the method, the route pattern (`/api/sessions/:id`), the path without
 * query string or fragment (tokens travel there: `?token=`, `?ticket=`, `#token=`), status and
 * duration. Never headers: Authorization and cookies stay out.
 */
export function requestContext(logger: Logger = silentLogger): MiddlewareHandler<ObservabilityEnv> {
  return async function requestContextMiddleware(c, next) {
    const started = performance.now()
    const requestId = requestIdOf(c.req.header(REQUEST_ID_HEADER))
    const log = logger.child({ requestId })
    c.set('requestId', requestId)
    c.set('log', log)
    await next()
    c.res.headers.set(REQUEST_ID_HEADER, requestId)
    const status = c.res.status
    const line = {
      method: c.req.method,
      route: routePath(c) || undefined,
      path: loggablePath(c.req.path),
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    }
    if (status >= 500) log.warn(line, 'request')
    // A probe that fails (401 on /metrics, 503 on /healthz) is worth seeing; one that succeeds is not.
    else if (PROBE_PATHS.has(c.req.path) && status < 400) log.debug(line, 'request')
    else log.info(line, 'request')
  }
}

/** The request's logger (with its id), or a silent one outside `requestContext`. */
export function logOf(c: Context): Logger {
  return (c.get('log') as Logger | undefined) ?? silentLogger
}

/**
 * For the WebSocket upgrade path, which Hono never sees: a child logger carrying the request id
 * (the proxy's well-formed `X-Request-Id`, or a new one) and the path without its query string,
 * where `?ticket=` and `?token=` travel. Log through it from the upgrade handler.
 */
export function upgradeLogger(logger: Logger, request: Pick<IncomingMessage, 'headers' | 'url'>): Logger {
  const header = request.headers[REQUEST_ID_HEADER]
  return logger.child({
    requestId: requestIdOf(Array.isArray(header) ? header[0] : header),
    path: loggablePath(request.url ?? '/'),
  })
}
