import { FlowMode } from '@scaleboard/schema'
import { z } from 'zod'
import type { FlowLabelParts } from './flowLabel.ts'

/**
 * The data flow an arrow carries, as structured data in `meta.flow`: the label on the canvas is
 * drawn from it (compact, "5.4k rps"), and the figures are read back from here, exactly.
 */
export const FlowMeta = z
  .object({
    /** what flows, e.g. "ranking requests" */
    what: z.string().trim().max(80).optional(),
    mode: FlowMode,
    /** requests or messages per second at peak */
    rps: z.number().min(0).max(1e12).optional(),
    /**
     * Calls the arrow's source makes along it per request it receives (2 feature lookups per
     * prediction: 2; a fallback taken by 1 request in 10: 0.1). Absent: 1.
     */
    callsPerRequest: z.number().positive().max(1e6).optional(),
  })
  .strict()
export type FlowMeta = z.infer<typeof FlowMeta>

export const FLOW_META_KEY = 'flow'

/** The arrow's `meta.flow` if it holds a valid flow. */
export function readFlowMeta(meta: Record<string, unknown> | undefined): FlowLabelParts | undefined {
  const parsed = FlowMeta.safeParse(meta?.[FLOW_META_KEY])
  if (!parsed.success) return undefined
  const { what, mode, rps, callsPerRequest } = parsed.data
  return {
    mode,
    ...(rps === undefined ? {} : { rps }),
    ...(callsPerRequest === undefined ? {} : { callsPerRequest }),
    ...(what ? { label: what } : {}),
  }
}

export function toFlowMeta({ mode, rps, callsPerRequest, label }: FlowLabelParts): FlowMeta {
  return {
    mode,
    ...(rps === undefined ? {} : { rps }),
    ...(callsPerRequest === undefined ? {} : { callsPerRequest }),
    ...(label?.trim() ? { what: label.trim() } : {}),
  }
}
