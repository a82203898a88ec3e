import type { Phase, PhaseCommand, PhaseMinutes, PhaseView } from '@scaleboard/schema'
import { PhaseCommandError } from './PhaseCommandError.ts'

const MS_PER_MINUTE = 60_000

/** The phase and its clock, in server epoch ms. */
export interface PhaseClock {
  phase: Phase
  /** when the current phase's clock started; null until started ('briefing' waits for 'start') */
  startedAt: number | null
  /** planned length of the current phase in ms, extensions included; null for 'done' */
  plannedMs: number | null
  /** set while paused */
  pausedAt: number | null
  /** time spent paused in the current phase, ms (not counting a pause still running) */
  pausedTotalMs: number
}

/** A new session's clock: in the briefing, with the briefing's planned minutes, not started. */
export function initialPhaseClock(minutes: PhaseMinutes): PhaseClock {
  return {
    phase: 'briefing',
    startedAt: null,
    plannedMs: minutes.briefing * MS_PER_MINUTE,
    pausedAt: null,
    pausedTotalMs: 0,
  }
}

/**
 * Pure transition; throws PhaseCommandError for a command that makes no sense now (e.g. resume
 * when not paused, pause before start, extend/pause in 'done'). Moving to any phase (forwards,
 * backwards, or the same one) starts that phase's clock at `at` with its planned minutes; moving
 * to 'done' stops the clock (its `startedAt` then records when the interview finished).
 *
 * `extend` is allowed before the start: it lengthens the phase that is about to run.
 */
export function applyPhaseCommand(
  clock: PhaseClock,
  command: PhaseCommand,
  at: number,
  minutes: PhaseMinutes,
): PhaseClock {
  if ('phase' in command) {
    const { phase } = command
    return {
      phase,
      startedAt: at,
      plannedMs: phase === 'done' ? null : minutes[phase] * MS_PER_MINUTE,
      pausedAt: null,
      pausedTotalMs: 0,
    }
  }
  if (clock.phase === 'done' || clock.plannedMs === null)
    throw new PhaseCommandError('finished', `The interview is finished: "${command.action}" does not apply.`)
  switch (command.action) {
    case 'start':
      if (clock.startedAt !== null)
        throw new PhaseCommandError('already_started', `The ${clock.phase} clock is already running.`)
      return { ...clock, startedAt: at, pausedAt: null, pausedTotalMs: 0 }
    case 'pause':
      if (clock.startedAt === null)
        throw new PhaseCommandError('not_started', `The ${clock.phase} clock has not started yet.`)
      if (clock.pausedAt !== null)
        throw new PhaseCommandError('already_paused', `The ${clock.phase} clock is already paused.`)
      return { ...clock, pausedAt: Math.max(at, clock.startedAt) }
    case 'resume':
      if (clock.startedAt === null)
        throw new PhaseCommandError('not_started', `The ${clock.phase} clock has not started yet.`)
      if (clock.pausedAt === null)
        throw new PhaseCommandError('not_paused', `The ${clock.phase} clock is not paused.`)
      return {
        ...clock,
        pausedAt: null,
        pausedTotalMs: clock.pausedTotalMs + Math.max(0, at - clock.pausedAt),
      }
    case 'extend':
      return { ...clock, plannedMs: clock.plannedMs + command.minutes * MS_PER_MINUTE }
    default:
      return assertNever(command)
  }
}

/**
 * Replays stored events (oldest first) from the initial clock; a stored event that no longer
 * applies is skipped, not fatal.
 */
export function phaseClockFromEvents(
  events: ReadonlyArray<{ at: number; command: PhaseCommand }>,
  minutes: PhaseMinutes,
): PhaseClock {
  let clock = initialPhaseClock(minutes)
  for (const { at, command } of events) {
    try {
      clock = applyPhaseCommand(clock, command, at, minutes)
    } catch (error) {
      if (!(error instanceof PhaseCommandError)) throw error
    }
  }
  return clock
}

/** Planned time consumed at `now`: time since the start, less the pauses (a running pause freezes it). */
export function elapsedMs(clock: PhaseClock, now: number): number | null {
  if (clock.startedAt === null) return null
  const until = clock.pausedAt ?? now
  return Math.max(0, until - clock.startedAt - clock.pausedTotalMs)
}

/**
 * What everyone sees at server time `now` (ISO strings; remainingMs negative in overtime; paused:
 * remaining frozen at the pause).
 */
export function phaseView(clock: PhaseClock, now: number): PhaseView {
  const elapsed = elapsedMs(clock, now)
  const remainingMs = clock.plannedMs === null || elapsed === null ? null : clock.plannedMs - elapsed
  const endsAt =
    clock.startedAt !== null && clock.pausedAt === null && clock.plannedMs !== null
      ? clock.startedAt + clock.pausedTotalMs + clock.plannedMs
      : null
  return {
    name: clock.phase,
    startedAt: clock.startedAt === null ? null : iso(clock.startedAt),
    endsAt: endsAt === null ? null : iso(endsAt),
    paused: clock.pausedAt !== null,
    remainingMs,
    plannedMs: clock.plannedMs,
    serverNow: iso(now),
  }
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString()
}

function assertNever(value: never): never {
  throw new Error(`unhandled phase command ${JSON.stringify(value)}`)
}
