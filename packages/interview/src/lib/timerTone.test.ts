import { PHASE_WARNING_MS, type PhaseView } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { timerTone } from './timerTone.ts'

const running: PhaseView = {
  name: 'design',
  startedAt: '2026-05-04T09:00:00.000Z',
  endsAt: '2026-05-04T10:15:00.000Z',
  paused: false,
  remainingMs: 60_000,
  plannedMs: 75 * 60_000,
  serverNow: '2026-05-04T10:14:00.000Z',
}

describe('timerTone', () => {
  it('is normal with more than the warning time left, warning from it down to zero, overtime below zero', () => {
    expect(timerTone(running, PHASE_WARNING_MS + 1)).toBe('calm')
    expect(timerTone(running, PHASE_WARNING_MS)).toBe('warning')
    expect(timerTone(running, 1)).toBe('warning')
    expect(timerTone(running, 0)).toBe('overtime')
    expect(timerTone(running, -1)).toBe('overtime')
    expect(timerTone(running, -3_600_000)).toBe('overtime')
  })

  it('is idle before the start, while paused, when done, and without a countdown', () => {
    expect(timerTone({ ...running, startedAt: null, endsAt: null, remainingMs: null }, null)).toBe('calm')
    expect(timerTone({ ...running, paused: true, endsAt: null }, -5)).toBe('overtime')
    expect(
      timerTone({ ...running, name: 'done', remainingMs: null, plannedMs: null, endsAt: null }, null),
    ).toBe('calm')
    expect(timerTone(running, null)).toBe('calm')
  })
})
