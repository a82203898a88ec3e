import { DocumentLayer, documentIdOf } from '@scaleboard/schema'
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely'
import { Migrator } from 'kysely/migration'
import pg from 'pg'
import { migrationProvider } from '../migrations.ts'
import { type NumberedSeries, SqlStorage } from '../SqlStorage.ts'
import type { Database } from '../schema.ts'
import type { Checkpoint, LoggedUpdate, Storage } from '../types.ts'
import { lockKey, lockNames } from './advisoryLocks.ts'
import { DOC_LOCKS, PostgresUpdateLogWriter, sessionIdOfDoc } from './PostgresUpdateLogWriter.ts'

export interface PostgresStorageOptions {
  /** `postgres://user:password@host:port/database`; never logged (it may hold a password) */
  url: string
  /** Most connections this process opens (default 10). */
  maxConnections?: number
}

/**
 * The shared store of a scaled-out deployment: every server process opens the same PostgreSQL
 * database. Opening migrates it to the latest schema (one process at a time, whoever comes first).
 */
export async function openPostgresStorage({
  url,
  maxConnections = 10,
}: PostgresStorageOptions): Promise<Storage> {
  const pool = new pg.Pool({
    connectionString: url,
    // The migration lock holds one connection while the migrator uses another.
    max: Math.max(2, maxConnections),
    // A server that does not answer fails the open (or the query) clearly instead of hanging.
    connectionTimeoutMillis: 10_000,
    types: { getTypeParser },
  })
  // An idle connection that breaks (a restarted server) must not crash the process: the pool
  // drops it and the next query opens a new one.
  pool.on('error', (error) => console.warn(`[storage] idle PostgreSQL connection lost: ${error.message}`))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  try {
    await migrate(db)
  } catch (error) {
    await db.destroy()
    throw new Error(`could not open the PostgreSQL database: ${(error as Error).message}`, { cause: error })
  }
  return new PostgresStorage(db)
}

/** Key of the session-level advisory lock held while migrating (advisoryLocks.ts). */
const MIGRATION_LOCK = lockKey('scaleboard', 'migrations')

/**
 * Kysely's Migrator takes an advisory lock around the migrations themselves, but creates its own
 * tables (kysely_migration…) before taking it, where two processes opening an empty database at
 * the same moment collide; it tolerates that today by catching the error and checking again. We
 * do not rely on it: the whole run holds our own session-level lock, on a connection of its own,
 * so whoever comes second finds everything migrated.
 */
async function migrate(db: Kysely<Database>): Promise<void> {
  await db.connection().execute(async (locked) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK}::bigint)`.execute(locked)
    try {
      const { error } = await new Migrator({ db, provider: migrationProvider('postgres') }).migrateToLatest()
      if (error) throw error
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK}::bigint)`.execute(locked)
    }
  })
}

const { builtins, getTypeParser: defaultTypeParser } = pg.types

/**
 * This pool's own parsers (never the global pg.types): bigint as a number, as SQLite gives it
 * (seqs and epoch ms stay far below 2^53, and a value beyond fails loudly rather than rounds), and
 * bytea as a plain Uint8Array rather than a Buffer.
 */
function getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === builtins.INT8) return parseInt8
  if (oid === builtins.BYTEA) {
    const parseBuffer = defaultTypeParser(oid, format ?? 'text') as (value: string) => Buffer
    return (value) => {
      const buffer = parseBuffer(value)
      return new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength))
    }
  }
  return defaultTypeParser(oid, format ?? 'text') as (value: string) => unknown
}

function parseInt8(value: string): number {
  const number = Number(value)
  if (!Number.isSafeInteger(number))
    throw new RangeError(`bigint ${value} is beyond what a number holds exactly`)
  return number
}

class PostgresStorage extends SqlStorage {
  readonly #writer: PostgresUpdateLogWriter

  constructor(db: Kysely<Database>) {
    super(db, 'postgres')
    this.#writer = new PostgresUpdateLogWriter(db)
  }

  appendUpdates(docId: string, entries: ReadonlyArray<Omit<LoggedUpdate, 'seq'>>): Promise<number> {
    return this.#writer.append(docId, entries)
  }

  async saveCheckpoint(docId: string, checkpoint: Checkpoint): Promise<void> {
    // Under the document's lock, like appends: a delete of its session cannot slip in between
    // the check and the insert, and two processes thin its checkpoints one after the other.
    await this.db.transaction().execute(async (trx) => {
      await lockNames(trx, DOC_LOCKS, [docId])
      const deleted = await trx
        .selectFrom('deleted_sessions')
        .select('session_id')
        .where('session_id', '=', sessionIdOfDoc(docId))
        .executeTakeFirst()
      if (!deleted) await this.writeCheckpoint(trx, docId, checkpoint)
    })
  }

  /**
   * Marks the session deleted (deleted_sessions) in the transaction that deletes its rows, holding
   * the locks of its documents: appends and checkpoints in flight in any process finish first (and
   * are deleted with the rest), those after the commit see the mark and are dropped.
   */
  async deleteSession(id: string, deletedAt = new Date().toISOString()): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await lockNames(
        trx,
        DOC_LOCKS,
        DocumentLayer.options.map((layer) => documentIdOf(id, layer)),
      )
      const deleted = await this.deleteSessionRows(trx, id, deletedAt)
      if (deleted)
        await trx
          .insertInto('deleted_sessions')
          .values({ session_id: id, deleted_at: deletedAt })
          .onConflict((oc) => oc.column('session_id').doUpdateSet({ deleted_at: deletedAt }))
          .execute()
      return deleted
    })
  }

  protected async lockSeries(trx: Transaction<Database>, series: NumberedSeries, sessionId: string) {
    await lockNames(trx, series, [sessionId])
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db)
  }

  async close(): Promise<void> {
    await this.#writer.drain()
    await this.db.destroy()
  }
}
