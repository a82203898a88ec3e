import type { MiddlewareHandler } from 'hono'
import { hashSecret } from '../secrets.ts'
import { clientAddress } from './clientAddress.ts'
import { ApiException, apiErrorBody } from './errors.ts'
import { bearerTokenOf } from './grant.ts'
import { perMinute, type RateLimiter } from './rateLimiter.ts'

export interface ApiRateLimits {
  /** every /api request, by client address */
  perIp: RateLimiter
  /** every /api request with a bearer token, by token */
  perToken: RateLimiter
  /** answers 401 (no or unknown token), by client address: token guessing */
  authFailures: RateLimiter
}

/** Limits as requests per minute, each with a burst of one minute's worth. */
export function createApiRateLimits(limits: {
  perIp: number
  perToken: number
  authFailures: number
}): ApiRateLimits {
  return {
    perIp: perMinute(limits.perIp),
    perToken: perMinute(limits.perToken),
    authFailures: perMinute(limits.authFailures),
  }
}

/**
 * 429 with `Retry-After` when a client address or a token goes over its budget, before any work;
 * and when an address has had too many 401s, its further 401s become 429s (a valid token from
 * the same address still works, so a guesser behind a shared address locks out no one else).
 */
export function rateLimit(limits: ApiRateLimits, { trustProxy }: { trustProxy: boolean }): MiddlewareHandler {
  return async function rateLimitMiddleware(c, next) {
    const ip = clientAddress(c, trustProxy)
    if (!limits.perIp.take(ip)) tooMany(c.header.bind(c), limits.perIp.retryAfterSeconds(ip))
    const token = bearerTokenOf(c)
    const tokenKey = token === null ? null : hashSecret(token)
    if (tokenKey !== null && !limits.perToken.take(tokenKey))
      tooMany(c.header.bind(c), limits.perToken.retryAfterSeconds(tokenKey))
    await next()
    if (c.res.status === 401 && !limits.authFailures.take(ip)) {
      const retryAfter = limits.authFailures.retryAfterSeconds(ip)
      c.res = undefined // replace the 401 rather than merge into it
      c.res = c.json(apiErrorBody('rate_limited', tooManyMessage(retryAfter)), 429, {
        'retry-after': String(retryAfter),
      })
    }
  }
}

function tooMany(setHeader: (name: string, value: string) => void, retryAfter: number): never {
  setHeader('retry-after', String(retryAfter))
  throw new ApiException(429, 'rate_limited', tooManyMessage(retryAfter))
}

const tooManyMessage = (retryAfter: number) =>
  `Too many requests. Try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`
