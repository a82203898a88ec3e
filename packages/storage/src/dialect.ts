import {
  type ColumnDataType,
  type ColumnDefinitionBuilder,
  type Expression,
  type RawBuilder,
  sql,
} from 'kysely'

/** The SQL databases a Storage runs on: the embedded default, or a shared PostgreSQL. */
export type SqlDialect = 'sqlite' | 'postgres'

/**
 * Everything that differs between the dialects, in one place: how the schema's kinds of column
 * are spelled (migrations.ts) and the few SQL functions the queries need (SqlStorage.ts).
 */
export interface DialectSql {
  /** Column types by what they hold. */
  types: {
    text: ColumnDataType | Expression<unknown>
    bytes: ColumnDataType
    /** seqs, epoch milliseconds, counters: PostgreSQL's `integer` is 32-bit, SQLite's 64 */
    int64: ColumnDataType
    /** small numbers such as 0/1 flags */
    int32: ColumnDataType
  }
  /** An auto-numbered primary key column (`n`, `id`): its type and its definition. */
  autoKey: {
    type: ColumnDataType
    define(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder
  }
  /** A JSON array of the values, as text. */
  jsonArrayText(values: ReadonlyArray<Expression<unknown>>): RawBuilder<string>
  /** A top-level string field of a JSON text column, as text (null when absent). */
  jsonField(column: RawBuilder<unknown>, field: string): RawBuilder<string | null>
}

const sqlite: DialectSql = {
  // Shipped migrations produced exactly these spellings: existing files must keep matching them.
  types: { text: 'text', bytes: 'blob', int64: 'integer', int32: 'integer' },
  autoKey: { type: 'integer', define: (column) => column.primaryKey().autoIncrement() },
  jsonArrayText: (values) => sql<string>`json_array(${sql.join(values)})`,
  jsonField: (column, field) => sql<string | null>`json_extract(${column}, ${sql.lit(`$.${field}`)})`,
}

const postgres: DialectSql = {
  // Byte order ("C"), like SQLite: doc-id ranges (`id/` up to `id0`) and ISO times compare as
  // bytes whatever locale the database was created with.
  types: { text: sql`text collate "C"`, bytes: 'bytea', int64: 'bigint', int32: 'integer' },
  autoKey: { type: 'bigint', define: (column) => column.generatedByDefaultAsIdentity().primaryKey() },
  jsonArrayText: (values) => sql<string>`json_build_array(${sql.join(values)})::text`,
  jsonField: (column, field) => sql<string | null>`(${column}::json ->> ${sql.lit(field)})`,
}

export function dialectSql(dialect: SqlDialect): DialectSql {
  return dialect === 'sqlite' ? sqlite : postgres
}
