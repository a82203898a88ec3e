import type { Generated } from 'kysely'

/*
 * The tables as both backends read them (migrations.ts makes them). PostgreSQL's bigint columns
 * come back as numbers and its bytea as Uint8Array (postgres/PostgresStorage.ts parses them so).
 */

export interface SessionsTable {
  id: string
  title: string
  scenario_id: string | null
  level: string | null
  candidate_name: string | null
  created_at: string
  /** PhaseMinutes as JSON; null for sessions created before migration 0003 */
  phase_minutes: string | null
}

export interface SessionTokensTable {
  token_hash: string
  session_id: string
  role: string
}

/** Token hashes replaced by "issue new link" (migration 0006). */
export interface RevokedTokensTable {
  token_hash: string
  session_id: string
  role: string
  /** ISO 8601 */
  revoked_at: string
}

/** The tombstone of a deleted session: only its token hashes and when (migration 0006). */
export interface DeletedSessionTokensTable {
  token_hash: string
  /** ISO 8601 */
  deleted_at: string
}

/** Sessions deleted by any server process, so late flushes of their documents are dropped (migration 0009). */
export interface DeletedSessionsTable {
  session_id: string
  /** ISO 8601 */
  deleted_at: string
}

export interface DocUpdatesTable {
  doc_id: string
  seq: number
  at: number
  author_session: string
  author_role: string
  author_user: string | null
  update: Uint8Array
}

export interface DocCheckpointsTable {
  doc_id: string
  seq: number
  at: number
  state: Uint8Array
}

export interface AuditLogTable {
  id: Generated<number>
  at: string
  actor: string
  action: string
  session_id: string | null
  detail: string | null
}

export interface AnalysisEventsTable {
  session_id: string
  seq: number
  at: number
  author: string
  /** AnalysisChange as JSON */
  change: string
}

export interface PhaseEventsTable {
  session_id: string
  seq: number
  at: number
  author: string
  /** PhaseCommand as JSON */
  command: string
}

export interface ChecklistItemsTable {
  n: Generated<number>
  session_id: string
  item_id: string
  /** ChecklistEntry as JSON */
  entry: string
}

export interface ChecklistStatesTable {
  session_id: string
  item_id: string
  status: string | null
  note: string | null
  /** SessionClockStamp as JSON */
  changed_at: string
}

export interface ChecklistSharedTable {
  session_id: string
  /** 0 or 1 */
  shared: number
}

export interface InterviewerNotesTable {
  n: Generated<number>
  session_id: string
  /** InterviewerNote as JSON */
  note: string
}

export interface SessionMessagesTable {
  n: Generated<number>
  session_id: string
  /** SessionMessage as JSON */
  message: string
}

export interface RequirementChangesTable {
  n: Generated<number>
  session_id: string
  /** RequirementChange as JSON */
  change: string
}

export interface FeedbackTable {
  session_id: string
  /** Feedback as JSON */
  feedback: string
}

/** A session's revisions (migration 0007). */
export interface RevisionsTable {
  session_id: string
  id: string
  /** insertion order within the session, from 1 */
  n: number
  label: string
  /** RevisionKind */
  kind: string
  seq: number
  annotations_seq: number
  /** epoch ms */
  at: number
  /** RevisionAuthor */
  author: string
}

export interface ReplaySharedTable {
  session_id: string
  /** 0 or 1 */
  shared: number
}

export interface Database {
  sessions: SessionsTable
  session_tokens: SessionTokensTable
  revoked_tokens: RevokedTokensTable
  deleted_session_tokens: DeletedSessionTokensTable
  deleted_sessions: DeletedSessionsTable
  doc_updates: DocUpdatesTable
  doc_checkpoints: DocCheckpointsTable
  audit_log: AuditLogTable
  phase_events: PhaseEventsTable
  analysis_events: AnalysisEventsTable
  checklist_items: ChecklistItemsTable
  checklist_states: ChecklistStatesTable
  checklist_shared: ChecklistSharedTable
  interviewer_notes: InterviewerNotesTable
  session_messages: SessionMessagesTable
  requirement_changes: RequirementChangesTable
  feedback: FeedbackTable
  revisions: RevisionsTable
  replay_shared: ReplaySharedTable
}
