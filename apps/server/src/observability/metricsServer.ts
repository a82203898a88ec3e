import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Registry } from 'prom-client'

export interface MetricsServerOptions {
  /** HOST: the same interface as the main port; keep it private (loopback or the cluster network). */
  host: string
  /** METRICS_PORT; 0 picks a free one (tests). */
  port: number
  registry: Registry
}

export interface MetricsServer {
  port: number
  close(): Promise<void>
}

/**
 * METRICS_PORT: a plain HTTP server that answers `GET /metrics` (and HEAD) and nothing else,
 * without a token: whoever reaches this port is trusted, as with any scrape port.
 */
export async function startMetricsServer({
  host,
  port,
  registry,
}: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').replace(/\?.*$/s, '')
    if (path !== '/metrics') return plain(response, 404, 'not found\n')
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD')
      return plain(response, 405, 'method not allowed\n')
    }
    registry.metrics().then(
      (body) => {
        response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' })
        response.end(request.method === 'HEAD' ? undefined : body)
      },
      (error: unknown) => plain(response, 500, `could not collect metrics: ${(error as Error)?.message}\n`),
    )
  })
  // Scrapers hold keep-alive connections; close() must not wait for them.
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  response.end(text)
}
