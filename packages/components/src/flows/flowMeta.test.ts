import { toRichText } from '@tldraw/tlschema'
import type { TLArrowShape } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { getArrowFlow } from '../ui/arrowFlow.ts'
import { formatFlowLabel } from './flowLabel.ts'
import { readFlowMeta, toFlowMeta } from './flowMeta.ts'

const arrow = (text: string, meta: Record<string, unknown> = {}) =>
  ({ type: 'arrow', meta, props: { richText: toRichText(text) } }) as unknown as TLArrowShape

describe('meta.flow', () => {
  it('round-trips a flow, exact figures included', () => {
    const flow = { mode: 'sync' as const, rps: 12_345, label: 'ranking requests' }
    expect(toFlowMeta(flow)).toEqual({ mode: 'sync', rps: 12_345, what: 'ranking requests' })
    expect(readFlowMeta({ flow: toFlowMeta(flow) })).toEqual(flow)
  })

  it('keeps calls per request in meta and in the label drawn from it', () => {
    const flow = { mode: 'sync' as const, rps: 12_345, callsPerRequest: 2.5, label: 'feature lookups' }
    expect(toFlowMeta(flow)).toEqual({
      mode: 'sync',
      rps: 12_345,
      callsPerRequest: 2.5,
      what: 'feature lookups',
    })
    expect(readFlowMeta({ flow: toFlowMeta(flow) })).toEqual(flow)
    const labelled = formatFlowLabel(flow)
    expect(labelled).toBe('feature lookups · sync · 12.3k rps · ×2.5 per request')
    // the label alone rounds the rate; the arrow's meta gives it back exactly
    expect(getArrowFlow(arrow(labelled))).toEqual({ ...flow, rps: 12_300 })
    expect(getArrowFlow(arrow(labelled, { flow: toFlowMeta(flow) }))).toEqual(flow)
    expect(readFlowMeta({ flow: { mode: 'sync', callsPerRequest: 0 } })).toBeUndefined()
    expect(readFlowMeta({ flow: { mode: 'sync', callsPerRequest: -2 } })).toBeUndefined()
  })

  it('refuses what is not a flow', () => {
    expect(readFlowMeta({ flow: { mode: 'sideways' } })).toBeUndefined()
    expect(readFlowMeta({ flow: { mode: 'sync', rps: -1 } })).toBeUndefined()
    expect(readFlowMeta({ flow: { mode: 'sync', extra: 1 } })).toBeUndefined()
    expect(readFlowMeta(undefined)).toBeUndefined()
  })

  it('reads the exact rate from meta while the label still says the same, else the label', () => {
    const flow = { mode: 'sync' as const, rps: 12_345 }
    const labelled = formatFlowLabel(flow)
    expect(labelled).toBe('sync · 12.3k rps')
    expect(getArrowFlow(arrow(labelled, { flow: toFlowMeta(flow) }))).toEqual(flow)
    // the candidate retyped the label by hand: the label wins
    expect(getArrowFlow(arrow('async · 2k rps', { flow: toFlowMeta(flow) }))).toEqual({
      mode: 'async',
      rps: 2000,
    })
    // an arrow from before meta.flow
    expect(getArrowFlow(arrow('sync · 800 rps'))).toEqual({ mode: 'sync', rps: 800 })
  })
})
