import { openPostgresStorage } from './postgres/PostgresStorage.ts'
import { openSqliteStorage } from './sqlite/SqliteStorage.ts'
import type { Storage } from './types.ts'

export interface OpenStorageOptions {
  /** `postgres://…` (DATABASE_URL): the shared PostgreSQL of a scaled-out deployment */
  databaseUrl?: string
  /** Folder of the embedded SQLite file, used when there is no databaseUrl. */
  dataDir: string
}

/** PostgreSQL when a database URL is given, else the embedded SQLite file in `dataDir`. */
export function openStorage({ databaseUrl, dataDir }: OpenStorageOptions): Promise<Storage> {
  return databaseUrl ? openPostgresStorage({ url: databaseUrl }) : openSqliteStorage({ dataDir })
}
