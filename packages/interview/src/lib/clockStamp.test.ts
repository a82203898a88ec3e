import { type PhaseMinutes, SessionClockStamp } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { formatClockStamp, sessionClockStamp } from './clockStamp.ts'
import { applyPhaseCommand, initialPhaseClock } from './phaseClock.ts'

const MIN = 60_000
const SEC = 1000
const T0 = Date.parse('2026-05-04T09:00:00.000Z')
const minutes: PhaseMinutes = { briefing: 10, design: 75, walkthrough: 15, feedback: 10, revision: 15 }

describe('sessionClockStamp', () => {
  it('has no elapsed time before the clock starts', () => {
    const stamp = sessionClockStamp(initialPhaseClock(minutes), T0)
    expect(stamp).toEqual({ at: '2026-05-04T09:00:00.000Z', phase: 'briefing', phaseElapsedMs: null })
    expect(SessionClockStamp.parse(stamp)).toEqual(stamp)
  })

  it('counts from the phase start and leaves the pauses out', () => {
    let clock = applyPhaseCommand(initialPhaseClock(minutes), { phase: 'design' }, T0, minutes)
    clock = applyPhaseCommand(clock, { action: 'pause' }, T0 + 10 * MIN, minutes)
    clock = applyPhaseCommand(clock, { action: 'resume' }, T0 + 15 * MIN, minutes)
    const stamp = sessionClockStamp(clock, T0 + 39 * MIN + 10 * SEC)
    expect(stamp).toEqual({
      at: '2026-05-04T09:39:10.000Z',
      phase: 'design',
      phaseElapsedMs: 34 * MIN + 10 * SEC,
    })
  })
})

describe('formatClockStamp', () => {
  const stamp = (phaseElapsedMs: number | null, phase: SessionClockStamp['phase'] = 'design') => ({
    at: '2026-05-04T09:00:00.000Z',
    phase,
    phaseElapsedMs,
  })

  it('shows minutes and seconds into the phase', () => {
    expect(formatClockStamp(stamp(34 * MIN + 10 * SEC))).toBe('design +34:10')
    expect(formatClockStamp(stamp(0, 'walkthrough'))).toBe('walkthrough +00:00')
    expect(formatClockStamp(stamp(5 * SEC + 999))).toBe('design +00:05')
  })

  it('adds hours past an hour', () => {
    expect(formatClockStamp(stamp(62 * MIN + 3 * SEC))).toBe('design +1:02:03')
    expect(formatClockStamp(stamp(60 * MIN))).toBe('design +1:00:00')
  })

  it('says when the phase has not started', () => {
    expect(formatClockStamp(stamp(null, 'briefing'))).toBe('briefing, not started')
  })
})
