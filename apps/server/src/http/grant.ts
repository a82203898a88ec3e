import type { Role } from '@scaleboard/schema'
import type { Storage } from '@scaleboard/storage'
import type { Context, MiddlewareHandler } from 'hono'
import { hashSecret, secretsEqual } from '../secrets.ts'
import { ApiException } from './errors.ts'

/**
 * What a bearer token opens. The one place a token becomes a grant for REST (the WebSocket side
 * resolves its own `?token=` / ticket in sync/syncGrant.ts with the same storage lookup).
 */
export type Grant = { kind: 'organiser' } | { kind: 'session'; sessionId: string; role: Role }

/** Who a route may serve: the organiser, or a role of a session. */
export type AllowedRole = 'organiser' | Role

/** Context variables after `resolveGrant`: null when the request has no valid token. */
export type GrantEnv = { Variables: { grant: Grant | null } }
/** Context variables after `allow(...)`: the grant is there and allowed. */
export type AllowedEnv = { Variables: { grant: Grant } }

export interface GrantDeps {
  adminToken: string
  storage: Pick<Storage, 'findTokenGrant'>
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerTokenOf(c: Context): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')
  return match ? match[1] : null
}

/**
 * Resolves the bearer token of every request it sees into `c.var.grant`: the organiser token
 * (compared as hashes in constant time), a session's role token (looked up by its SHA-256
 * hash), or null. It refuses nothing: each route says who it serves with `allow(...)`.
 */
export function resolveGrant({ adminToken, storage }: GrantDeps): MiddlewareHandler<GrantEnv> {
  const adminHash = hashSecret(adminToken)
  return async function resolveGrantMiddleware(c, next) {
    const token = bearerTokenOf(c)
    let grant: Grant | null = null
    if (token !== null) {
      if (secretsEqual(token, adminHash)) grant = { kind: 'organiser' }
      else {
        const found = await storage.findTokenGrant(hashSecret(token))
        if (found) grant = { kind: 'session', sessionId: found.sessionId, role: found.role }
      }
    }
    c.set('grant', grant)
    await next()
  }
}

/**
 * The route serves only these roles. A session's role token must also belong to the session named
 * by the route's `{id}` path parameter. 401: no token or an unknown one (counted by the
 * auth-failure rate limit); 403: a valid token of another role or another session.
 * Put it in the route contract: `createRoute({ middleware: [allow('organiser')] as const, … })`.
 */
export function allow(...roles: AllowedRole[]): MiddlewareHandler<AllowedEnv> {
  return async function allowMiddleware(c, next) {
    authorize(c, roles, c.req.param('id') ?? null)
    await next()
  }
}

/**
 * Like `allow`, for routes that are not about one session (e.g. a scenario's guidance): a role
 * token of any session passes, and the handler decides the rest from `c.var.grant`.
 */
export function allowInAnySession(...roles: AllowedRole[]): MiddlewareHandler<AllowedEnv> {
  return async function allowInAnySessionMiddleware(c, next) {
    authorize(c, roles, null)
    await next()
  }
}

/**
 * The grant of this request if it is one of `roles` (and, for session tokens, of `sessionId`
 * when given); throws the 401 or 403 otherwise. `allow` uses it; so can a handler.
 */
export function authorize(c: Context, roles: readonly AllowedRole[], sessionId: string | null): Grant {
  const grant = (c.get('grant') as Grant | null | undefined) ?? null
  if (!grant) {
    if (bearerTokenOf(c) === null)
      throw new ApiException(401, 'unauthorized', 'Send the token as "Authorization: Bearer <token>".')
    throw new ApiException(401, 'unauthorized', 'This token is not valid. Ask the organiser for a new link.')
  }
  const role: AllowedRole = grant.kind === 'organiser' ? 'organiser' : grant.role
  if (!roles.includes(role))
    throw new ApiException(403, 'forbidden', `This is for ${roles.join(' or ')}; your token is ${role}.`)
  if (grant.kind === 'session' && sessionId !== null && grant.sessionId !== sessionId)
    throw new ApiException(403, 'forbidden', 'This link belongs to another session.')
  return grant
}
