import type { OpenAPIHono } from '@hono/zod-openapi'

/** 200 when storage answers, 503 otherwise: what a load balancer or orchestrator probes. */
export function registerHealthRoute(app: OpenAPIHono, ping: () => Promise<void>): void {
  app.get('/healthz', async (c) => {
    try {
      await ping()
      return c.json({ status: 'ok', storage: 'ok' }, 200)
    } catch (error) {
      return c.json({ status: 'unavailable', storage: String((error as Error).message ?? error) }, 503)
    }
  })
}
