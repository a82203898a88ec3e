import type { MiddlewareHandler } from 'hono'
import { hashSecret, secretsEqual } from '../secrets.ts'
import { bearerToken } from './bearer.ts'
import { ApiException } from './errors.ts'

/** Organiser-only routes: the admin token, compared in constant time. */
export function requireAdmin(adminToken: string): MiddlewareHandler {
  const expected = hashSecret(adminToken)
  return async function requireAdminMiddleware(c, next) {
    if (!secretsEqual(bearerToken(c), expected))
      throw new ApiException(401, 'unauthorized', 'The organiser token is not valid.')
    await next()
  }
}
