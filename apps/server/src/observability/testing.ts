import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { serve } from '@hono/node-server'
import { OpenAPIHono } from '@hono/zod-openapi'
import { onError } from '../http/errors.ts'
import { registerMethodNotAllowed } from '../http/methodNotAllowed.ts'
import { createApiRateLimits, rateLimit } from '../http/rateLimit.ts'
import { securityHeaders } from '../http/securityHeaders.ts'
import type { HealthCheck } from '../routes/health.ts'
import { type AppObservability, observeRequests, registerProbeRoutes } from './http.ts'
import { createLogger, type Logger } from './logger.ts'
import type { ObservabilityEnv } from './requestContext.ts'

/**
 * An app wired like createApp (app.ts) in the same order: observeRequests first, the security
 * headers, the /api rate limit, then a few /api routes standing in for the real ones, the probe
 * routes, 405s and a catch-all like the web app's. The real createApp needs the whole server's
 * services; this one needs only what observability touches.
 */
export function observedApp(observability: AppObservability, database: HealthCheck): OpenAPIHono {
  // One real database check serves both probes here; app.ts gives /healthz a wider one.
  const app = new OpenAPIHono()
  observeRequests(app, observability, onError)
  app.use(securityHeaders)
  app.use(
    '/api/*',
    rateLimit(createApiRateLimits({ perIp: 10_000, perToken: 10_000, authFailures: 10_000 }), {
      trustProxy: false,
    }),
  )
  const api = app as unknown as OpenAPIHono<ObservabilityEnv>
  api.get('/api/sessions/:id/access', (c) => {
    c.var.log.info({ sessionId: c.req.param('id') }, 'access checked')
    return c.json({ requestId: c.var.requestId }, 200)
  })
  api.get('/api/fail', () => {
    throw new Error('the handler broke')
  })
  registerProbeRoutes(app, { database, reachable: database }, observability)
  registerMethodNotAllowed(app)
  app.get('*', (c) => c.html('<!doctype html><title>app</title>', 200))
  return app
}

export interface ServedApp {
  url: string
  close(): Promise<void>
}

/** Serves `app` on 127.0.0.1 at a port the OS picks. */
export async function serveOnLoopback(app: { fetch: (request: Request) => Response | Promise<Response> }) {
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
    s.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      }),
  } satisfies ServedApp
}

/** A logger whose JSON lines are kept, parsed, for a test to read. */
export function capturedLogger(level: 'info' | 'debug' = 'info'): {
  logger: Logger
  lines: Array<Record<string, unknown>>
  text(): string
} {
  const raw: string[] = []
  const destination = new Writable({
    write(chunk, _encoding, done) {
      raw.push(String(chunk))
      done()
    },
  })
  const logger = createLogger({ level, instanceId: 'test-instance', destination })
  return {
    logger,
    get lines() {
      return raw
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    },
    text: () => raw.join(''),
  }
}
