import type { PhaseView, SessionView } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import {
  countdownText,
  formatDuration,
  msUntilNextTick,
  newerView,
  receiveView,
  remainingAt,
  timerDisplay,
} from './countdown.ts'

const MIN = 60_000

function phase(overrides: Partial<PhaseView> = {}): PhaseView {
  return {
    name: 'design',
    startedAt: '2026-11-30T10:00:00.000Z',
    endsAt: '2026-11-30T11:15:00.000Z',
    paused: false,
    remainingMs: 42 * MIN,
    plannedMs: 75 * MIN,
    serverNow: '2026-11-30T10:33:00.000Z',
    ...overrides,
  }
}

function view(p: PhaseView): SessionView {
  return { id: 'session-1', title: 'T', scenarioId: null, level: null, candidateName: null, phase: p }
}

describe('remainingAt', () => {
  it('counts down from the moment of receipt, on the local monotonic clock', () => {
    expect(remainingAt(phase(), 1000, 1000)).toBe(42 * MIN)
    expect(remainingAt(phase(), 1000, 61_000)).toBe(41 * MIN)
  })

  it('ignores the time of day entirely: a browser 10 minutes ahead shows the same countdown', () => {
    const p = phase()
    const honest = receiveView(view(p), 500, Date.parse(p.serverNow))
    const skewed = receiveView(view(p), 500, Date.parse(p.serverNow) + 10 * MIN)
    expect(skewed.clockOffsetMs).toBe(-10 * MIN)
    expect(remainingAt(skewed.view.phase, skewed.receivedAt, 5500)).toBe(
      remainingAt(honest.view.phase, honest.receivedAt, 5500),
    )
  })

  it('stands still while paused and before the start; null when there is no clock', () => {
    expect(remainingAt(phase({ paused: true, endsAt: null }), 0, 90_000)).toBe(42 * MIN)
    expect(remainingAt(phase({ startedAt: null, endsAt: null, remainingMs: null }), 0, 1)).toBeNull()
    expect(remainingAt(phase({ name: 'done', remainingMs: null, plannedMs: null }), 0, 1)).toBeNull()
  })

  it('goes negative in overtime', () => {
    expect(remainingAt(phase({ remainingMs: 2000 }), 0, 5000)).toBe(-3000)
  })

  it('never counts backwards if the monotonic clock reads earlier than the receipt', () => {
    expect(remainingAt(phase(), 1000, 900)).toBe(42 * MIN)
  })
})

describe('countdownText', () => {
  it('shows mm:ss rounded up, and h:mm:ss from an hour on', () => {
    expect(countdownText(42 * MIN)).toBe('42:00')
    expect(countdownText(42 * MIN - 1)).toBe('42:00')
    expect(countdownText(41 * MIN + 59_001)).toBe('42:00')
    expect(countdownText(41 * MIN + 59_000)).toBe('41:59')
    expect(countdownText(1)).toBe('00:01')
    expect(countdownText(75 * MIN)).toBe('1:15:00')
  })

  it('counts overtime up with a plus, from +00:00', () => {
    expect(countdownText(0)).toBe('+00:00')
    expect(countdownText(-999)).toBe('+00:00')
    expect(countdownText(-1000)).toBe('+00:01')
    expect(countdownText(-(3 * MIN + 12_500))).toBe('+03:12')
    expect(countdownText(-(61 * MIN))).toBe('+1:01:00')
  })

  it('formats durations', () => {
    expect(formatDuration(0)).toBe('00:00')
    expect(formatDuration(10 * MIN)).toBe('10:00')
    expect(formatDuration(3_600_000)).toBe('1:00:00')
  })
})

describe('msUntilNextTick', () => {
  it('waits until the shown second changes', () => {
    expect(msUntilNextTick(2300)).toBe(305)
    expect(msUntilNextTick(2000)).toBe(1005)
    expect(msUntilNextTick(-300)).toBe(705)
    expect(countdownText(2300 - 305)).toBe('00:02')
    expect(countdownText(2300 - 300)).toBe('00:02')
    expect(countdownText(-300 - 705)).toBe('+00:01')
  })
})

describe('timerDisplay', () => {
  it('is calm with time to spare, amber from 5 minutes left, red at 0 and in overtime', () => {
    expect(timerDisplay(phase(), 6 * MIN)).toMatchObject({ status: 'running', tone: 'calm', note: '' })
    expect(timerDisplay(phase(), 5 * MIN)).toMatchObject({ tone: 'warning', clock: '05:00' })
    expect(timerDisplay(phase(), 0)).toMatchObject({ tone: 'overtime', clock: '+00:00', note: 'overtime' })
    expect(timerDisplay(phase(), -65_000)).toMatchObject({ tone: 'overtime', clock: '+01:05' })
  })

  it('says paused (keeping the tone), not started (with the planned length) and done', () => {
    expect(timerDisplay(phase({ paused: true }), 3 * MIN)).toMatchObject({
      status: 'paused',
      tone: 'warning',
      note: 'paused',
    })
    const waiting = phase({ name: 'briefing', startedAt: null, remainingMs: null, plannedMs: 10 * MIN })
    expect(timerDisplay(waiting, null)).toEqual({
      status: 'not-started',
      tone: 'calm',
      clock: '10:00',
      note: 'not started',
    })
    expect(timerDisplay(phase({ name: 'done', remainingMs: null, plannedMs: null }), null).status).toBe(
      'done',
    )
  })
})

describe('newerView', () => {
  it('keeps the view the server produced last, whatever order they arrive in', () => {
    const older = receiveView(view(phase({ serverNow: '2026-11-30T10:33:00.000Z' })), 10, 0)
    const newer = receiveView(view(phase({ serverNow: '2026-11-30T10:33:01.000Z', paused: true })), 5, 0)
    expect(newerView(null, older)).toBe(older)
    expect(newerView(older, newer)).toBe(newer)
    expect(newerView(newer, older)).toBe(newer)
  })
})
