import type { Kysely } from 'kysely'
import type { Migration, MigrationProvider } from 'kysely/migration'

/** Schema migrations, in order. Append new ones; never edit one that has shipped. */
const migrations: Record<string, Migration> = {
  '0001_sessions_and_log': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('scenario_id', 'text')
        .addColumn('level', 'text')
        .addColumn('candidate_name', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('session_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('doc_updates')
        .addColumn('doc_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'integer', (c) => c.notNull())
        .addColumn('author_session', 'text', (c) => c.notNull())
        .addColumn('author_role', 'text', (c) => c.notNull())
        .addColumn('author_user', 'text')
        .addColumn('update', 'blob', (c) => c.notNull())
        .addPrimaryKeyConstraint('doc_updates_pk', ['doc_id', 'seq'])
        .execute()
      await db.schema
        .createTable('doc_checkpoints')
        .addColumn('doc_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'integer', (c) => c.notNull())
        .addColumn('state', 'blob', (c) => c.notNull())
        .addPrimaryKeyConstraint('doc_checkpoints_pk', ['doc_id', 'seq'])
        .execute()
    },
  },
  '0002_audit_log': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text')
        .addColumn('detail', 'text')
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
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'integer', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('command', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('phase_events_pk', ['session_id', 'seq'])
        .execute()
      // The session's resolved PhaseMinutes as JSON; null for sessions created before phases.
      await db.schema.alterTable('sessions').addColumn('phase_minutes', 'text').execute()
    },
  },
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}
