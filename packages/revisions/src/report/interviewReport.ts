import { formatClockStamp } from '@scaleboard/interview'
import {
  type BoardDiff,
  CHECKLIST_GROUP_LABELS,
  CHECKLIST_GROUPS,
  type ChecklistEntry,
  type ChecklistStatus,
  type DiffEntry,
  type Feedback,
  type InterviewerNote,
  type Level,
  PHASE_LABELS,
  type PhaseEvent,
  type PhaseMinutes,
  type RequirementChange,
  type Revision,
  type RevisionAuthor,
  type RevisionKind,
  type SessionClockStamp,
  type SessionMessage,
} from '@scaleboard/schema'
import type { BoardSvg } from './boardSvg.ts'
import { formatDateTime, formatDuration, formatTimeOfDay } from './format.ts'
import { clockStampAt, phaseTimeline } from './phaseTimeline.ts'

/** A revision in the report: the record and its board drawn by `boardSvg`. */
export interface ReportRevision {
  revision: Revision
  svg: BoardSvg
}

/** What changed during the revision phase, between two revisions named by their labels. */
export interface ReportRevisionDiff {
  from: string
  to: string
  diff: BoardDiff
}

/**
 * Everything the interview report shows, gathered by the caller (the server) from the session's
 * stores. What a reader may see is the caller's decision: it passes the checklist and feedback as
 * that reader gets them, and sets `includePrivateNotes` only for the interviewer's side.
 */
export interface InterviewReport {
  session: {
    title: string
    candidateName: string | null
    scenarioTitle: string | null
    level: Level | null
    /** ISO 8601 */
    createdAt: string
  }
  /** ISO 8601: when the report is made; a phase still running is shown up to this time */
  generatedAt: string
  /** the interviewer's private notes are in the report only when this is true */
  includePrivateNotes: boolean
  /** the stored phase events (any order: replayed by `seq`) and the session's planned minutes */
  phaseEvents: readonly PhaseEvent[]
  phaseMinutes: PhaseMinutes
  checklist: readonly ChecklistEntry[]
  /** left out of the report unless `includePrivateNotes` */
  notes: readonly InterviewerNote[]
  feedback: Feedback | null
  messages: readonly SessionMessage[]
  requirements: readonly RequirementChange[]
  revisions: readonly ReportRevision[]
  /** null when the interview had no revision phase (or nothing to compare) */
  revisionDiff: ReportRevisionDiff | null
}

// ------------------------------------------------------------------------------------------------
// The report as plain strings, section by section: the Markdown and HTML writers lay it out and
// escape it, so both say the same things.

export interface TimelineRow {
  phase: string
  started: string
  /** time on the phase clock, pauses left out */
  clock: string
  planned: string
  /** "+02:30" when the clock ran past the plan */
  overtime: string | null
  /** start to end, pauses included */
  wall: string
  running: boolean
}

export interface ChecklistLine {
  symbol: string
  status: string
  statusKey: ChecklistStatus | 'unrated'
  text: string
  note: string | null
  stamp: string | null
  addedLive: boolean
}

export interface StampedText {
  stamp: string
  text: string
}

export interface ReportView {
  title: string
  facts: Array<{ label: string; value: string }>
  timeline: { rows: TimelineRow[]; summary: string }
  checklist: { summary: string; groups: Array<{ label: string; items: ChecklistLine[] }> }
  /** null: the section is left out (not the interviewer's side) */
  notes: Array<StampedText & { about: string | null }> | null
  feedback: {
    released: boolean
    stamp: string
    points: Array<{ label: string; text: string; anchors: number }>
  } | null
  messages: Array<StampedText & { author: string; clarification: boolean }>
  requirements: Array<StampedText & { status: string | null }>
  revisions: Array<{ label: string; meta: string; svg: BoardSvg }>
  diff: { from: string; to: string; parts: Array<{ label: string; entries: DiffLine[] }> } | null
  generatedAt: string
}

/** A diff entry as the report lists it: its summary, and any detail the summary does not already say. */
export interface DiffLine {
  summary: string
  details: string[]
}

function diffLine(entry: DiffEntry): DiffLine {
  return {
    summary: entry.summary,
    details: entry.details.filter((detail) => detail.trim() && !entry.summary.includes(detail)),
  }
}

const STATUS: Record<ChecklistStatus | 'unrated', { symbol: string; label: string }> = {
  met: { symbol: '✓', label: 'Met' },
  partial: { symbol: '◐', label: 'Partial' },
  missed: { symbol: '✗', label: 'Missed' },
  open: { symbol: '○', label: 'Open' },
  unrated: { symbol: '·', label: 'Not rated' },
}

const LEVEL_LABELS: Record<Level, string> = { junior: 'Junior', mid: 'Mid-level', senior: 'Senior' }

const REVISION_KIND_LABELS: Record<RevisionKind, string> = {
  phase: 'taken at a phase change',
  manual: 'saved by hand',
  restore: 'taken before a restore',
}

const AUTHOR_LABELS: Record<RevisionAuthor, string> = {
  candidate: 'Candidate',
  interviewer: 'Interviewer',
  observer: 'Observer',
  organiser: 'Organiser',
  system: 'Server',
}

function byTime<T extends { at: SessionClockStamp | string }>(items: readonly T[]): T[] {
  const time = (item: T) => Date.parse(typeof item.at === 'string' ? item.at : item.at.at)
  // stable: items at the same time keep the order the store gave them
  return [...items].sort((a, b) => time(a) - time(b))
}

function timelineOf(report: InterviewReport): ReportView['timeline'] {
  const until = Date.parse(report.generatedAt)
  const { spans, startedAt, finishedAt } = phaseTimeline(report.phaseEvents, report.phaseMinutes, until)
  const rows = spans.map((span) => ({
    phase: PHASE_LABELS[span.phase],
    started: formatTimeOfDay(span.startedAt),
    clock: formatDuration(span.clockMs),
    planned: formatDuration(span.plannedMs),
    overtime: span.clockMs > span.plannedMs ? `+${formatDuration(span.clockMs - span.plannedMs)}` : null,
    wall: formatDuration(span.wallMs),
    running: span.endedAt === null,
  }))
  let summary = 'The interview clock was never started.'
  if (startedAt !== null) {
    const total = spans.reduce((sum, span) => sum + span.clockMs, 0)
    const end =
      finishedAt === null
        ? `still running at ${formatDateTime(until)}`
        : `finished ${formatDateTime(finishedAt)}`
    summary = `Started ${formatDateTime(startedAt)}, ${end}; ${formatDuration(total)} on the phase clocks.`
  }
  return { rows, summary }
}

function checklistOf(report: InterviewReport): ReportView['checklist'] {
  const line = (entry: ChecklistEntry): ChecklistLine => {
    const statusKey = entry.status ?? 'unrated'
    return {
      symbol: STATUS[statusKey].symbol,
      status: STATUS[statusKey].label,
      statusKey,
      text: entry.text,
      note: entry.note?.trim() ? entry.note.trim() : null,
      stamp: entry.changedAt ? formatClockStamp(entry.changedAt) : null,
      addedLive: entry.source === 'interviewer',
    }
  }
  const groups = CHECKLIST_GROUPS.map((group) => ({
    label: CHECKLIST_GROUP_LABELS[group],
    items: report.checklist.filter((entry) => entry.group === group).map(line),
  })).filter((group) => group.items.length > 0)
  const counts = (['met', 'partial', 'missed', 'open', 'unrated'] as const)
    .map(
      (key) => [key, report.checklist.filter((entry) => (entry.status ?? 'unrated') === key).length] as const,
    )
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `${STATUS[key].label} ${n}`)
  const summary =
    report.checklist.length === 0
      ? 'No checklist items.'
      : `${counts.join(' · ')} (of ${report.checklist.length})`
  return { summary, groups }
}

/** The report's content, ready to be laid out: every string here is still unescaped. */
export function reportView(report: InterviewReport): ReportView {
  const { session } = report
  const events = report.phaseEvents
  const minutes = report.phaseMinutes
  const checklistById = new Map(report.checklist.map((entry) => [entry.id, entry]))

  const facts = [
    { label: 'Candidate', value: session.candidateName ?? 'Not named' },
    { label: 'Scenario', value: session.scenarioTitle ?? 'Blank board' },
    { label: 'Level', value: session.level ? LEVEL_LABELS[session.level] : 'Not set' },
    { label: 'Created', value: formatDateTime(session.createdAt) },
    {
      label: 'Edition',
      value: report.includePrivateNotes
        ? "Interviewer's, with private notes"
        : 'Shared, without private notes',
    },
  ]

  const notes = report.includePrivateNotes
    ? byTime(report.notes).map((note) => ({
        stamp: formatClockStamp(note.at),
        text: note.text,
        about: note.itemId ? (checklistById.get(note.itemId)?.text ?? null) : null,
      }))
    : null

  const feedback = report.feedback && {
    released: report.feedback.released,
    stamp: formatClockStamp(report.feedback.updatedAt),
    points: [
      { label: 'Strength', point: report.feedback.strength },
      { label: 'To improve', point: report.feedback.improvement },
    ].map(({ label, point }) => ({ label, text: point.text, anchors: point.shapeIds?.length ?? 0 })),
  }

  const messages = byTime(report.messages).map((message) => ({
    stamp: formatClockStamp(message.at),
    text: message.text,
    author: AUTHOR_LABELS[message.author],
    clarification: message.clarification,
  }))

  const requirements = byTime(report.requirements).map((change) => {
    const item = checklistById.get(change.checklistItemId)
    return {
      stamp: formatClockStamp(change.at),
      text: change.text,
      status: item?.status ? STATUS[item.status].label : null,
    }
  })

  const revisions = byTime(report.revisions.map((r) => ({ ...r, at: r.revision.at }))).map(
    ({ revision, svg }) => {
      const at = Date.parse(revision.at)
      const by = revision.author === 'system' ? '' : ` by ${AUTHOR_LABELS[revision.author]}`
      return {
        label: revision.label,
        meta: `${formatDateTime(at)} (${formatClockStamp(clockStampAt(events, minutes, at, revision.kind === 'phase'))}), ${REVISION_KIND_LABELS[revision.kind]}${by}`,
        svg,
      }
    },
  )

  const diff = report.revisionDiff && {
    from: report.revisionDiff.from,
    to: report.revisionDiff.to,
    parts: [
      { label: 'Added', entries: report.revisionDiff.diff.added.map(diffLine) },
      { label: 'Removed', entries: report.revisionDiff.diff.removed.map(diffLine) },
      { label: 'Changed', entries: report.revisionDiff.diff.changed.map(diffLine) },
    ],
  }

  return {
    title: `Interview report: ${session.title}`,
    facts,
    timeline: timelineOf(report),
    checklist: checklistOf(report),
    notes,
    feedback,
    messages,
    requirements,
    revisions,
    diff,
    generatedAt: formatDateTime(report.generatedAt),
  }
}
