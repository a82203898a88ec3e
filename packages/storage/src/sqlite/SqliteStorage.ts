import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { DocumentLayer, documentIdOf, type Role } from '@scaleboard/schema'
import { Kysely, SqliteDialect, sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import { migrationProvider } from '../migrations.ts'
import { SqlStorage } from '../SqlStorage.ts'
import type { Database } from '../schema.ts'
import type { Checkpoint, LoggedUpdate, SessionRecord, Storage } from '../types.ts'
import { kyselyDatabaseFromNodeSqlite } from './nodeSqliteAdapter.ts'
import { ensurePrivateDir, ensurePrivateFile, restrictExisting } from './privateFiles.ts'
import { UpdateLogWriter } from './UpdateLogWriter.ts'
import { startWalCheckpointer, type WalCheckpointer } from './walCheckpointer.ts'

export interface SqliteStorageOptions {
  /** Folder for `scaleboard.db`; created if missing. */
  dataDir: string
}

/**
 * The embedded default store: one SQLite file in WAL mode. With WAL and synchronous=NORMAL a
 * committed transaction survives a killed process (only a power loss may drop the newest commits).
 */
export async function openSqliteStorage({ dataDir }: SqliteStorageOptions): Promise<Storage> {
  ensurePrivateDir(dataDir)
  const file = join(dataDir, 'scaleboard.db')
  ensurePrivateFile(file)
  restrictExisting([`${file}-wal`, `${file}-shm`])
  const raw = new DatabaseSync(file)
  // Checkpoints run in a worker thread (walCheckpointer.ts), never inside a commit on the event loop.
  raw.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA wal_autocheckpoint = 0;',
  )
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: kyselyDatabaseFromNodeSqlite(raw) }),
  })
  const { error } = await new Migrator({ db, provider: migrationProvider('sqlite') }).migrateToLatest()
  if (error) {
    await db.destroy()
    throw new Error(`could not migrate ${file}: ${String(error)}`)
  }
  // A damaged page shows here rather than in the middle of an interview; /healthz reports it.
  const integrityProblem = quickCheck(raw)
  if (integrityProblem)
    console.error(`[storage] ${file}: ${integrityProblem}. Restore from a backup (README).`)
  return new SqliteStorage(db, raw, startWalCheckpointer(file), integrityProblem)
}

/** SQLite's quick_check: null when the file is sound, else what is wrong (it may also throw on a bad page). */
function quickCheck(raw: DatabaseSync): string | null {
  let verdict: string
  try {
    const rows = raw.prepare('PRAGMA quick_check').all() as Array<Record<string, string>>
    verdict = rows.map((row) => Object.values(row)[0]).join('; ')
  } catch (error) {
    verdict = (error as Error).message
  }
  return verdict === 'ok' ? null : `database integrity check failed: ${verdict.slice(0, 300)}`
}

class SqliteStorage extends SqlStorage {
  readonly #writer: UpdateLogWriter
  readonly #checkpointer: WalCheckpointer

  readonly #integrityProblem: string | null
  /**
   * Sessions deleted by this process. A room still open on one of their documents may flush its
   * last edits or a checkpoint after the delete: those writes are dropped, so nothing of a deleted
   * session is stored again (session ids are random, so the set only matters for a short while).
   * One process owns the file, so this in-memory set is enough (PostgreSQL keeps deleted_sessions).
   */
  readonly #deletedSessions = new Set<string>()

  constructor(
    db: Kysely<Database>,
    raw: DatabaseSync,
    checkpointer: WalCheckpointer,
    integrityProblem: string | null,
  ) {
    super(db, 'sqlite')
    this.#integrityProblem = integrityProblem
    this.#writer = new UpdateLogWriter(raw, (docId) => this.#isOfDeletedSession(docId))
    this.#checkpointer = checkpointer
  }

  appendUpdates(docId: string, entries: ReadonlyArray<Omit<LoggedUpdate, 'seq'>>): Promise<number> {
    return this.#writer.append(docId, entries)
  }

  #isOfDeletedSession(docId: string): boolean {
    if (this.#deletedSessions.size === 0) return false
    const slash = docId.indexOf('/')
    return this.#deletedSessions.has(slash === -1 ? docId : docId.slice(0, slash))
  }

  async saveCheckpoint(docId: string, checkpoint: Checkpoint): Promise<void> {
    if (this.#isOfDeletedSession(docId)) return
    await this.db.transaction().execute((trx) => this.writeCheckpoint(trx, docId, checkpoint))
  }

  /** Kysely's SQLite driver runs one transaction at a time on its one connection: nothing to lock. */
  protected async lockSeries(): Promise<void> {}

  async createSession(session: SessionRecord, tokenHashes: Record<Role, string>): Promise<void> {
    this.#deletedSessions.delete(session.id)
    await super.createSession(session, tokenHashes)
  }

  async deleteSession(id: string, deletedAt = new Date().toISOString()): Promise<boolean> {
    // From now on, late flushes of rooms still open on its documents are dropped.
    const wasMarked = this.#deletedSessions.has(id)
    this.#deletedSessions.add(id)
    let deleted = false
    try {
      deleted = await this.db.transaction().execute((trx) => this.deleteSessionRows(trx, id, deletedAt))
    } finally {
      if (!deleted && !wasMarked) this.#deletedSessions.delete(id)
    }
    for (const layer of DocumentLayer.options) this.#writer.forget(documentIdOf(id, layer))
    return deleted
  }

  async ping(): Promise<void> {
    if (this.#integrityProblem) throw new Error(this.#integrityProblem)
    await sql`select 1`.execute(this.db)
  }

  async close(): Promise<void> {
    await this.#checkpointer.stop()
    await this.db.destroy()
  }
}
