import type { Generated } from 'kysely'

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

export interface PhaseEventsTable {
  session_id: string
  seq: number
  at: number
  author: string
  /** PhaseCommand as JSON */
  command: string
}

export interface Database {
  sessions: SessionsTable
  session_tokens: SessionTokensTable
  doc_updates: DocUpdatesTable
  doc_checkpoints: DocCheckpointsTable
  audit_log: AuditLogTable
  phase_events: PhaseEventsTable
}
