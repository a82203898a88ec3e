import {
  AnalysisChange,
  ChecklistEntry,
  ChecklistStatus,
  DocumentLayer,
  documentIdOf,
  Feedback,
  InterviewerNote,
  Phase,
  PhaseCommand,
  PhaseEvent,
  PhaseMinutes,
  RequirementChange,
  RevisionAuthor,
  RevisionKind,
  Role,
  SessionClockStamp,
  SessionMessage,
} from '@scaleboard/schema'
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import { CHECKPOINT_SPACING } from './checkpoints.ts'
import { type DialectSql, dialectSql, type SqlDialect } from './dialect.ts'
import type {
  AuditLogTable,
  Database,
  DocUpdatesTable,
  PhaseEventsTable,
  RevisionsTable,
  SessionsTable,
} from './schema.ts'
import type {
  AuditEntry,
  ChecklistItemState,
  Checkpoint,
  LoggedUpdate,
  RetiredToken,
  SessionOverview,
  SessionRecord,
  Storage,
  StoredAnalysisEvent,
  StoredPhaseEvent,
  StoredRevision,
} from './types.ts'

/** A series numbered per session (seq, n): its appends are serialised by `lockSeries`. */
export type NumberedSeries = 'phase_events' | 'analysis_events' | 'revisions'

/**
 * What both SQL backends share: every read, and every write whose SQL is the same in SQLite and
 * PostgreSQL (schema.ts, with the few dialect differences in dialect.ts). A backend adds the log
 * appends, checkpoint saves and session deletion (each guards late writes of deleted sessions
 * its own way), `lockSeries`, `ping` and `close`.
 */
export abstract class SqlStorage implements Storage {
  protected readonly db: Kysely<Database>
  readonly #sql: DialectSql

  constructor(db: Kysely<Database>, dialect: SqlDialect) {
    this.db = db
    this.#sql = dialectSql(dialect)
  }

  abstract appendUpdates(docId: string, entries: ReadonlyArray<Omit<LoggedUpdate, 'seq'>>): Promise<number>
  abstract saveCheckpoint(docId: string, checkpoint: Checkpoint): Promise<void>
  abstract deleteSession(id: string, deletedAt?: string): Promise<boolean>
  abstract ping(): Promise<void>
  abstract close(): Promise<void>
  /**
   * Serialises, until `trx` ends, the transactions that number a session's series (read the
   * highest number, insert the next), so numbers stay gap-free and unique.
   */
  protected abstract lockSeries(
    trx: Transaction<Database>,
    series: NumberedSeries,
    sessionId: string,
  ): Promise<void>

  async loadLatest(docId: string) {
    const row = await this.db
      .selectFrom('doc_checkpoints')
      .selectAll()
      .where('doc_id', '=', docId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst()
    const checkpoint: Checkpoint | null = row ? { seq: row.seq, at: row.at, state: row.state } : null
    const updates = await this.readUpdates(docId, checkpoint?.seq ?? 0)
    return { checkpoint, updates }
  }

  /** Stores a checkpoint and thins the document's older ones (CHECKPOINT_SPACING), in the caller's transaction. */
  protected async writeCheckpoint(trx: Transaction<Database>, docId: string, checkpoint: Checkpoint) {
    await trx
      .insertInto('doc_checkpoints')
      .values({ doc_id: docId, seq: checkpoint.seq, at: checkpoint.at, state: checkpoint.state })
      .onConflict((oc) => oc.columns(['doc_id', 'seq']).doNothing())
      .execute()
    // Thinning (CHECKPOINT_SPACING): only this document's rows, already few after earlier thinning.
    // The spacing is a literal: a bound number may be a REAL, and `/` would not truncate.
    await sql`delete from doc_checkpoints where doc_id = ${docId}
        and seq < (select max(seq) from doc_checkpoints where doc_id = ${docId})
        and seq not in (select min(seq) from doc_checkpoints where doc_id = ${docId}
          group by seq / ${sql.lit(CHECKPOINT_SPACING)})`.execute(trx)
  }

  async readCheckpointAtOrBefore(docId: string, seq: number): Promise<Checkpoint | null> {
    const row = await this.db
      .selectFrom('doc_checkpoints')
      .selectAll()
      .where('doc_id', '=', docId)
      .where('seq', '<=', seq)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row ? { seq: row.seq, at: row.at, state: row.state } : null
  }

  async lastSeq(docId: string): Promise<number> {
    const { last } = await this.db
      .selectFrom('doc_updates')
      .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('last'))
      .where('doc_id', '=', docId)
      .executeTakeFirstOrThrow()
    return Number(last)
  }

  /**
   * A binary search over seq, one primary-key seek per step, rather than an index on (doc_id, at)
   * that every append would have to maintain: `at` does not decrease along a document's seqs
   * (server time at logging). Should the server clock ever step back, the answer is still a seq
   * logged at or before `at` whose successor was logged after it.
   */
  async seqAtTime(docId: string, at: number): Promise<number> {
    // The newest update at or before `seq`; a seek even if the log had gaps.
    const newestUpTo = (seq: number) =>
      this.db
        .selectFrom('doc_updates')
        .select(['seq', 'at'])
        .where('doc_id', '=', docId)
        .where('seq', '<=', seq)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst()
    const last = await newestUpTo(Number.MAX_SAFE_INTEGER)
    if (!last) return 0
    if (last.at <= at) return last.seq
    // Invariant: nothing up to `low` was logged after `at`; the update at `high` was.
    let low = 0
    let high = last.seq
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2)
      const row = await newestUpTo(middle)
      if (!row || row.at <= at) low = middle
      else high = middle
    }
    return low === 0 ? 0 : ((await newestUpTo(low))?.seq ?? 0)
  }

  async readUpdates(docId: string, afterSeq = 0, upToSeq = Number.MAX_SAFE_INTEGER): Promise<LoggedUpdate[]> {
    const rows = await this.db
      .selectFrom('doc_updates')
      .selectAll()
      .where('doc_id', '=', docId)
      .where('seq', '>', afterSeq)
      .where('seq', '<=', upToSeq)
      .orderBy('seq')
      .execute()
    return rows.map(toLoggedUpdate)
  }

  async createSession(session: SessionRecord, tokenHashes: Record<Role, string>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // A new session of a deleted one's id may be written again.
      await trx.deleteFrom('deleted_sessions').where('session_id', '=', session.id).execute()
      await trx
        .insertInto('sessions')
        .values({
          id: session.id,
          title: session.title,
          scenario_id: session.scenarioId,
          level: session.level,
          candidate_name: session.candidateName,
          created_at: session.createdAt,
          phase_minutes: session.phaseMinutes === null ? null : JSON.stringify(session.phaseMinutes),
        })
        .execute()
      await trx
        .insertInto('session_tokens')
        .values(Role.options.map((role) => ({ token_hash: tokenHashes[role], session_id: session.id, role })))
        .execute()
    })
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toSessionRecord(row) : null
  }

  async listSessions(limit: number): Promise<SessionRecord[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .selectAll()
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute()
    return rows.map(toSessionRecord)
  }

  async listSessionOverviews(limit: number): Promise<SessionOverview[]> {
    // One statement. Each subquery is a seek on a primary key, (doc_id, seq) or (session_id, seq),
    // read from its newest end: the work per session does not grow with its logs.
    const lastUpdateOf = DocumentLayer.options.map((layer) => {
      const docId = layer === 'board' ? sql`s.id` : sql`s.id || ${documentIdOf('', layer)}`
      return sql`(select u.at from doc_updates u where u.doc_id = ${docId} order by u.seq desc limit 1)`
    })
    const phaseOf = this.#sql.jsonField(sql`p.command`, 'phase')
    const { rows } = await sql<SessionsTable & OverviewColumns>`
      select s.*,
        ${this.#sql.jsonArrayText(lastUpdateOf)} as last_update_ats,
        (select p.at from phase_events p where p.session_id = s.id order by p.seq desc limit 1)
          as last_phase_event_at,
        (select ${phaseOf} from phase_events p
          where p.session_id = s.id and ${phaseOf} is not null
          order by p.seq desc limit 1) as last_phase
      from sessions s
      order by s.created_at desc
      limit ${limit}`.execute(this.db)
    return rows.map((row) => {
      const session = toSessionRecord(row)
      const times = [
        Date.parse(session.createdAt),
        ...(parseJson(row.last_update_ats) as unknown[]),
        row.last_phase_event_at,
      ].filter((t): t is number => typeof t === 'number' && Number.isFinite(t))
      const named = row.last_phase === null ? null : Phase.safeParse(row.last_phase)
      const phase: Phase | null = named?.success
        ? named.data
        : row.last_phase_event_at !== null
          ? 'briefing'
          : null
      return { session, phase, lastActivityAt: new Date(Math.max(...times)).toISOString() }
    })
  }

  async findRetiredToken(tokenHash: string): Promise<RetiredToken | null> {
    const revoked = await this.db
      .selectFrom('revoked_tokens')
      .select(['session_id', 'role', 'revoked_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst()
    if (revoked) {
      const role = Role.safeParse(revoked.role)
      if (role.success)
        return { kind: 'revoked', sessionId: revoked.session_id, role: role.data, at: revoked.revoked_at }
    }
    const deleted = await this.db
      .selectFrom('deleted_session_tokens')
      .select('deleted_at')
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst()
    return deleted ? { kind: 'session_deleted', at: deleted.deleted_at } : null
  }

  async findTokenGrant(tokenHash: string) {
    const row = await this.db
      .selectFrom('session_tokens')
      .select(['session_id', 'role'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst()
    return row ? { sessionId: row.session_id, role: Role.parse(row.role) } : null
  }

  async replaceTokenHash(
    sessionId: string,
    role: Role,
    tokenHash: string,
    revokedAt = new Date().toISOString(),
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const session = await trx
        .selectFrom('sessions')
        .select('id')
        .where('id', '=', sessionId)
        .executeTakeFirst()
      if (!session) return false
      const old = await trx
        .selectFrom('session_tokens')
        .select('token_hash')
        .where('session_id', '=', sessionId)
        .where('role', '=', role)
        .execute()
      if (old.length > 0)
        await trx
          .insertInto('revoked_tokens')
          .values(
            old.map(({ token_hash }) => ({ token_hash, session_id: sessionId, role, revoked_at: revokedAt })),
          )
          .onConflict((oc) => oc.column('token_hash').doNothing())
          .execute()
      await trx
        .deleteFrom('session_tokens')
        .where('session_id', '=', sessionId)
        .where('role', '=', role)
        .execute()
      await trx
        .insertInto('session_tokens')
        .values({ token_hash: tokenHash, session_id: sessionId, role })
        .execute()
      return true
    })
  }

  /**
   * Deletes a session's rows (SessionStore.deleteSession), leaving its tombstone, in the
   * caller's transaction: true when the session existed.
   */
  protected async deleteSessionRows(
    trx: Transaction<Database>,
    id: string,
    deletedAt: string,
  ): Promise<boolean> {
    // The tombstone: every token hash the session ever had (current and revoked), and when.
    const current = await trx
      .selectFrom('session_tokens')
      .select('token_hash')
      .where('session_id', '=', id)
      .execute()
    const revoked = await trx
      .selectFrom('revoked_tokens')
      .select('token_hash')
      .where('session_id', '=', id)
      .execute()
    const tombstone = [...current, ...revoked].map(({ token_hash }) => ({
      token_hash,
      deleted_at: deletedAt,
    }))
    if (tombstone.length > 0)
      await trx
        .insertInto('deleted_session_tokens')
        .values(tombstone)
        .onConflict((oc) => oc.column('token_hash').doNothing())
        .execute()
    await trx.deleteFrom('revoked_tokens').where('session_id', '=', id).execute()
    // The session's documents: `id` itself and its layers `id/…`. A range, not LIKE: ids may
    // contain `_`, a LIKE wildcard. '0' is the character after '/'.
    const ofSession = (table: 'doc_updates' | 'doc_checkpoints') =>
      trx
        .deleteFrom(table)
        .where((eb) =>
          eb.or([eb('doc_id', '=', id), eb.and([eb('doc_id', '>=', `${id}/`), eb('doc_id', '<', `${id}0`)])]),
        )
        .execute()
    await ofSession('doc_updates')
    await ofSession('doc_checkpoints')
    for (const table of INTERVIEW_TABLES) await trx.deleteFrom(table).where('session_id', '=', id).execute()
    await trx.deleteFrom('session_tokens').where('session_id', '=', id).execute()
    const deleted = await trx.deleteFrom('sessions').where('id', '=', id).executeTakeFirst()
    return deleted.numDeletedRows > 0n
  }

  async listSessionIdsCreatedBefore(createdBefore: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .select('id')
      .where('created_at', '<', createdBefore)
      .orderBy('created_at')
      .execute()
    return rows.map((row) => row.id)
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        session_id: entry.sessionId,
        detail: entry.detail,
      })
      .execute()
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()
    return rows.map(toAuditEntry)
  }

  async appendPhaseEvent(sessionId: string, event: Omit<StoredPhaseEvent, 'seq'>): Promise<StoredPhaseEvent> {
    // One transaction per append, numbering under the series lock, so seq stays gap-free.
    return this.db.transaction().execute(async (trx) => {
      await this.lockSeries(trx, 'phase_events', sessionId)
      const { last } = await trx
        .selectFrom('phase_events')
        .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('last'))
        .where('session_id', '=', sessionId)
        .executeTakeFirstOrThrow()
      const seq = Number(last) + 1
      await trx
        .insertInto('phase_events')
        .values({
          session_id: sessionId,
          seq,
          at: event.at,
          author: event.author,
          command: JSON.stringify(event.command),
        })
        .execute()
      return { seq, at: event.at, author: event.author, command: event.command }
    })
  }

  async listPhaseEvents(sessionId: string): Promise<StoredPhaseEvent[]> {
    const rows = await this.db
      .selectFrom('phase_events')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('seq')
      .execute()
    return rows.flatMap((row) => {
      const event = toStoredPhaseEvent(row)
      return event ? [event] : []
    })
  }

  async appendAnalysisEvent(
    sessionId: string,
    event: Omit<StoredAnalysisEvent, 'seq'>,
  ): Promise<StoredAnalysisEvent> {
    // As phase events: one transaction per append, under the series lock, keeps seq gap-free.
    return this.db.transaction().execute(async (trx) => {
      await this.lockSeries(trx, 'analysis_events', sessionId)
      const { last } = await trx
        .selectFrom('analysis_events')
        .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('last'))
        .where('session_id', '=', sessionId)
        .executeTakeFirstOrThrow()
      const seq = Number(last) + 1
      await trx
        .insertInto('analysis_events')
        .values({
          session_id: sessionId,
          seq,
          at: event.at,
          author: event.author,
          change: JSON.stringify(event.change),
        })
        .execute()
      return { seq, ...event }
    })
  }

  async listAnalysisEvents(sessionId: string): Promise<StoredAnalysisEvent[]> {
    const rows = await this.db
      .selectFrom('analysis_events')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('seq')
      .execute()
    return rows.flatMap((row) => {
      const change = AnalysisChange.safeParse(parseJson(row.change))
      if (change.success && (row.author === 'interviewer' || row.author === 'organiser'))
        return [{ seq: row.seq, at: row.at, author: row.author, change: change.data }]
      console.warn(`[storage] session ${row.session_id}: skipping unreadable analysis event ${row.seq}`)
      return []
    })
  }

  async addChecklistItem(sessionId: string, item: ChecklistEntry): Promise<void> {
    await this.db
      .insertInto('checklist_items')
      .values({ session_id: sessionId, item_id: item.id, entry: JSON.stringify(item) })
      .onConflict((oc) => oc.columns(['session_id', 'item_id']).doUpdateSet({ entry: JSON.stringify(item) }))
      .execute()
  }

  async listChecklistItems(sessionId: string): Promise<ChecklistEntry[]> {
    const rows = await this.db
      .selectFrom('checklist_items')
      .select(['n', 'entry'])
      .where('session_id', '=', sessionId)
      .orderBy('n')
      .execute()
    return rows.flatMap((row) =>
      parseRow(ChecklistEntry, row.entry, `session ${sessionId}: checklist item ${row.n}`),
    )
  }

  async setChecklistState(sessionId: string, itemId: string, state: ChecklistItemState): Promise<void> {
    await this.db
      .insertInto('checklist_states')
      .values({
        session_id: sessionId,
        item_id: itemId,
        status: state.status ?? null,
        note: state.note ?? null,
        changed_at: JSON.stringify(state.changedAt),
      })
      .onConflict((oc) =>
        oc.columns(['session_id', 'item_id']).doUpdateSet((eb) => ({
          status: eb.fn.coalesce(eb.ref('excluded.status'), eb.ref('checklist_states.status')),
          note: eb.fn.coalesce(eb.ref('excluded.note'), eb.ref('checklist_states.note')),
          changed_at: eb.ref('excluded.changed_at'),
        })),
      )
      .execute()
  }

  async listChecklistStates(sessionId: string): Promise<Map<string, ChecklistItemState>> {
    const rows = await this.db
      .selectFrom('checklist_states')
      .selectAll()
      .where('session_id', '=', sessionId)
      .execute()
    const states = new Map<string, ChecklistItemState>()
    for (const row of rows) {
      const status = row.status === null ? undefined : ChecklistStatus.safeParse(row.status)
      const changedAt = SessionClockStamp.safeParse(parseJson(row.changed_at))
      if ((status && !status.success) || !changedAt.success) {
        console.warn(
          `[storage] session ${sessionId}: skipping unreadable state of checklist item ${row.item_id}`,
        )
        continue
      }
      states.set(row.item_id, {
        ...(status ? { status: status.data } : {}),
        ...(row.note !== null ? { note: row.note } : {}),
        changedAt: changedAt.data,
      })
    }
    return states
  }

  async setChecklistShared(sessionId: string, shared: boolean): Promise<void> {
    await this.db
      .insertInto('checklist_shared')
      .values({ session_id: sessionId, shared: shared ? 1 : 0 })
      .onConflict((oc) => oc.column('session_id').doUpdateSet({ shared: shared ? 1 : 0 }))
      .execute()
  }

  async isChecklistShared(sessionId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('checklist_shared')
      .select('shared')
      .where('session_id', '=', sessionId)
      .executeTakeFirst()
    return row?.shared === 1
  }

  async addNote(sessionId: string, note: InterviewerNote): Promise<void> {
    await this.db
      .insertInto('interviewer_notes')
      .values({ session_id: sessionId, note: JSON.stringify(note) })
      .execute()
  }

  async listNotes(sessionId: string): Promise<InterviewerNote[]> {
    const rows = await this.db
      .selectFrom('interviewer_notes')
      .select(['n', 'note'])
      .where('session_id', '=', sessionId)
      .orderBy('n')
      .execute()
    return rows.flatMap((row) => parseRow(InterviewerNote, row.note, `session ${sessionId}: note ${row.n}`))
  }

  async addMessage(sessionId: string, message: SessionMessage): Promise<void> {
    await this.db
      .insertInto('session_messages')
      .values({ session_id: sessionId, message: JSON.stringify(message) })
      .execute()
  }

  async listMessages(sessionId: string): Promise<SessionMessage[]> {
    const rows = await this.db
      .selectFrom('session_messages')
      .select(['n', 'message'])
      .where('session_id', '=', sessionId)
      .orderBy('n')
      .execute()
    return rows.flatMap((row) =>
      parseRow(SessionMessage, row.message, `session ${sessionId}: message ${row.n}`),
    )
  }

  async addRequirementChange(
    sessionId: string,
    change: RequirementChange,
    item: ChecklistEntry,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('checklist_items')
        .values({ session_id: sessionId, item_id: item.id, entry: JSON.stringify(item) })
        .execute()
      await trx
        .insertInto('requirement_changes')
        .values({ session_id: sessionId, change: JSON.stringify(change) })
        .execute()
    })
  }

  async listRequirementChanges(sessionId: string): Promise<RequirementChange[]> {
    const rows = await this.db
      .selectFrom('requirement_changes')
      .select(['n', 'change'])
      .where('session_id', '=', sessionId)
      .orderBy('n')
      .execute()
    return rows.flatMap((row) =>
      parseRow(RequirementChange, row.change, `session ${sessionId}: requirement change ${row.n}`),
    )
  }

  async saveFeedback(sessionId: string, feedback: Feedback): Promise<void> {
    const json = JSON.stringify(feedback)
    await this.db
      .insertInto('feedback')
      .values({ session_id: sessionId, feedback: json })
      .onConflict((oc) => oc.column('session_id').doUpdateSet({ feedback: json }))
      .execute()
  }

  async getFeedback(sessionId: string): Promise<Feedback | null> {
    const row = await this.db
      .selectFrom('feedback')
      .select('feedback')
      .where('session_id', '=', sessionId)
      .executeTakeFirst()
    if (!row) return null
    return parseRow(Feedback, row.feedback, `session ${sessionId}: feedback`)[0] ?? null
  }

  async addRevision(sessionId: string, revision: StoredRevision): Promise<void> {
    // One statement numbers and inserts, under the series lock, so concurrent adds cannot take
    // the same `n`; a duplicate id fails on the primary key.
    await this.db.transaction().execute(async (trx) => {
      await this.lockSeries(trx, 'revisions', sessionId)
      await sql`insert into revisions (session_id, id, n, label, kind, seq, annotations_seq, at, author)
        values (${sessionId}, ${revision.id},
          (select coalesce(max(n), 0) + 1 from revisions where session_id = ${sessionId}),
          ${revision.label}, ${revision.kind}, ${revision.seq}, ${revision.annotationsSeq}, ${revision.at},
          ${revision.author})`.execute(trx)
    })
  }

  async listRevisions(sessionId: string): Promise<StoredRevision[]> {
    const rows = await this.db
      .selectFrom('revisions')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('at')
      .orderBy('n')
      .execute()
    return rows.flatMap((row) => {
      const revision = toStoredRevision(row)
      return revision ? [revision] : []
    })
  }

  async getRevision(sessionId: string, revisionId: string): Promise<StoredRevision | null> {
    const row = await this.db
      .selectFrom('revisions')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('id', '=', revisionId)
      .executeTakeFirst()
    return row ? toStoredRevision(row) : null
  }

  async setReplayShared(sessionId: string, shared: boolean): Promise<void> {
    await this.db
      .insertInto('replay_shared')
      .values({ session_id: sessionId, shared: shared ? 1 : 0 })
      .onConflict((oc) => oc.column('session_id').doUpdateSet({ shared: shared ? 1 : 0 }))
      .execute()
  }

  async isReplayShared(sessionId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('replay_shared')
      .select('shared')
      .where('session_id', '=', sessionId)
      .executeTakeFirst()
    return row?.shared === 1
  }
}

function toLoggedUpdate(row: DocUpdatesTable): LoggedUpdate {
  return {
    seq: row.seq,
    at: row.at,
    author: {
      sessionId: row.author_session,
      role: row.author_role === 'system' ? 'system' : Role.parse(row.author_role),
      userId: row.author_user,
    },
    update: row.update,
  }
}

function toAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    at: row.at,
    actor: row.actor,
    action: row.action,
    sessionId: row.session_id,
    detail: row.detail,
  }
}

function toSessionRecord(row: SessionsTable): SessionRecord {
  return {
    id: row.id,
    title: row.title,
    scenarioId: row.scenario_id,
    level: (row.level as SessionRecord['level']) ?? null,
    candidateName: row.candidate_name,
    createdAt: row.created_at,
    phaseMinutes: row.phase_minutes === null ? null : toPhaseMinutes(row.id, row.phase_minutes),
  }
}

/** Stored minutes that no longer parse fall back to null (the defaults): a warning, never a crash. */
function toPhaseMinutes(sessionId: string, json: string): PhaseMinutes | null {
  const parsed = PhaseMinutes.safeParse(parseJson(json))
  if (parsed.success) return parsed.data
  console.warn(`[storage] session ${sessionId}: ignoring unreadable phase_minutes`)
  return null
}

/** What `listSessionOverviews` selects beside a session's own columns. */
interface OverviewColumns {
  /** JSON array: the `at` of each layer's newest logged update, null for an empty log */
  last_update_ats: string
  last_phase_event_at: number | null
  last_phase: string | null
}

/** The session-keyed tables `deleteSession` clears: interview records, revisions, replay sharing. */
const INTERVIEW_TABLES = [
  'phase_events',
  'checklist_items',
  'checklist_states',
  'checklist_shared',
  'interviewer_notes',
  'session_messages',
  'requirement_changes',
  'feedback',
  'revisions',
  'replay_shared',
  'analysis_events',
] as const

/** A stored JSON record that no longer parses is skipped with a warning, never a crash. */
function parseRow<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  json: string,
  what: string,
): T[] {
  const parsed = schema.safeParse(parseJson(json))
  if (parsed.success) return [parsed.data]
  console.warn(`[storage] ${what}: skipping an unreadable record`)
  return []
}

const PhaseEventAuthor = PhaseEvent.shape.author

/** A stored phase event that no longer parses is skipped with a warning, never a crash. */
function toStoredPhaseEvent(row: PhaseEventsTable): StoredPhaseEvent | null {
  const author = PhaseEventAuthor.safeParse(row.author)
  const command = PhaseCommand.safeParse(parseJson(row.command))
  if (author.success && command.success)
    return { seq: row.seq, at: row.at, author: author.data, command: command.data }
  console.warn(`[storage] session ${row.session_id}: skipping unreadable phase event ${row.seq}`)
  return null
}

/** A stored revision whose kind or author no longer parses is skipped with a warning, never a crash. */
function toStoredRevision(row: RevisionsTable): StoredRevision | null {
  const kind = RevisionKind.safeParse(row.kind)
  const author = RevisionAuthor.safeParse(row.author)
  if (kind.success && author.success)
    return {
      id: row.id,
      label: row.label,
      kind: kind.data,
      seq: row.seq,
      annotationsSeq: row.annotations_seq,
      at: row.at,
      author: author.data,
    }
  console.warn(`[storage] session ${row.session_id}: skipping unreadable revision ${row.id}`)
  return null
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json)
  } catch {
    return undefined
  }
}
