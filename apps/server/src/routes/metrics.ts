import type { OpenAPIHono } from '@hono/zod-openapi'
import { apiErrorBody } from '../http/errors.ts'
import { bearerTokenOf } from '../http/grant.ts'
import type { Metrics } from '../observability/metrics.ts'
import { hashSecret, secretsEqual } from '../secrets.ts'

export interface MetricsRouteOptions {
  /** Absent: the server reports no metrics (or serves them on METRICS_PORT only). */
  metrics?: Pick<Metrics, 'scrape'>
  /** METRICS_TOKEN: without it, /metrics on the main port is 404 (the web app's port is public). */
  token?: string
}

/**
 * GET /metrics on the main port, for Prometheus: only with METRICS_TOKEN set, and only for
 * `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time); 401 otherwise. Without a
 * token it answers 404, so the web app's catch-all never serves its page there. Outside /api:
 * no rate limit or grant applies.
 */
export function registerMetricsRoute(app: OpenAPIHono, { metrics, token }: MetricsRouteOptions): void {
  const tokenHash = token ? hashSecret(token) : null
  app.get('/metrics', async (c) => {
    if (!metrics || tokenHash === null)
      return c.json(apiErrorBody('not_found', 'Metrics are not served on this port.'), 404)
    const given = bearerTokenOf(c)
    if (given === null || !secretsEqual(given, tokenHash))
      return c.json(
        apiErrorBody('unauthorized', 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>".'),
        401,
        { 'www-authenticate': 'Bearer realm="metrics"' },
      )
    const { contentType, body } = await metrics.scrape()
    return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' })
  })
}
