import { describe, expect, it } from 'vitest'
import { formatAvailability, formatMs, formatPercent, formatUsd } from './format.ts'

describe('format', () => {
  it('shows availability with the nines it has, never rounding up to 100 %', () => {
    expect(formatAvailability(0.999)).toBe('99.9 %')
    expect(formatAvailability(0.99993)).toBe('99.993 %')
    expect(formatAvailability(0.9999)).toBe('99.99 %')
    expect(formatAvailability(0.99999999)).toBe('99.9999 %')
    expect(formatAvailability(0.95)).toBe('95 %')
    expect(formatAvailability(1)).toBe('100 %')
  })

  it('rounds percentages, milliseconds and dollars for reading', () => {
    expect(formatPercent(0.834)).toBe('83 %')
    expect(formatMs(4.26)).toBe('4.3 ms')
    expect(formatMs(142.6)).toBe('143 ms')
    expect(formatUsd(12345.6)).toBe('$12,346')
  })
})
