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

  it('turns tldraw rich text back into plain text', () => {
    expect(richTextToPlain(toRichText('sync · 800 rps'))).toBe('sync · 800 rps')
    expect(richTextToPlain(toRichText('line one\n\nline three'))).toBe('line one\n\nline three')
  })
})
