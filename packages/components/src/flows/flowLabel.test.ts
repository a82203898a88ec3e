import { toRichText } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { formatFlowLabel, formatRate, parseFlowLabel, richTextToPlain } from './flowLabel.ts'

describe('flow labels', () => {
  it('writes mode and rate, with an optional name first', () => {
    expect(formatFlowLabel({ mode: 'sync', rps: 800 })).toBe('sync · 800 rps')
    expect(formatFlowLabel({ mode: 'async', rps: 25_000, label: 'click events' })).toBe(
      'click events · async · 25k rps',
    )
    expect(formatFlowLabel({ mode: 'async' })).toBe('async')
    expect(formatFlowLabel({ mode: 'sync', rps: 5_400, label: 'ranking requests' })).toBe(
      'ranking requests · sync · 5.4k rps',
    )
  })

  it('writes rates compactly', () => {
    expect([0.5, 800, 1_000, 5_400, 12_345, 250_000, 2_000_000, 1_250_000].map(formatRate)).toEqual([
      '0.5',
      '800',
      '1k',
      '5.4k',
      '12.3k',
      '250k',
      '2M',
      '1.3M',
    ])
  })

  it('reads back what it writes', () => {
    for (const parts of [
      { mode: 'sync', rps: 800 },
      { mode: 'async', rps: 1200, label: 'features' },
      { mode: 'async' },
    ] as const)
      expect(parseFlowLabel(formatFlowLabel(parts))).toEqual(parts)
  })

  it('reads labels typed by hand', () => {
    expect(parseFlowLabel('SYNC 800rps')).toEqual({ mode: 'sync', rps: 800 })
    expect(parseFlowLabel('predictions, async, 1.5k rps')).toEqual({
      mode: 'async',
      rps: 1500,
      label: 'predictions',
    })
    expect(parseFlowLabel('2M rps')).toEqual({ mode: 'sync', rps: 2_000_000 })
    expect(parseFlowLabel('asynchronous thoughts')).toBeUndefined()
    expect(parseFlowLabel('hello')).toBeUndefined()
  })

  it('writes and reads calls per request', () => {
    expect(formatFlowLabel({ mode: 'sync', rps: 20, callsPerRequest: 2, label: 'features' })).toBe(
      'features · sync · 20 rps · ×2 per request',
    )
    expect(formatFlowLabel({ mode: 'sync', callsPerRequest: 1 / 3 })).toBe('sync · ×0.333 per request')
    for (const parts of [
      { mode: 'sync', callsPerRequest: 2, label: 'features' },
      { mode: 'async', rps: 1200, callsPerRequest: 0.25 },
    ] as const)
      expect(parseFlowLabel(formatFlowLabel(parts))).toEqual(parts)
    expect(parseFlowLabel('lookups, 3 calls/req')).toEqual({
      mode: 'sync',
      callsPerRequest: 3,
      label: 'lookups',
    })
    expect(parseFlowLabel('sync 2 calls per request 40 rps')).toEqual({
      mode: 'sync',
      rps: 40,
      callsPerRequest: 2,
    })
    expect(parseFlowLabel('x4 per req · async')).toEqual({ mode: 'async', callsPerRequest: 4 })
    // "max 2 per request" is prose, not a multiplier
    expect(parseFlowLabel('max 2 per request')).toBeUndefined()
  })

  it('turns tldraw rich text back into plain text', () => {
    expect(richTextToPlain(toRichText('sync · 800 rps'))).toBe('sync · 800 rps')
    expect(richTextToPlain(toRichText('line one\n\nline three'))).toBe('line one\n\nline three')
  })
})
