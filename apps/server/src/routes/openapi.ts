import { ApiError, SessionId } from '@scaleboard/schema'
import { z } from 'zod'

/** A JSON response entry of a route contract. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
})

/** A failure answer: every one has the ApiError shape. */
export const errorResponse = (description: string) => jsonResponse(ApiError, description)

type ErrorResponse = ReturnType<typeof errorResponse>

/** Failure statuses a route states itself, with what they mean for it. */
export type RouteErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415

/**
 * A route's whole `responses`: its successes, the failures it states, and the ones every /api
 * route can answer (429 from the rate limits, 500). With `body: true` also what the body checks
 * answer before the handler (400 malformed or too deeply nested JSON, 413 too large, 415 not
 * JSON). The OpenAPI document then lists every status the route can answer.
 */
export function apiResponses<
  const S extends Record<number, ReturnType<typeof jsonResponse>>,
  const E extends Partial<Record<RouteErrorStatus, string>>,
>(
  success: S,
  errors: E,
  { body = false }: { body?: boolean } = {},
): S & { [K in keyof E]: ErrorResponse } & Record<429 | 500, ErrorResponse> &
  Partial<Record<400 | 413 | 415, ErrorResponse>> {
  const stated = Object.fromEntries(
    Object.entries(errors).map(([status, description]) => [status, errorResponse(description as string)]),
  )
  return {
    ...(body
      ? {
          400: errorResponse('The body is not valid JSON, is nested too deeply, or fails the schema'),
          413: errorResponse('The body is larger than MAX_BODY_BYTES'),
          415: errorResponse('The body is not application/json'),
        }
      : {}),
    ...stated,
    ...success,
    429: errorResponse(
      'Too many requests from this address or with this token; wait for Retry-After seconds',
    ),
    500: errorResponse('Unexpected server error (logged, without secrets)'),
  } as never
}

/** `{id}` of the routes of one session. */
export const sessionParams = z.object({ id: SessionId })

/** A required JSON body of a route contract. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})

/** What a route of one session answers when its token does not open it. */
export const SESSION_READ_ERRORS = {
  400: 'Not a session id',
  401: 'Missing or unknown token',
  403: 'A role this is not for, or another session’s token',
  404: 'No such session (organiser token)',
} as const

/** The 403 of a route for the interviewer's side only. */
export const INTERVIEWER_ONLY = 'A candidate or observer token, or another session’s'
