export { CHECKPOINT_SPACING } from './checkpoints.ts'
export { type OpenStorageOptions, openStorage } from './openStorage.ts'
export { openPostgresStorage, type PostgresStorageOptions } from './postgres/PostgresStorage.ts'
export { type BackupResult, backupSqliteDatabase } from './sqlite/backup.ts'
export { openSqliteStorage, type SqliteStorageOptions } from './sqlite/SqliteStorage.ts'
export type {
  AuditEntry,
  Author,
  ChecklistItemState,
  Checkpoint,
  DocumentLog,
  InterviewStore,
  LoggedUpdate,
  RetiredToken,
  RevisionStore,
  SessionOverview,
  SessionRecord,
  SessionStore,
  Storage,
  StoredAnalysisEvent,
  StoredPhaseEvent,
  StoredRevision,
} from './types.ts'
