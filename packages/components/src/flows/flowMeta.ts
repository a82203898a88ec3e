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
  })
  .strict()
export type FlowMeta = z.infer<typeof FlowMeta>

export const FLOW_META_KEY = 'flow'

/** The arrow's `meta.flow` if it holds a valid flow. */
export function readFlowMeta(meta: Record<string, unknown> | undefined): FlowLabelParts | undefined {
  const parsed = FlowMeta.safeParse(meta?.[FLOW_META_KEY])
  if (!parsed.success) return undefined
  const { what, mode, rps } = parsed.data
  return { mode, ...(rps === undefined ? {} : { rps }), ...(what ? { label: what } : {}) }
}

export function toFlowMeta({ mode, rps, label }: FlowLabelParts): FlowMeta {
  return { mode, ...(rps === undefined ? {} : { rps }), ...(label?.trim() ? { what: label.trim() } : {}) }
}
