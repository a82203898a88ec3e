import type { PhaseCommand, PhaseEvent, PhaseMinutes } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { clockStampAt, phaseTimeline } from './phaseTimeline.ts'

const MIN = 60_000
const T0 = Date.parse('2026-12-01T14:00:00.000Z')
const minutes: PhaseMinutes = { briefing: 10, design: 60, walkthrough: 15, feedback: 10, revision: 15 }

function events(...steps: Array<[minute: number, command: PhaseCommand]>): PhaseEvent[] {
  return steps.map(([minute, command], i) => ({
    seq: i + 1,
    at: new Date(T0 + minute * MIN).toISOString(),
    author: 'interviewer',
    command,
  }))
}

describe('phaseTimeline', () => {
  it('gives each phase its start, clock time without pauses, wall time and plan, up to done', () => {
    const log = events(
      [0, { action: 'start' }],
      [12, { phase: 'design' }],
      [30, { action: 'pause' }],
      [35, { action: 'resume' }],
      [40, { action: 'extend', minutes: 5 }],
      [82, { phase: 'walkthrough' }],
      [95, { phase: 'done' }],
    )
    const timeline = phaseTimeline(log, minutes, T0 + 200 * MIN)
    expect(timeline.startedAt).toBe(T0)
    expect(timeline.finishedAt).toBe(T0 + 95 * MIN)
    expect(timeline.spans).toEqual([
      {
        phase: 'briefing',
        startedAt: T0,
        endedAt: T0 + 12 * MIN,
        clockMs: 12 * MIN,
        wallMs: 12 * MIN,
        plannedMs: 10 * MIN,
      },
      {
        phase: 'design',
        startedAt: T0 + 12 * MIN,
        endedAt: T0 + 82 * MIN,
        clockMs: 65 * MIN,
        wallMs: 70 * MIN,
        plannedMs: 65 * MIN,
      },
      {
        phase: 'walkthrough',
        startedAt: T0 + 82 * MIN,
        endedAt: T0 + 95 * MIN,
        clockMs: 13 * MIN,
        wallMs: 13 * MIN,
        plannedMs: 15 * MIN,
      },
    ])
  })

  it('ends a running phase at `until`, replays by seq, and skips events that do not apply', () => {
    const log = events([0, { phase: 'design' }], [5, { action: 'resume' }], [10, { action: 'pause' }])
    const timeline = phaseTimeline([...log].reverse(), minutes, T0 + 30 * MIN)
    expect(timeline.finishedAt).toBeNull()
    // the resume before any pause is refused, as the server refused it; the pause still runs
    expect(timeline.spans).toEqual([
      {
        phase: 'design',
        startedAt: T0,
        endedAt: null,
        clockMs: 10 * MIN,
        wallMs: 30 * MIN,
        plannedMs: 60 * MIN,
      },
    ])
  })

  it('lists a phase again when the interviewer went back to it, and nothing before any start', () => {
    expect(phaseTimeline([], minutes, T0)).toEqual({ spans: [], startedAt: null, finishedAt: null })
    const log = events([0, { phase: 'design' }], [20, { phase: 'briefing' }], [25, { phase: 'design' }])
    const phases = phaseTimeline(log, minutes, T0 + 30 * MIN).spans.map((s) => [s.phase, s.clockMs / MIN])
    expect(phases).toEqual([
      ['design', 20],
      ['briefing', 5],
      ['design', 5],
    ])
  })
})

describe('clockStampAt', () => {
  it('places a time on the session clock, pauses left out', () => {
    const log = events(
      [0, { phase: 'design' }],
      [10, { action: 'pause' }],
      [15, { action: 'resume' }],
      [60, { phase: 'feedback' }],
    )
    expect(clockStampAt(log, minutes, T0 + 39 * MIN + 10_000)).toEqual({
      at: new Date(T0 + 39 * MIN + 10_000).toISOString(),
      phase: 'design',
      phaseElapsedMs: 34 * MIN + 10_000,
    })
    expect(clockStampAt(log, minutes, T0 + 61 * MIN).phase).toBe('feedback')
    expect(clockStampAt(log, minutes, T0 - MIN)).toMatchObject({ phase: 'briefing', phaseElapsedMs: null })
  })
})

describe('clockStampAt just before', () => {
  it('leaves out a phase change at that very instant', () => {
    const log = events([0, { phase: 'design' }], [60, { phase: 'feedback' }])
    expect(clockStampAt(log, minutes, T0 + 60 * MIN).phase).toBe('feedback')
    expect(clockStampAt(log, minutes, T0 + 60 * MIN, true)).toMatchObject({
      phase: 'design',
      phaseElapsedMs: 60 * MIN,
    })
  })
})
