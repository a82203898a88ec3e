import type { ApiError, AuthFailureReason } from '@scaleboard/schema'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'

/** Throw this anywhere in a handler; `onError` turns it into the ApiError JSON shape. */
export class ApiException extends HTTPException {
  readonly code: string
  readonly issues: ApiError['error']['issues']
  /** Why a token was refused (401/403), for the page to say what to do next. */
  readonly reason: AuthFailureReason | undefined

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    issues?: ApiError['error']['issues'],
    reason?: AuthFailureReason,
  ) {
    super(status, { message })
    this.code = code
    this.issues = issues
    this.reason = reason
  }
}

export function apiErrorBody(
  code: string,
  message: string,
  issues?: ApiError['error']['issues'],
  reason?: AuthFailureReason,
): ApiError {
  return { error: { code, message, ...(issues ? { issues } : {}), ...(reason ? { reason } : {}) } }
}

export function issuesOf(error: z.ZodError): NonNullable<ApiError['error']['issues']> {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }))
}

export function onError(error: Error, c: Context): Response {
  if (error instanceof ApiException)
    return c.json(apiErrorBody(error.code, error.message, error.issues, error.reason), error.status)
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode
    return c.json(
      apiErrorBody(status === 400 ? 'bad_request' : 'http_error', error.message || 'Request failed'),
      status,
    )
  }
  console.error(`[api] ${c.req.method} ${c.req.path} failed`, error)
  return c.json(apiErrorBody('internal', 'Something went wrong on the server. It has been logged.'), 500)
}
