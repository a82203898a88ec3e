import { z } from 'zod'

/**
 * Why a token was refused (401) or does not open this (403), so a page can say what to do next.
 * Only an exact hash match can say `revoked` or `session_deleted`: a guesser learns nothing.
 * - missing: no `Authorization: Bearer` token
 * - malformed: not the shape of a token the server issues (a link cut short when copied)
 * - revoked: a link replaced by a newer one ("issue new link")
 * - session_deleted: a link of a session that was deleted (by the organiser or by retention)
 * - unknown: any other token
 * - other_session (403): a valid link of another session
 * - wrong_role (403): a valid link whose role may not do this
 */
export const AuthFailureReason = z.enum([
  'missing',
  'malformed',
  'revoked',
  'session_deleted',
  'unknown',
  'other_session',
  'wrong_role',
])
export type AuthFailureReason = z.infer<typeof AuthFailureReason>

/** Every non-2xx JSON answer of the REST API has this shape. */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** On 401 and 403 answers about the bearer token: why it was refused (see AuthFailureReason). */
    reason: z.string().optional(),
  }),
})
export type ApiError = z.infer<typeof ApiError>
