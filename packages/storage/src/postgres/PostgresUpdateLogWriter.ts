import { type Kysely, sql } from 'kysely'
import type { Database } from '../schema.ts'
import type { LoggedUpdate } from '../types.ts'
import { lockNames } from './advisoryLocks.ts'

interface PendingAppend {
  docId: string
  entries: ReadonlyArray<Omit<LoggedUpdate, 'seq'>>
  resolve: (lastSeq: number) => void
  reject: (error: unknown) => void
}

/** The advisory-lock space of the documents' logs (advisoryLocks.ts). */
export const DOC_LOCKS = 'doc_updates'

/** The session a document belongs to: its id up to the first `/` (`id` and `id/<layer>`). */
export function sessionIdOfDoc(docId: string): string {
  const slash = docId.indexOf('/')
  return slash === -1 ? docId : docId.slice(0, slash)
}

/**
 * The hot path of the log on PostgreSQL, where several server processes may append to the same
 * document at once. Its guarantees:
 *
 * - Group commit: appends to any documents that arrive while no batch is being written (in
 *   practice, those of one event-loop turn or of one commit's duration) share one transaction,
 *   and a batch's rows are stored by one INSERT. Batches of one process run one after another, so
 *   a process's appends to a document are numbered in call order.
 * - Seq gap-free and unique per document across processes: the transaction first takes the
 *   transaction-scoped advisory lock of each of its documents (`pg_advisory_xact_lock` on a 64-bit
 *   hash of the doc id, in ascending key order so two batches never deadlock), then reads each
 *   document's highest seq under the lock (never from a cache: another process may have appended
 *   since) and numbers on from there. A lock is released only after its transaction committed,
 *   so the next holder's read sees those rows.
 * - Deleted sessions: under the same locks it drops the documents of sessions in
 *   deleted_sessions (resolved with 0, nothing stored). `deleteSession` takes these locks too, so
 *   an append either commits before the delete (and is deleted with it) or sees the mark.
 * - All or nothing: when the transaction fails, every append of the batch is rejected and
 *   nothing of it is stored.
 */
export class PostgresUpdateLogWriter {
  readonly #db: Kysely<Database>
  #queue: PendingAppend[] = []
  #scheduled = false
  /** The batch being written, if any: the next one waits for it. */
  #writing: Promise<void> | null = null

  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  append(docId: string, entries: ReadonlyArray<Omit<LoggedUpdate, 'seq'>>): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ docId, entries, resolve, reject })
      this.#schedule()
    })
  }

  /** Resolves once every append made so far is settled (stored or rejected). */
  async drain(): Promise<void> {
    while (this.#writing || this.#scheduled || this.#queue.length > 0) {
      if (this.#writing) await this.#writing
      else await new Promise((resolve) => setImmediate(resolve))
    }
  }

  #schedule(): void {
    if (this.#scheduled || this.#writing) return
    this.#scheduled = true
    setImmediate(() => {
      this.#scheduled = false
      const batch = this.#queue
      this.#queue = []
      this.#writing = this.#commit(batch).finally(() => {
        this.#writing = null
        if (this.#queue.length > 0) this.#schedule()
      })
    })
  }

  async #commit(batch: PendingAppend[]): Promise<void> {
    let results: number[]
    try {
      results = await this.#db.transaction().execute((trx) => writeBatch(trx, batch))
    } catch (error) {
      for (const pending of batch) pending.reject(error)
      return
    }
    for (const [i, pending] of batch.entries()) pending.resolve(results[i])
  }
}

/** Numbers and inserts a batch in the caller's transaction; the last seq of each append, 0 when dropped. */
async function writeBatch(trx: Kysely<Database>, batch: ReadonlyArray<PendingAppend>): Promise<number[]> {
  const docIds = [...new Set(batch.map((pending) => pending.docId))]
  await lockNames(trx, DOC_LOCKS, docIds)
  // Read after the locks, in a statement of its own: its snapshot then includes every append
  // committed by whoever held a lock before us.
  const { rows } = await sql<{ doc_id: string; dropped: boolean; last: number }>`
    select d.doc_id,
      exists (select 1 from deleted_sessions x where x.session_id = d.session_id) as dropped,
      coalesce((select u.seq from doc_updates u where u.doc_id = d.doc_id order by u.seq desc limit 1), 0)
        as last
    from unnest(${docIds}::text[], ${docIds.map(sessionIdOfDoc)}::text[]) as d(doc_id, session_id)`.execute(
    trx,
  )
  const lastSeq = new Map(rows.map((row) => [row.doc_id, row.dropped ? null : Number(row.last)]))
  const columns = {
    doc: [] as string[],
    seq: [] as number[],
    at: [] as number[],
    session: [] as string[],
    role: [] as string[],
    user: [] as Array<string | null>,
    update: [] as Uint8Array[],
  }
  const results = batch.map(({ docId, entries }) => {
    let seq = lastSeq.get(docId)
    if (seq === null || seq === undefined) return 0
    for (const entry of entries) {
      seq += 1
      columns.doc.push(docId)
      columns.seq.push(seq)
      columns.at.push(entry.at)
      columns.session.push(entry.author.sessionId)
      columns.role.push(entry.author.role)
      columns.user.push(entry.author.userId)
      columns.update.push(entry.update)
    }
    lastSeq.set(docId, seq)
    return seq
  })
  // One INSERT for the whole batch, whatever its size: arrays, not one parameter per value.
  if (columns.seq.length > 0)
    await sql`insert into doc_updates (doc_id, seq, at, author_session, author_role, author_user, "update")
      select * from unnest(${columns.doc}::text[], ${columns.seq}::bigint[], ${columns.at}::bigint[],
        ${columns.session}::text[], ${columns.role}::text[], ${columns.user}::text[],
        ${columns.update}::bytea[])`.execute(trx)
  return results
}
