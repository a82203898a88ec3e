import { type AuthFailureReason, isRoleTokenShaped, type Role } from '@scaleboard/schema'
import type { Storage } from '@scaleboard/storage'
import type { Context, MiddlewareHandler } from 'hono'
import { hashSecret, secretsEqual } from '../secrets.ts'
import { ApiException } from './errors.ts'

/**
 * What a bearer token opens. The one place a token becomes a grant for REST (the WebSocket side
 * resolves its own `?token=` / ticket in sync/syncGrant.ts with the same storage lookup).
 * `viaOrganiser`: the organiser token, admitted as the session's interviewer (see `authorize`).
 */
export type Grant =
  | { kind: 'organiser' }
  | { kind: 'session'; sessionId: string; role: Role; viaOrganiser?: true }

/** Who a route may serve: the organiser, or a role of a session. */
export type AllowedRole = 'organiser' | Role

/** Why a bearer token opened nothing (the 401s; the 403s are decided in `authorize`). */
export type TokenProblem = Extract<AuthFailureReason, 'malformed' | 'revoked' | 'session_deleted' | 'unknown'>

/**
 * Context variables after `resolveGrant`: `grant` is null when the request has no valid token,
 * and then `tokenProblem` says why (null when it sent none).
 */
export type GrantEnv = { Variables: { grant: Grant | null; tokenProblem: TokenProblem | null } }
/** Context variables after `allow(...)`: the grant is there and allowed. */
export type AllowedEnv = { Variables: { grant: Grant } }

export interface GrantDeps {
  adminToken: string
  storage: Pick<Storage, 'findTokenGrant' | 'findRetiredToken'>
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerTokenOf(c: Context): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')
  return match ? match[1] : null
}

/**
 * Resolves the bearer token of every request it sees into `c.var.grant`: the organiser token
 * (compared as hashes in constant time), a session's role token (looked up by its SHA-256
 * hash), or null, with `c.var.tokenProblem` saying why. It refuses nothing: each route says who
 * it serves with `allow(...)`.
 */
export function resolveGrant({ adminToken, storage }: GrantDeps): MiddlewareHandler<GrantEnv> {
  const adminHash = hashSecret(adminToken)
  return async function resolveGrantMiddleware(c, next) {
    const token = bearerTokenOf(c)
    let grant: Grant | null = null
    let problem: TokenProblem | null = null
    if (token !== null) {
      if (secretsEqual(token, adminHash)) grant = { kind: 'organiser' }
      else {
        const found = await storage.findTokenGrant(hashSecret(token))
        if (found) grant = { kind: 'session', sessionId: found.sessionId, role: found.role }
        else problem = await tokenProblemOf(token, storage)
      }
    }
    c.set('grant', grant)
    c.set('tokenProblem', problem)
    await next()
  }
}

/**
 * Why a token that opens nothing does not: not the shape of a token we issue, replaced by a
 * newer link, of a deleted session, or unknown. Only an exact hash match says revoked or
 * deleted, so a guesser learns nothing; all of them are 401s, counted by the auth-failure limit.
 */
export async function tokenProblemOf(
  token: string,
  storage: Pick<Storage, 'findRetiredToken'>,
): Promise<TokenProblem> {
  if (!isRoleTokenShaped(token)) return 'malformed'
  const retired = await storage.findRetiredToken(hashSecret(token))
  return retired ? retired.kind : 'unknown'
}

/** What the holder of a refused link is told, with what to do next. */
const TOKEN_PROBLEM_MESSAGES: Record<TokenProblem | 'missing', string> = {
  missing: 'Send the token as "Authorization: Bearer <token>".',
  malformed:
    'This link is incomplete: part of it was probably lost when it was copied. Copy the whole link again, or ask the organiser for a new link.',
  revoked: 'This link was replaced by a newer one. Ask the organiser for the new link.',
  session_deleted:
    'This interview was deleted, so its links open nothing any more. Ask the organiser if you need a new session.',
  unknown: 'This token is not valid. Ask the organiser for a new link.',
}

/** Where only the organiser is served, a wrong token is the organiser's own mistake. */
const WRONG_ORGANISER_TOKEN =
  'This is not the organiser token. Use the one the server printed at start-up (`pnpm organiser-link` prints the link again).'

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
 * when given); throws the 401 or 403 otherwise, with a `reason` (AuthFailureReason) in the
 * error body. `allow` uses it; so can a handler.
 *
 * The organiser may open any session as its interviewer without the interviewer's link (which
 * would have to be reissued, since links cannot be shown again): where a route of one session
 * serves the interviewer but not the organiser (the board's access check, its sync tickets, the
 * brief), the organiser token is admitted as that session's interviewer, and `c.var.grant`
 * becomes that interviewer grant (`viaOrganiser`), so a handler reading `grant.role` sees
 * `interviewer`. Routes that list the organiser themselves keep the organiser grant. This is the
 * only place that decides it.
 */
export function authorize(c: Context, roles: readonly AllowedRole[], sessionId: string | null): Grant {
  const grant = (c.get('grant') as Grant | null | undefined) ?? null
  if (!grant) {
    if (bearerTokenOf(c) === null)
      throw new ApiException(401, 'unauthorized', TOKEN_PROBLEM_MESSAGES.missing, undefined, 'missing')
    const problem = (c.get('tokenProblem') as TokenProblem | null | undefined) ?? 'unknown'
    const organiserOnly = roles.length === 1 && roles[0] === 'organiser'
    const message =
      organiserOnly && (problem === 'unknown' || problem === 'malformed')
        ? WRONG_ORGANISER_TOKEN
        : TOKEN_PROBLEM_MESSAGES[problem]
    throw new ApiException(401, 'unauthorized', message, undefined, problem)
  }
  if (
    grant.kind === 'organiser' &&
    !roles.includes('organiser') &&
    roles.includes('interviewer') &&
    sessionId !== null
  ) {
    const asInterviewer: Grant = { kind: 'session', sessionId, role: 'interviewer', viaOrganiser: true }
    c.set('grant', asInterviewer)
    return asInterviewer
  }
  const role = effectiveRole(grant)
  if (!roles.includes(role))
    throw new ApiException(
      403,
      'forbidden',
      `This is for ${roles.join(' or ')}; your token is ${role}.`,
      undefined,
      'wrong_role',
    )
  if (grant.kind === 'session' && sessionId !== null && grant.sessionId !== sessionId)
    throw new ApiException(
      403,
      'forbidden',
      'This link belongs to another interview. Open the link you were sent for this one.',
      undefined,
      'other_session',
    )
  return grant
}

/** The role a grant acts in: `organiser`, or its session role (`interviewer` for the organiser admitted as one). */
export function effectiveRole(grant: Grant): AllowedRole {
  return grant.kind === 'organiser' ? 'organiser' : grant.role
}
