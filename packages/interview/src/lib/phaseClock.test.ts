import { PHASES, type PhaseCommand, type PhaseMinutes, PhaseView } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { PhaseCommandError } from './PhaseCommandError.ts'
import {
  applyPhaseCommand,
  elapsedMs,
  initialPhaseClock,
  type PhaseClock,
  phaseClockFromEvents,
  phaseView,
} from './phaseClock.ts'

const MIN = 60_000
const SEC = 1000
const T0 = Date.parse('2026-05-04T09:00:00.000Z')
const minutes: PhaseMinutes = { briefing: 10, design: 75, walkthrough: 15, feedback: 10, revision: 15 }

/** Applies commands given as [ms after T0, command], in order. */
function run(
  steps: Array<[number, PhaseCommand]>,
  from: PhaseClock = initialPhaseClock(minutes),
): PhaseClock {
  return steps.reduce(
    (clock, [offset, command]) => applyPhaseCommand(clock, command, T0 + offset, minutes),
    from,
  )
}

function codeOf(action: () => unknown): string | null {
  try {
    action()
    return null
  } catch (error) {
    expect(error).toBeInstanceOf(PhaseCommandError)
    return (error as PhaseCommandError).code
  }
}

describe('the initial clock', () => {
  it('waits in the briefing, not started, with the briefing’s planned length', () => {
    expect(initialPhaseClock(minutes)).toEqual({
      phase: 'briefing',
      startedAt: null,
      plannedMs: 10 * MIN,
      pausedAt: null,
      pausedTotalMs: 0,
    })
  })

  it('shows no countdown until started', () => {
    const view = phaseView(initialPhaseClock(minutes), T0)
    expect(view).toEqual({
      name: 'briefing',
      startedAt: null,
      endsAt: null,
      paused: false,
      remainingMs: null,
      plannedMs: 10 * MIN,
      serverNow: '2026-05-04T09:00:00.000Z',
    })
    expect(PhaseView.parse(view)).toEqual(view)
  })
})

describe('start', () => {
  it('starts the current phase’s clock at the command’s time', () => {
    const clock = run([[5 * SEC, { action: 'start' }]])
    expect(clock).toMatchObject({ phase: 'briefing', startedAt: T0 + 5 * SEC, plannedMs: 10 * MIN })
    expect(phaseView(clock, T0 + 65 * SEC)).toMatchObject({
      startedAt: '2026-05-04T09:00:05.000Z',
      endsAt: '2026-05-04T09:10:05.000Z',
      paused: false,
      remainingMs: 9 * MIN,
      serverNow: '2026-05-04T09:01:05.000Z',
    })
  })

  it('refuses a second start', () => {
    const clock = run([[0, { action: 'start' }]])
    expect(codeOf(() => applyPhaseCommand(clock, { action: 'start' }, T0 + SEC, minutes))).toBe(
      'already_started',
    )
  })

  it('refuses a start in a phase that was entered (its clock runs already)', () => {
    const clock = run([[0, { phase: 'design' }]])
    expect(codeOf(() => applyPhaseCommand(clock, { action: 'start' }, T0, minutes))).toBe('already_started')
  })
})

describe('pause and resume', () => {
  it('freezes the remaining time while paused and moves the end by the pause on resume', () => {
    const paused = run([
      [0, { phase: 'design' }],
      [10 * MIN, { action: 'pause' }],
    ])
    for (const later of [10 * MIN, 11 * MIN, 3 * 60 * MIN]) {
      expect(phaseView(paused, T0 + later)).toMatchObject({
        paused: true,
        remainingMs: 65 * MIN,
        endsAt: null,
        startedAt: '2026-05-04T09:00:00.000Z',
      })
    }
    const resumed = applyPhaseCommand(paused, { action: 'resume' }, T0 + 13 * MIN, minutes)
    expect(resumed).toMatchObject({ pausedAt: null, pausedTotalMs: 3 * MIN })
    expect(phaseView(resumed, T0 + 13 * MIN)).toMatchObject({
      paused: false,
      remainingMs: 65 * MIN,
      endsAt: new Date(T0 + 78 * MIN).toISOString(),
    })
    expect(phaseView(resumed, T0 + 20 * MIN).remainingMs).toBe(58 * MIN)
  })

  it('adds up several pauses in the same phase', () => {
    const clock = run([
      [0, { phase: 'walkthrough' }],
      [1 * MIN, { action: 'pause' }],
      [2 * MIN, { action: 'resume' }],
      [5 * MIN, { action: 'pause' }],
      [9 * MIN, { action: 'resume' }],
    ])
    expect(clock.pausedTotalMs).toBe(5 * MIN)
    expect(elapsedMs(clock, T0 + 10 * MIN)).toBe(5 * MIN)
    expect(phaseView(clock, T0 + 10 * MIN)).toMatchObject({
      remainingMs: 10 * MIN,
      endsAt: new Date(T0 + 20 * MIN).toISOString(),
    })
  })

  it('refuses pause and resume before the start, a second pause, and a resume when running', () => {
    const waiting = initialPhaseClock(minutes)
    expect(codeOf(() => applyPhaseCommand(waiting, { action: 'pause' }, T0, minutes))).toBe('not_started')
    expect(codeOf(() => applyPhaseCommand(waiting, { action: 'resume' }, T0, minutes))).toBe('not_started')
    const running = run([[0, { action: 'start' }]])
    expect(codeOf(() => applyPhaseCommand(running, { action: 'resume' }, T0 + SEC, minutes))).toBe(
      'not_paused',
    )
    const paused = applyPhaseCommand(running, { action: 'pause' }, T0 + SEC, minutes)
    expect(codeOf(() => applyPhaseCommand(paused, { action: 'pause' }, T0 + 2 * SEC, minutes))).toBe(
      'already_paused',
    )
  })

  it('never counts a negative pause when a resume is stamped before its pause', () => {
    const clock = run([
      [0, { phase: 'design' }],
      [10 * MIN, { action: 'pause' }],
      [9 * MIN, { action: 'resume' }],
    ])
    expect(clock.pausedTotalMs).toBe(0)
  })
})

describe('extend', () => {
  it('lengthens a running phase: later end, more time left', () => {
    const clock = run([
      [0, { phase: 'design' }],
      [70 * MIN, { action: 'extend', minutes: 10 }],
    ])
    expect(clock.plannedMs).toBe(85 * MIN)
    expect(phaseView(clock, T0 + 70 * MIN)).toMatchObject({
      plannedMs: 85 * MIN,
      remainingMs: 15 * MIN,
      endsAt: new Date(T0 + 85 * MIN).toISOString(),
    })
  })

  it('lengthens a paused phase without resuming it', () => {
    const clock = run([
      [0, { phase: 'feedback' }],
      [4 * MIN, { action: 'pause' }],
      [5 * MIN, { action: 'extend', minutes: 2.5 }],
    ])
    expect(phaseView(clock, T0 + 6 * MIN)).toMatchObject({
      paused: true,
      plannedMs: 12.5 * MIN,
      remainingMs: 8.5 * MIN,
      endsAt: null,
    })
    const resumed = applyPhaseCommand(clock, { action: 'resume' }, T0 + 7 * MIN, minutes)
    expect(phaseView(resumed, T0 + 7 * MIN).remainingMs).toBe(8.5 * MIN)
  })

  it('adds up, and brings a phase in overtime back into time', () => {
    const overtime = run([[0, { phase: 'revision' }]])
    expect(phaseView(overtime, T0 + 17 * MIN).remainingMs).toBe(-2 * MIN)
    const clock = run(
      [
        [17 * MIN, { action: 'extend', minutes: 5 }],
        [17 * MIN, { action: 'extend', minutes: 1 }],
      ],
      overtime,
    )
    expect(phaseView(clock, T0 + 17 * MIN).remainingMs).toBe(4 * MIN)
  })

  it('lengthens a phase that has not started yet', () => {
    const clock = run([[0, { action: 'extend', minutes: 5 }]])
    expect(clock).toMatchObject({ startedAt: null, plannedMs: 15 * MIN })
    expect(phaseView(clock, T0).remainingMs).toBeNull()
  })
})

describe('moving between phases', () => {
  it('starts the new phase’s clock with its own planned minutes and forgets the old pauses and extensions', () => {
    const before = run([
      [0, { action: 'start' }],
      [2 * MIN, { action: 'pause' }],
      [4 * MIN, { action: 'resume' }],
      [5 * MIN, { action: 'extend', minutes: 20 }],
      [6 * MIN, { action: 'pause' }],
    ])
    const design = applyPhaseCommand(before, { phase: 'design' }, T0 + 8 * MIN, minutes)
    expect(design).toEqual({
      phase: 'design',
      startedAt: T0 + 8 * MIN,
      plannedMs: 75 * MIN,
      pausedAt: null,
      pausedTotalMs: 0,
    })
    expect(phaseView(design, T0 + 9 * MIN)).toMatchObject({ paused: false, remainingMs: 74 * MIN })
  })

  it('goes forwards, backwards, or restarts the same phase', () => {
    const steps: Array<[number, PhaseCommand]> = [
      [0, { phase: 'walkthrough' }],
      [MIN, { phase: 'design' }],
      [2 * MIN, { phase: 'design' }],
    ]
    const clock = run(steps)
    expect(clock).toMatchObject({ phase: 'design', startedAt: T0 + 2 * MIN, plannedMs: 75 * MIN })
  })

  it('can enter every phase from every phase', () => {
    for (const from of PHASES)
      for (const to of PHASES) {
        const clock = run([
          [0, { phase: from }],
          [MIN, { phase: to }],
        ])
        expect(clock.phase).toBe(to)
        expect(clock.startedAt).toBe(T0 + MIN)
      }
  })
})

describe('overtime', () => {
  it('counts below zero and never stops the clock', () => {
    const clock = run([[0, { phase: 'walkthrough' }]])
    expect(phaseView(clock, T0 + 15 * MIN).remainingMs).toBe(0)
    expect(phaseView(clock, T0 + 15 * MIN + 1).remainingMs).toBe(-1)
    expect(phaseView(clock, T0 + 21 * MIN)).toMatchObject({
      name: 'walkthrough',
      paused: false,
      remainingMs: -6 * MIN,
      endsAt: new Date(T0 + 15 * MIN).toISOString(),
    })
  })

  it('freezes overtime during a pause', () => {
    const clock = run([
      [0, { phase: 'walkthrough' }],
      [16 * MIN, { action: 'pause' }],
    ])
    expect(phaseView(clock, T0 + 30 * MIN).remainingMs).toBe(-1 * MIN)
  })
})

describe('done', () => {
  const done = run([
    [0, { phase: 'revision' }],
    [3 * MIN, { action: 'pause' }],
    [4 * MIN, { phase: 'done' }],
  ])

  it('stops the clock: no plan, no countdown, not paused, stamped with when it finished', () => {
    expect(done).toEqual({
      phase: 'done',
      startedAt: T0 + 4 * MIN,
      plannedMs: null,
      pausedAt: null,
      pausedTotalMs: 0,
    })
    const view = phaseView(done, T0 + 60 * MIN)
    expect(view).toEqual({
      name: 'done',
      startedAt: new Date(T0 + 4 * MIN).toISOString(),
      endsAt: null,
      paused: false,
      remainingMs: null,
      plannedMs: null,
      serverNow: new Date(T0 + 60 * MIN).toISOString(),
    })
    expect(PhaseView.parse(view)).toEqual(view)
  })

  it('refuses every clock command', () => {
    for (const command of [
      { action: 'start' },
      { action: 'pause' },
      { action: 'resume' },
      { action: 'extend', minutes: 5 },
    ] satisfies PhaseCommand[])
      expect(
        codeOf(() => applyPhaseCommand(done, command, T0 + 5 * MIN, minutes)),
        command.action,
      ).toBe('finished')
  })

  it('can be left again for a phase, whose clock starts afresh', () => {
    const back = applyPhaseCommand(done, { phase: 'revision' }, T0 + 5 * MIN, minutes)
    expect(back).toMatchObject({ phase: 'revision', startedAt: T0 + 5 * MIN, plannedMs: 15 * MIN })
  })
})

describe('purity', () => {
  it('never changes the clock it is given', () => {
    const clock = run([[0, { phase: 'design' }]])
    const copy = structuredClone(clock)
    applyPhaseCommand(clock, { action: 'pause' }, T0 + MIN, minutes)
    applyPhaseCommand(clock, { action: 'extend', minutes: 3 }, T0 + MIN, minutes)
    applyPhaseCommand(clock, { phase: 'done' }, T0 + MIN, minutes)
    phaseView(clock, T0 + MIN)
    expect(clock).toEqual(copy)
  })
})

describe('replay', () => {
  const script: Array<{ at: number; command: PhaseCommand }> = [
    { at: T0, command: { action: 'start' } },
    { at: T0 + 8 * MIN, command: { phase: 'design' } },
    { at: T0 + 20 * MIN, command: { action: 'pause' } },
    { at: T0 + 25 * MIN, command: { action: 'extend', minutes: 10 } },
    { at: T0 + 26 * MIN, command: { action: 'resume' } },
    { at: T0 + 90 * MIN, command: { action: 'extend', minutes: 5 } },
    { at: T0 + 100 * MIN, command: { phase: 'walkthrough' } },
    { at: T0 + 101 * MIN, command: { action: 'pause' } },
    { at: T0 + 102 * MIN, command: { action: 'resume' } },
    { at: T0 + 118 * MIN, command: { phase: 'feedback' } },
    { at: T0 + 130 * MIN, command: { phase: 'revision' } },
  ]

  it('equals applying the same commands one by one, after every prefix', () => {
    for (let n = 0; n <= script.length; n++) {
      const prefix = script.slice(0, n)
      const incremental = prefix.reduce(
        (clock, { at, command }) => applyPhaseCommand(clock, command, at, minutes),
        initialPhaseClock(minutes),
      )
      expect(phaseClockFromEvents(prefix, minutes), `after ${n} events`).toEqual(incremental)
    }
  })

  it('rebuilds the clock a restarted server shows', () => {
    const clock = phaseClockFromEvents(script, minutes)
    expect(phaseView(clock, T0 + 131 * MIN)).toMatchObject({
      name: 'revision',
      remainingMs: 14 * MIN,
      plannedMs: 15 * MIN,
      paused: false,
    })
  })

  it('skips a stored event that no longer applies, and keeps going', () => {
    const clock = phaseClockFromEvents(
      [
        { at: T0, command: { action: 'resume' } },
        { at: T0 + MIN, command: { phase: 'design' } },
        { at: T0 + 2 * MIN, command: { action: 'start' } },
        { at: T0 + 3 * MIN, command: { action: 'pause' } },
        { at: T0 + 4 * MIN, command: { action: 'pause' } },
        { at: T0 + 5 * MIN, command: { phase: 'done' } },
        { at: T0 + 6 * MIN, command: { action: 'extend', minutes: 5 } },
      ],
      minutes,
    )
    expect(clock).toEqual({
      phase: 'done',
      startedAt: T0 + 5 * MIN,
      plannedMs: null,
      pausedAt: null,
      pausedTotalMs: 0,
    })
  })

  it('starts from the initial clock when there is nothing stored', () => {
    expect(phaseClockFromEvents([], minutes)).toEqual(initialPhaseClock(minutes))
  })
})
