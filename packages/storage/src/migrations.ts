import type { Kysely } from 'kysely'
import type { Migration, MigrationProvider } from 'kysely/migration'
import { type DialectSql, dialectSql, type SqlDialect } from './dialect.ts'

/**
 * Schema migrations, in order, for either dialect: the column kinds come from `DialectSql`
 * (dialect.ts). Append new ones; never edit one that has shipped. Their SQLite output in
 * particular must never change: databases in the field were made by it.
 */
function migrationsFor({ types: t, autoKey }: DialectSql): Record<string, Migration> {
  return {
    '0001_sessions_and_log': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('sessions')
          .addColumn('id', t.text, (c) => c.primaryKey())
          .addColumn('title', t.text, (c) => c.notNull())
          .addColumn('scenario_id', t.text)
          .addColumn('level', t.text)
          .addColumn('candidate_name', t.text)
          .addColumn('created_at', t.text, (c) => c.notNull())
          .execute()
        await db.schema
          .createTable('session_tokens')
          .addColumn('token_hash', t.text, (c) => c.primaryKey())
          .addColumn('session_id', t.text, (c) => c.notNull().references('sessions.id'))
          .addColumn('role', t.text, (c) => c.notNull())
          .execute()
        await db.schema
          .createTable('doc_updates')
          .addColumn('doc_id', t.text, (c) => c.notNull())
          .addColumn('seq', t.int64, (c) => c.notNull())
          .addColumn('at', t.int64, (c) => c.notNull())
          .addColumn('author_session', t.text, (c) => c.notNull())
          .addColumn('author_role', t.text, (c) => c.notNull())
          .addColumn('author_user', t.text)
          .addColumn('update', t.bytes, (c) => c.notNull())
          .addPrimaryKeyConstraint('doc_updates_pk', ['doc_id', 'seq'])
          .execute()
        await db.schema
          .createTable('doc_checkpoints')
          .addColumn('doc_id', t.text, (c) => c.notNull())
          .addColumn('seq', t.int64, (c) => c.notNull())
          .addColumn('at', t.int64, (c) => c.notNull())
          .addColumn('state', t.bytes, (c) => c.notNull())
          .addPrimaryKeyConstraint('doc_checkpoints_pk', ['doc_id', 'seq'])
          .execute()
      },
    },
    '0002_audit_log': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('audit_log')
          .addColumn('id', autoKey.type, autoKey.define)
          .addColumn('at', t.text, (c) => c.notNull())
          .addColumn('actor', t.text, (c) => c.notNull())
          .addColumn('action', t.text, (c) => c.notNull())
          .addColumn('session_id', t.text)
          .addColumn('detail', t.text)
          .execute()
        await db.schema.createIndex('sessions_created_at').on('sessions').column('created_at').execute()
        await db.schema
          .createIndex('session_tokens_session_id')
          .on('session_tokens')
          .column('session_id')
          .execute()
      },
    },
    '0003_interview_phases': {
      async up(db: Kysely<unknown>) {
        // Every phase change with its time (epoch ms) and author; `command` is PhaseCommand as JSON.
        await db.schema
          .createTable('phase_events')
          .addColumn('session_id', t.text, (c) => c.notNull())
          .addColumn('seq', t.int64, (c) => c.notNull())
          .addColumn('at', t.int64, (c) => c.notNull())
          .addColumn('author', t.text, (c) => c.notNull())
          .addColumn('command', t.text, (c) => c.notNull())
          .addPrimaryKeyConstraint('phase_events_pk', ['session_id', 'seq'])
          .execute()
        // The session's resolved PhaseMinutes as JSON; null for sessions created before phases.
        await db.schema.alterTable('sessions').addColumn('phase_minutes', t.text).execute()
      },
    },
    '0004_interview_records': {
      async up(db: Kysely<unknown>) {
        // The interviewer's rubric, notes, the Q&A thread and the feedback, all keyed by session_id.
        // JSON columns hold the @scaleboard/schema shapes and are validated on read.
        // Checklist items the interviewer added (ChecklistEntry as JSON); `n` keeps insertion order.
        await db.schema
          .createTable('checklist_items')
          .addColumn('n', autoKey.type, autoKey.define)
          .addColumn('session_id', t.text, (c) => c.notNull())
          .addColumn('item_id', t.text, (c) => c.notNull())
          .addColumn('entry', t.text, (c) => c.notNull())
          .addUniqueConstraint('checklist_items_session_item', ['session_id', 'item_id'])
          .execute()
        // Status, note and last change (SessionClockStamp as JSON) of scenario and added items alike.
        await db.schema
          .createTable('checklist_states')
          .addColumn('session_id', t.text, (c) => c.notNull())
          .addColumn('item_id', t.text, (c) => c.notNull())
          .addColumn('status', t.text)
          .addColumn('note', t.text)
          .addColumn('changed_at', t.text, (c) => c.notNull())
          .addPrimaryKeyConstraint('checklist_states_pk', ['session_id', 'item_id'])
          .execute()
        await db.schema
          .createTable('checklist_shared')
          .addColumn('session_id', t.text, (c) => c.primaryKey())
          .addColumn('shared', t.int32, (c) => c.notNull())
          .execute()
        for (const [table, column] of [
          ['interviewer_notes', 'note'],
          ['session_messages', 'message'],
        ] as const) {
          await db.schema
            .createTable(table)
            .addColumn('n', autoKey.type, autoKey.define)
            .addColumn('session_id', t.text, (c) => c.notNull())
            .addColumn(column, t.text, (c) => c.notNull())
            .execute()
          await db.schema.createIndex(`${table}_session_id`).on(table).column('session_id').execute()
        }
        await db.schema
          .createTable('feedback')
          .addColumn('session_id', t.text, (c) => c.primaryKey())
          .addColumn('feedback', t.text, (c) => c.notNull())
          .execute()
      },
    },
    '0005_requirement_changes': {
      async up(db: Kysely<unknown>) {
        // Requirements the interviewer adds during the session (RequirementChange as JSON); public,
        // unlike the checklist item each comes with. `n` keeps insertion order.
        await db.schema
          .createTable('requirement_changes')
          .addColumn('n', autoKey.type, autoKey.define)
          .addColumn('session_id', t.text, (c) => c.notNull())
          .addColumn('change', t.text, (c) => c.notNull())
          .execute()
        await db.schema
          .createIndex('requirement_changes_session_id')
          .on('requirement_changes')
          .column('session_id')
          .execute()
      },
    },
    '0006_retired_tokens': {
      async up(db: Kysely<unknown>) {
        // Hashes of tokens replaced by a new link, so the old link can say it was replaced.
        await db.schema
          .createTable('revoked_tokens')
          .addColumn('token_hash', t.text, (c) => c.primaryKey())
          .addColumn('session_id', t.text, (c) => c.notNull())
          .addColumn('role', t.text, (c) => c.notNull())
          .addColumn('revoked_at', t.text, (c) => c.notNull())
          .execute()
        await db.schema
          .createIndex('revoked_tokens_session_id')
          .on('revoked_tokens')
          .column('session_id')
          .execute()
        // A deleted session's tombstone: its token hashes and when, nothing else of it.
        await db.schema
          .createTable('deleted_session_tokens')
          .addColumn('token_hash', t.text, (c) => c.primaryKey())
          .addColumn('deleted_at', t.text, (c) => c.notNull())
          .execute()
      },
    },
    '0007_revisions': {
      async up(db: Kysely<unknown>) {
        // Named points in a session's logs (StoredRevision): seqs, never a copy of the board. `n`
        // numbers a session's revisions in insertion order, so revisions taken in the same
        // millisecond list in a stable order.
        await db.schema
          .createTable('revisions')
          .addColumn('session_id', t.text, (c) => c.notNull())
          .addColumn('id', t.text, (c) => c.notNull())
          .addColumn('n', t.int64, (c) => c.notNull())
          .addColumn('label', t.text, (c) => c.notNull())
          .addColumn('kind', t.text, (c) => c.notNull())
          .addColumn('seq', t.int64, (c) => c.notNull())
          .addColumn('annotations_seq', t.int64, (c) => c.notNull())
          .addColumn('at', t.int64, (c) => c.notNull())
          .addColumn('author', t.text, (c) => c.notNull())
          .addPrimaryKeyConstraint('revisions_pk', ['session_id', 'id'])
          .execute()
        // Whether the candidate may open the replay; like checklist_shared, no row means not shared.
        await db.schema
          .createTable('replay_shared')
          .addColumn('session_id', t.text, (c) => c.primaryKey())
          .addColumn('shared', t.int32, (c) => c.notNull())
          .execute()
        // No index on doc_updates (doc_id, at): seqAtTime searches the primary key by seq instead,
        // so the append path, the hottest write, keeps a single index.
      },
    },
    '0008_analysis_events': {
      async up(db: Kysely<unknown>) {
        // Each change of a session's analysis (a what-if, its reset, shown or hidden) with its time
        // and author; `change` is AnalysisChange as JSON. The state in force is their replay.
        await db.schema
          .createTable('analysis_events')
          .addColumn('session_id', t.text, (c) => c.notNull())
          .addColumn('seq', t.int64, (c) => c.notNull())
          .addColumn('at', t.int64, (c) => c.notNull())
          .addColumn('author', t.text, (c) => c.notNull())
          .addColumn('change', t.text, (c) => c.notNull())
          .addPrimaryKeyConstraint('analysis_events_pk', ['session_id', 'seq'])
          .execute()
      },
    },
    '0009_deleted_sessions': {
      async up(db: Kysely<unknown>) {
        // Ids of deleted sessions (random, not secrets), so that rooms of any server process still
        // open on one of their documents cannot store their late flushes (SessionStore.deleteSession).
        // A new session of the same id removes its row.
        await db.schema
          .createTable('deleted_sessions')
          .addColumn('session_id', t.text, (c) => c.primaryKey())
          .addColumn('deleted_at', t.text, (c) => c.notNull())
          .execute()
      },
    },
  }
}

export function migrationProvider(dialect: SqlDialect): MigrationProvider {
  const migrations = migrationsFor(dialectSql(dialect))
  return { getMigrations: async () => migrations }
}
