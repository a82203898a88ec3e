/**
 * @scaleboard/revisions: a session's history as pure functions over its stored logs. No I/O: the
 * server reads the logs and serves the results, the replay view runs the same code in the browser.
 *
 * - history/: the board at any point of its log (keyframes plus the tail), and which records
 *   passed validation on the way;
 * - diff/: what changed between two boards, in the exercise's words;
 * - timeline/: the session's events (phases, revisions, checklist, messages…) on one time axis;
 * - report/: the interview report as Markdown and printable HTML, with a schematic SVG per revision.
 */

export { diffBoards, MOVE_THRESHOLD, RESIZE_THRESHOLD, ROTATION_THRESHOLD } from './diff/index.ts'
export { shapeNamesOf } from './diff/naming.ts'
export {
  BoardHistory,
  type BoardHistoryOptions,
  type BoardState,
  type BrokenUpdate,
  type HistoryUpdate,
  lastIndexAtOrBefore,
} from './history/BoardHistory.ts'
export { boardAt } from './history/boardAt.ts'
export { createRecordCheck, type RecordCheck, type SkippedRecord } from './history/validRecords.ts'
export { type BoardSvg, type BoardSvgOptions, boardSvg } from './report/boardSvg.ts'
export type { InterviewReport, ReportRevision, ReportRevisionDiff } from './report/interviewReport.ts'
export { clockStampAt, type PhaseSpan, type PhaseTimeline, phaseTimeline } from './report/phaseTimeline.ts'
export { interviewReportHtml } from './report/reportHtml.ts'
export { interviewReportMarkdown } from './report/reportMarkdown.ts'
export {
  type ActivitySpan,
  activitySpans,
  phaseRevisionLabel,
  revisionPhasePair,
  type SessionRecords,
  sessionTimeline,
  type TimedPhaseCommand,
} from './timeline/sessionTimeline.ts'
