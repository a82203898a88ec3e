import { activitySpans } from '@scaleboard/revisions'
import { PHASE_LABELS, PHASES, type Phase, type TimelineEvent } from '@scaleboard/schema'

/** A stretch of the session spent in one phase, from the phase events. */
export interface PhaseChapter {
  phase: Phase | null
  label: string
  /** epoch ms */
  start: number
  end: number
}

/** A phase name in an event: its `ref` when that is a phase, else the first phase label its text starts with. */
export function phaseOfEvent(event: Pick<TimelineEvent, 'text' | 'ref'>): Phase | null {
  if (event.ref && (PHASES as readonly string[]).includes(event.ref)) return event.ref as Phase
  const text = event.text.trim().toLowerCase()
  return PHASES.find((phase) => text.startsWith(PHASE_LABELS[phase].toLowerCase())) ?? null
}

/**
 * The phases as chapters of the session's span: each phase event opens one, which lasts until the
 * next phase event (or `end`). 'Done' ends the last chapter and opens none. Before the first
 * phase event there is no chapter.
 */
export function phaseChapters(events: readonly TimelineEvent[], end: number): PhaseChapter[] {
  const moves = events
    .filter((e) => e.kind === 'phase')
    .map((e) => ({ at: e.at, phase: phaseOfEvent(e), text: e.text }))
    .sort((a, b) => a.at - b.at)
  const chapters: PhaseChapter[] = []
  for (const [i, move] of moves.entries()) {
    const next = moves[i + 1]
    const chapterEnd = Math.min(next ? next.at : end, end)
    if (move.phase === 'done' || chapterEnd <= move.at) continue
    const previous = chapters.at(-1)
    // a phase event that does not change the phase (a restart of its clock) continues the chapter
    if (previous && previous.phase === move.phase && previous.end === move.at && move.phase !== null) {
      previous.end = chapterEnd
      continue
    }
    chapters.push({
      phase: move.phase,
      label: move.phase ? PHASE_LABELS[move.phase] : move.text,
      start: move.at,
      end: chapterEnd,
    })
  }
  return chapters
}

/** Who edited, as the activity lanes name them. */
export type ActivityRole = 'candidate' | 'interviewer'

export interface ActivityLane {
  start: number
  end: number
  /** how many updates the span holds */
  updates: number
}

/** Updates further apart than this belong to separate spans of activity. */
export const ACTIVITY_GAP_MS = 30_000

/**
 * When each role was editing: its updates (of either document, in any order) grouped into spans,
 * a new span starting after a pause longer than `gapMs`. The server's own writes and observers
 * (who cannot write) have no lane.
 */
export function activityLanes(
  updates: Iterable<{ at: number; role: string }>,
  gapMs = ACTIVITY_GAP_MS,
): Record<ActivityRole, ActivityLane[]> {
  const lanes: Record<ActivityRole, ActivityLane[]> = { candidate: [], interviewer: [] }
  const inOrder = [...updates].sort((a, b) => a.at - b.at)
  for (const span of activitySpans(inOrder, gapMs))
    if (span.role === 'candidate' || span.role === 'interviewer')
      lanes[span.role].push({ start: span.from, end: span.to, updates: span.edits })
  return lanes
}

/** A mark on the timeline's event lane. */
export interface EventTick {
  at: number
  kind: 'checklist' | 'feedback' | 'message' | 'requirement' | 'annotation' | 'note' | 'what-if'
  text: string
}

const TICK_KINDS = new Set<string>(['checklist', 'feedback', 'message', 'requirement', 'note', 'what-if'])

/** Annotation edits closer together than this show as one tick. */
export const ANNOTATION_BURST_MS = 10_000

/**
 * The event lane's ticks: checklist, feedback, message, requirement and note events as they are,
 * and the annotation layer's edits as one tick per burst (an annotation is drawn in many updates).
 * Phases, revisions and clock events have marks of their own.
 */
export function eventTicks(
  events: readonly TimelineEvent[],
  annotationUpdates: Iterable<{ at: number }>,
): EventTick[] {
  const ticks: EventTick[] = events
    .filter((e) => TICK_KINDS.has(e.kind))
    .map((e) => ({ at: e.at, kind: e.kind as EventTick['kind'], text: e.text }))
  const edits = [...annotationUpdates]
    .map((u) => ({ at: u.at, role: 'interviewer' }))
    .sort((a, b) => a.at - b.at)
  for (const burst of activitySpans(edits, ANNOTATION_BURST_MS))
    ticks.push({
      at: burst.from,
      kind: 'annotation',
      text: burst.edits === 1 ? 'Annotation' : `Annotations (${burst.edits} edits)`,
    })
  return ticks.sort((a, b) => a.at - b.at)
}

/** Position of `at` on the span, from 0 to 1. */
export function fractionOf(at: number, start: number, end: number): number {
  if (end <= start) return 0
  return Math.min(1, Math.max(0, (at - start) / (end - start)))
}

/** The time at a position (0–1) on the span. */
export function timeAtFraction(fraction: number, start: number, end: number): number {
  return start + Math.min(1, Math.max(0, fraction)) * (end - start)
}
