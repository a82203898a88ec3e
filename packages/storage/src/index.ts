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
  SessionOverview,
  SessionRecord,
  SessionStore,
  Storage,
  StoredPhaseEvent,
} from './types.ts'
