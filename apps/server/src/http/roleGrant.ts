import type { Role } from '@scaleboard/schema'
import type { Storage } from '@scaleboard/storage'
import type { Context } from 'hono'
import { hashSecret } from '../secrets.ts'
import { bearerToken } from './bearer.ts'
import { ApiException } from './errors.ts'

/** The role a bearer token holds in session `sessionId`; 401 for an unknown token, 403 for another session's. */
export async function roleGrantFor(c: Context, storage: Storage, sessionId: string): Promise<Role> {
  const grant = await storage.findTokenGrant(hashSecret(bearerToken(c)))
  if (!grant)
    throw new ApiException(401, 'unauthorized', 'This link is not valid. Ask the organiser for a new one.')
  if (grant.sessionId !== sessionId)
    throw new ApiException(403, 'forbidden', 'This link belongs to another session.')
  return grant.role
}
