import type { Context } from 'hono'
import { ApiException } from './errors.ts'

/** The token of `Authorization: Bearer <token>`, or a 401 that says what is missing. */
export function bearerToken(c: Context): string {
  const header = c.req.header('authorization') ?? ''
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  if (!match)
    throw new ApiException(401, 'unauthorized', 'Send the token as "Authorization: Bearer <token>".')
  return match[1]
}
