import { ApiError } from '@scaleboard/schema'
import type { z } from 'zod'

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
