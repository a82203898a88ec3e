import type { Hono } from 'hono'
import { apiErrorBody } from './errors.ts'

/**
 * For every path the app has routes for, other methods answer 405 with `Allow` instead of falling
 * through to 404. Call after registering the routes (and before any catch-all): Hono tries the
 * handlers in order, so a registered method is always answered first.
 */
// biome-ignore lint/suspicious/noExplicitAny: any Hono app, whatever its env and schema
export function registerMethodNotAllowed(app: Hono<any, any, any>): void {
  const methodsByPath = new Map<string, Set<string>>()
  for (const { method, path } of app.routes) {
    if (method === 'ALL' || path.includes('*')) continue
    const methods = methodsByPath.get(path) ?? new Set<string>()
    methods.add(method.toUpperCase())
    if (method.toUpperCase() === 'GET') methods.add('HEAD')
    methodsByPath.set(path, methods)
  }
  for (const [path, methods] of methodsByPath) {
    const allowHeader = [...methods].sort().join(', ')
    app.all(path, function methodNotAllowed(c) {
      return c.json(
        apiErrorBody('method_not_allowed', `${c.req.method} is not allowed here; use ${allowHeader}.`),
        405,
        {
          allow: allowHeader,
        },
      )
    })
  }
}
