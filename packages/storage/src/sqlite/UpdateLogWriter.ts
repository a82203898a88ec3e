import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type { LoggedUpdate } from '../types.ts'

interface PendingAppend {
  docId: string
  entries: ReadonlyArray<Omit<LoggedUpdate, 'seq'>>
  resolve: (lastSeq: number) => void
  reject: (error: unknown) => void
}

/**
 * The hot path of the log: appends from every room that arrive in the same turn of the event loop
 * share one SQLite transaction (group commit) through one reused INSERT, and each document's last
 * sequence number is kept in memory after its first append. This assumes one writing process per
 * database file, which is what the embedded mode is.
 */
export class UpdateLogWriter {
  readonly #db: DatabaseSync
  readonly #insert: StatementSync
  readonly #lastSeqOf: StatementSync
  readonly #lastSeq = new Map<string, number>()
  #queue: PendingAppend[] = []
  #scheduled = false

  /** Documents whose appends are dropped (their session was deleted): resolved with 0, nothing stored. */
  readonly #isDropped: (docId: string) => boolean

  constructor(db: DatabaseSync, isDropped: (docId: string) => boolean = () => false) {
    this.#db = db
    this.#isDropped = isDropped
    this.#insert = db.prepare(
      'INSERT INTO doc_updates (doc_id, seq, at, author_session, author_role, author_user, "update") VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    this.#lastSeqOf = db.prepare('SELECT coalesce(max(seq), 0) AS last FROM doc_updates WHERE doc_id = ?')
  }

  append(docId: string, entries: ReadonlyArray<Omit<LoggedUpdate, 'seq'>>): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ docId, entries, resolve, reject })
      if (!this.#scheduled) {
        this.#scheduled = true
        setImmediate(() => this.#commit())
      }
    })
  }

  /** Forgets the cached sequence number of a document whose log was deleted. */
  forget(docId: string): void {
    this.#lastSeq.delete(docId)
  }

  #commit(): void {
    this.#scheduled = false
    const batch = this.#queue
    this.#queue = []
    const results: number[] = []
    try {
      this.#db.exec('BEGIN')
      for (const { docId, entries } of batch) {
        if (this.#isDropped(docId)) {
          results.push(0)
          continue
        }
        let seq = this.#lastSeq.get(docId) ?? Number((this.#lastSeqOf.get(docId) as { last: number }).last)
        for (const entry of entries) {
          seq += 1
          this.#insert.run(
            docId,
            seq,
            entry.at,
            entry.author.sessionId,
            entry.author.role,
            entry.author.userId,
            entry.update,
          )
        }
        this.#lastSeq.set(docId, seq)
        results.push(seq)
      }
      this.#db.exec('COMMIT')
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK')
      // The in-memory numbers may be ahead of what was stored: read them again next time.
      for (const { docId } of batch) this.#lastSeq.delete(docId)
      for (const pending of batch) pending.reject(error)
      return
    }
    for (const [i, pending] of batch.entries()) pending.resolve(results[i])
  }
}
