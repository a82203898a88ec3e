import {
  CHECKLIST_GROUP_LABELS,
  type ChecklistEntry,
  type Feedback,
  type InterviewerNote,
  PHASE_LABELS,
  type Phase,
  type PhaseCommand,
  type RequirementChange,
  type Revision,
  type SessionMessage,
  type TimelineEvent,
} from '@scaleboard/schema'

/** The label of the revision taken when the interview leaves a phase; null: none is taken. */
export function phaseRevisionLabel(left: Phase): string | null {
  switch (left) {
    case 'design':
      return 'End of design'
    case 'walkthrough':
      return 'After walkthrough'
    case 'feedback':
      return 'After feedback'
    case 'revision':
      return 'After revision'
    case 'briefing':
    case 'done':
      return null
  }
}

/** A stored phase command with its time (epoch ms). */
export interface TimedPhaseCommand {
  at: number
  command: PhaseCommand
}

/** What the timeline is built from: the session's stored records, as the store returns them. */
export interface SessionRecords {
  phaseEvents: readonly TimedPhaseCommand[]
  revisions: readonly Revision[]
  /** the checklist with its states (items without `changedAt` were never ticked and are left out) */
  checklist: readonly ChecklistEntry[]
  messages: readonly SessionMessage[]
  requirementChanges: readonly RequirementChange[]
  feedback: Feedback | null
  /** private notes: pass them only for the interviewer's side */
  notes?: readonly InterviewerNote[]
  /** the analysis's what-ifs and their resets, in words: only for those who may see them */
  analysisChanges?: ReadonlyArray<{ at: number; text: string }>
}

const STATUS_WORDS: Record<NonNullable<ChecklistEntry['status']>, string> = {
  open: 'open',
  partial: 'partly met',
  met: 'met',
  missed: 'missed',
}

/**
 * Everything that happened beside the board, as one list on one time axis (epoch ms, oldest
 * first), each with a line a person reads. Checklist items and the feedback keep only their
 * latest change: the store keeps states, not every tick.
 */
export function sessionTimeline(records: SessionRecords): TimelineEvent[] {
  const events: TimelineEvent[] = []
  for (const { at, command } of records.phaseEvents) events.push(phaseEvent(at, command))
  for (const revision of records.revisions)
    events.push({
      at: Date.parse(revision.at),
      kind: 'revision',
      text: `Revision “${revision.label}”`,
      ref: revision.id,
    })
  for (const item of records.checklist) {
    if (!item.changedAt || !item.status) continue
    const group = CHECKLIST_GROUP_LABELS[item.group]
    events.push({
      at: Date.parse(item.changedAt.at),
      kind: 'checklist',
      text: `Checklist: ${item.text} — ${STATUS_WORDS[item.status]}${group ? ` (${group})` : ''}`,
      ref: item.id,
    })
  }
  for (const message of records.messages) {
    const who = message.author === 'candidate' ? 'Q' : message.clarification ? 'Clarification' : 'A'
    events.push({
      at: Date.parse(message.at.at),
      kind: 'message',
      text: `${who}: ${message.text}`,
      ref: message.id,
    })
  }
  for (const change of records.requirementChanges)
    events.push({
      at: Date.parse(change.at.at),
      kind: 'requirement',
      text: `New requirement: ${change.text}`,
      ref: change.id,
    })
  if (records.feedback)
    events.push({
      at: Date.parse(records.feedback.updatedAt.at),
      kind: 'feedback',
      text: records.feedback.released ? 'Feedback shared with the candidate' : 'Feedback written',
    })
  for (const change of records.analysisChanges ?? [])
    events.push({ at: change.at, kind: 'what-if', text: change.text })
  for (const note of records.notes ?? [])
    events.push({ at: Date.parse(note.at.at), kind: 'note', text: `Note: ${note.text}`, ref: note.id })
  // stable: events of the same millisecond keep the order above (a phase before its revision)
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.at - b.event.at || a.index - b.index)
    .map(({ event }) => event)
}

function phaseEvent(at: number, command: PhaseCommand): TimelineEvent {
  if ('phase' in command)
    return {
      at,
      kind: 'phase',
      text: command.phase === 'done' ? 'Interview finished' : `${PHASE_LABELS[command.phase]} started`,
      ref: command.phase,
    }
  switch (command.action) {
    case 'start':
      return { at, kind: 'clock', text: 'Clock started' }
    case 'pause':
      return { at, kind: 'clock', text: 'Clock paused' }
    case 'resume':
      return { at, kind: 'clock', text: 'Clock resumed' }
    case 'extend':
      return { at, kind: 'clock', text: `Phase extended by ${command.minutes} min` }
  }
}

/** A stretch of time in which someone kept editing (no gap longer than the split). */
export interface ActivitySpan {
  role: string
  from: number
  to: number
  edits: number
}

/**
 * Who was active when: each role's edits (update times) joined into spans, split where the role
 * made no edit for longer than `gapMs`.
 */
export function activitySpans(edits: Iterable<{ at: number; role: string }>, gapMs = 30_000): ActivitySpan[] {
  const open = new Map<string, ActivitySpan>()
  const spans: ActivitySpan[] = []
  for (const { at, role } of edits) {
    if (role === 'system') continue
    const span = open.get(role)
    if (span && at - span.to <= gapMs) {
      span.to = Math.max(span.to, at)
      span.edits += 1
    } else {
      const next = { role, from: at, to: at, edits: 1 }
      open.set(role, next)
      spans.push(next)
    }
  }
  return spans.sort((a, b) => a.from - b.from)
}

/**
 * The two revisions that frame the revision phase, for its diff: the newest revision taken when
 * (or before) the phase started, and the first taken when (or after) it ended — or, while it
 * still runs, the newest revision since it started. Null when the interview had no revision
 * phase or there is nothing to compare.
 */
export function revisionPhasePair(
  phaseEvents: readonly TimedPhaseCommand[],
  revisions: readonly Revision[],
): { from: Revision; to: Revision } | null {
  const started = phaseEvents.findLast(({ command }) => 'phase' in command && command.phase === 'revision')
  if (!started) return null
  const ended = phaseEvents.find(
    ({ at, command }) => at >= started.at && 'phase' in command && command.phase !== 'revision',
  )
  const timed = revisions.map((revision) => ({ revision, at: Date.parse(revision.at) }))
  const from = timed.findLast(({ at }) => at <= started.at)?.revision
  const to = ended
    ? timed.find(({ at }) => at >= ended.at)?.revision
    : timed.findLast(({ at }) => at > started.at)?.revision
  return from && to && from.id !== to.id ? { from, to } : null
}
