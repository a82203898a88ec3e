import { describe, expect, it } from 'vitest'
import { formatClockStamp } from './clockStamp.ts'

const at = '2026-11-30T10:00:00.000Z'

describe('formatClockStamp', () => {
  it('says the phase and the time since its clock started', () => {
    expect(formatClockStamp({ at, phase: 'design', phaseElapsedMs: (34 * 60 + 10) * 1000 + 999 })).toBe(
      'design +34:10',
    )
    expect(formatClockStamp({ at, phase: 'briefing', phaseElapsedMs: 0 })).toBe('briefing +00:00')
  })

  it('adds hours past an hour', () => {
    expect(formatClockStamp({ at, phase: 'design', phaseElapsedMs: (65 * 60 + 5) * 1000 })).toBe(
      'design +1:05:05',
    )
  })

  it('says when the phase clock had not started', () => {
    expect(formatClockStamp({ at, phase: 'briefing', phaseElapsedMs: null })).toBe('briefing, not started')
  })
})
