import {
  applyPhaseCommand,
  elapsedMs,
  initialPhaseClock,
  type PhaseClock,
  PhaseCommandError,
  sessionClockStamp,
} from '@scaleboard/interview'
import type { PhaseEvent, PhaseMinutes, SessionClockStamp, TimedPhase } from '@scaleboard/schema'

/** One run of a phase's clock, from its start until the next phase took over. */
export interface PhaseSpan {
  phase: TimedPhase
  /** epoch ms, server time: when its clock started */
  startedAt: number
  /** epoch ms: when the next phase (or 'done') took over; null while it still ran at `until` */
  endedAt: number | null
  /** time on the phase clock: pauses left out */
  clockMs: number
  /** time from start to end (or `until`), pauses included */
  wallMs: number
  /** planned length, extensions included */
  plannedMs: number
}

export interface PhaseTimeline {
  /** in the order they ran; a phase the interviewer went back to appears again */
  spans: PhaseSpan[]
  /** epoch ms: when the first clock started; null if none did */
  startedAt: number | null
  /** epoch ms: when the interview was moved to 'done' (the last time); null if it never was */
  finishedAt: number | null
}

interface Step {
  at: number
  before: PhaseClock
  after: PhaseClock
  isMove: boolean
}

/**
 * Replays the stored events exactly as the server's clock does (`applyPhaseCommand`; an event
 * that no longer applies is skipped), in their stored order.
 */
function replay(
  events: readonly PhaseEvent[],
  minutes: PhaseMinutes,
  visit: (step: Step) => void,
): PhaseClock {
  let clock = initialPhaseClock(minutes)
  const ordered = [...events].sort((a, b) => a.seq - b.seq)
  for (const event of ordered) {
    const at = Date.parse(event.at)
    let next: PhaseClock
    try {
      next = applyPhaseCommand(clock, event.command, at, minutes)
    } catch (error) {
      if (error instanceof PhaseCommandError) continue
      throw error
    }
    visit({ at, before: clock, after: next, isMove: 'phase' in event.command })
    clock = next
  }
  return clock
}

function span(clock: PhaseClock, end: number, endedAt: number | null): PhaseSpan | null {
  if (clock.phase === 'done' || clock.startedAt === null || clock.plannedMs === null) return null
  return {
    phase: clock.phase,
    startedAt: clock.startedAt,
    endedAt,
    clockMs: elapsedMs(clock, end) ?? 0,
    wallMs: Math.max(0, end - clock.startedAt),
    plannedMs: clock.plannedMs,
  }
}

/**
 * The phases as they ran, from the stored phase events; `until` (epoch ms, e.g. when the report is
 * made) ends a phase that is still running.
 */
export function phaseTimeline(
  events: readonly PhaseEvent[],
  minutes: PhaseMinutes,
  until: number,
): PhaseTimeline {
  const spans: PhaseSpan[] = []
  let finishedAt: number | null = null
  const last = replay(events, minutes, ({ at, before, after, isMove }) => {
    if (!isMove) return
    const closed = span(before, at, at)
    if (closed) spans.push(closed)
    finishedAt = after.phase === 'done' ? at : null
  })
  const running = span(last, Math.max(until, last.startedAt ?? until), null)
  if (running) spans.push(running)
  return { spans, startedAt: spans[0]?.startedAt ?? null, finishedAt }
}

/**
 * Where the session clock stood at `at` (epoch ms): "design +34:10" once formatted. With
 * `justBefore`, a phase change at that very instant is not counted yet: a revision taken as the
 * interview left a phase belongs to the phase it closed.
 */
export function clockStampAt(
  events: readonly PhaseEvent[],
  minutes: PhaseMinutes,
  at: number,
  justBefore = false,
): SessionClockStamp {
  const before = events.filter((event) =>
    justBefore ? Date.parse(event.at) < at : Date.parse(event.at) <= at,
  )
  return sessionClockStamp(
    replay(before, minutes, () => {}),
    at,
  )
}
