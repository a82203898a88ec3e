import type { DatabaseSync, SQLInputValue } from 'node:sqlite'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

/**
 * Lets Kysely's SqliteDialect drive Node's built-in `node:sqlite` (no native build step).
 * Kysely passes parameters as one array and asks whether a statement returns rows.
 */
export function kyselyDatabaseFromNodeSqlite(db: DatabaseSync): SqliteDatabase {
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      const statement = db.prepare(sql)
      const params = (parameters: ReadonlyArray<unknown>) => parameters as SQLInputValue[]
      return {
        reader: statement.columns().length > 0,
        all: (parameters) => statement.all(...params(parameters)),
        run: (parameters) => statement.run(...params(parameters)),
        iterate: (parameters) => statement.iterate(...params(parameters)),
      }
    },
  }
}
