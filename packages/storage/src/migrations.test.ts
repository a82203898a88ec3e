import { DatabaseSync } from 'node:sqlite'
import { Kysely, SqliteDialect } from 'kysely'
import { Migrator } from 'kysely/migration'
import { describe, expect, it } from 'vitest'
import { migrationProvider } from './migrations.ts'
import { kyselyDatabaseFromNodeSqlite } from './sqlite/nodeSqliteAdapter.ts'

/**
 * The SQLite DDL of the shipped migrations (0001–0008), as the databases in the field were made.
 * Sharing the migrations with PostgreSQL must never change a byte of it.
 */
const SHIPPED_SQLITE_DDL = [
  `create table "sessions" ("id" text primary key, "title" text not null, "scenario_id" text, "level" text, "candidate_name" text, "created_at" text not null)`,
  `create table "session_tokens" ("token_hash" text primary key, "session_id" text not null references "sessions" ("id"), "role" text not null)`,
  `create table "doc_updates" ("doc_id" text not null, "seq" integer not null, "at" integer not null, "author_session" text not null, "author_role" text not null, "author_user" text, "update" blob not null, constraint "doc_updates_pk" primary key ("doc_id", "seq"))`,
  `create table "doc_checkpoints" ("doc_id" text not null, "seq" integer not null, "at" integer not null, "state" blob not null, constraint "doc_checkpoints_pk" primary key ("doc_id", "seq"))`,
  `create table "audit_log" ("id" integer primary key autoincrement, "at" text not null, "actor" text not null, "action" text not null, "session_id" text, "detail" text)`,
  `create index "sessions_created_at" on "sessions" ("created_at")`,
  `create index "session_tokens_session_id" on "session_tokens" ("session_id")`,
  `create table "phase_events" ("session_id" text not null, "seq" integer not null, "at" integer not null, "author" text not null, "command" text not null, constraint "phase_events_pk" primary key ("session_id", "seq"))`,
  `alter table "sessions" add column "phase_minutes" text`,
  `create table "checklist_items" ("n" integer primary key autoincrement, "session_id" text not null, "item_id" text not null, "entry" text not null, constraint "checklist_items_session_item" unique ("session_id", "item_id"))`,
  `create table "checklist_states" ("session_id" text not null, "item_id" text not null, "status" text, "note" text, "changed_at" text not null, constraint "checklist_states_pk" primary key ("session_id", "item_id"))`,
  `create table "checklist_shared" ("session_id" text primary key, "shared" integer not null)`,
  `create table "interviewer_notes" ("n" integer primary key autoincrement, "session_id" text not null, "note" text not null)`,
  `create index "interviewer_notes_session_id" on "interviewer_notes" ("session_id")`,
  `create table "session_messages" ("n" integer primary key autoincrement, "session_id" text not null, "message" text not null)`,
  `create index "session_messages_session_id" on "session_messages" ("session_id")`,
  `create table "feedback" ("session_id" text primary key, "feedback" text not null)`,
  `create table "requirement_changes" ("n" integer primary key autoincrement, "session_id" text not null, "change" text not null)`,
  `create index "requirement_changes_session_id" on "requirement_changes" ("session_id")`,
  `create table "revoked_tokens" ("token_hash" text primary key, "session_id" text not null, "role" text not null, "revoked_at" text not null)`,
  `create index "revoked_tokens_session_id" on "revoked_tokens" ("session_id")`,
  `create table "deleted_session_tokens" ("token_hash" text primary key, "deleted_at" text not null)`,
  `create table "revisions" ("session_id" text not null, "id" text not null, "n" integer not null, "label" text not null, "kind" text not null, "seq" integer not null, "annotations_seq" integer not null, "at" integer not null, "author" text not null, constraint "revisions_pk" primary key ("session_id", "id"))`,
  `create table "replay_shared" ("session_id" text primary key, "shared" integer not null)`,
  `create table "analysis_events" ("session_id" text not null, "seq" integer not null, "at" integer not null, "author" text not null, "change" text not null, constraint "analysis_events_pk" primary key ("session_id", "seq"))`,
]

/** The DDL statements a dialect's migrations run, in order (Kysely compiles them for SQLite here). */
async function sqliteDdlUpTo(migration: string): Promise<string[]> {
  const statements: string[] = []
  const db = new Kysely<unknown>({
    dialect: new SqliteDialect({ database: kyselyDatabaseFromNodeSqlite(new DatabaseSync(':memory:')) }),
    log: (event) => {
      if (/^(create|alter)/.test(event.query.sql) && !event.query.sql.includes('kysely_migration'))
        statements.push(event.query.sql)
    },
  })
  try {
    const { error } = await new Migrator({ db, provider: migrationProvider('sqlite') }).migrateTo(migration)
    if (error) throw error
  } finally {
    await db.destroy()
  }
  return statements
}

describe('migrations', () => {
  it('produce exactly the SQLite DDL that shipped migrations always produced', async () => {
    expect(await sqliteDdlUpTo('0008_analysis_events')).toEqual(SHIPPED_SQLITE_DDL)
  })

  it('add the table of deleted sessions in 0009', async () => {
    expect((await sqliteDdlUpTo('0009_deleted_sessions')).slice(SHIPPED_SQLITE_DDL.length)).toEqual([
      'create table "deleted_sessions" ("session_id" text primary key, "deleted_at" text not null)',
    ])
  })
})
