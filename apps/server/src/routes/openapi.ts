import { ApiError } from '@scaleboard/schema'
import type { z } from 'zod'

/** A JSON response entry of a route contract. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
})

/** A failure answer: every one has the ApiError shape. */
export const errorResponse = (description: string) => jsonResponse(ApiError, description)
