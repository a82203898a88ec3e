export { openSqliteStorage, type SqliteStorageOptions } from './sqlite/SqliteStorage.ts'
export type {
  Author,
  Checkpoint,
  DocumentLog,
  LoggedUpdate,
  SessionRecord,
  SessionStore,
  Storage,
} from './types.ts'
