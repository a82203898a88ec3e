import { resolve } from 'node:path'
import { backupSqliteDatabase } from '@scaleboard/storage'
import { ConfigError, loadConfig } from '../config.ts'

/**
 * `pnpm backup <file>`: an online backup of DATA_DIR/scaleboard.db into a new file, safe while
 * the server runs. Restore: stop the server, copy the file into DATA_DIR as `scaleboard.db`
 * (removing any `scaleboard.db-wal` and `-shm`), start the server. See the README.
 */
async function main(args: string[]): Promise<number> {
  const [target] = args
  if (!target || args.length > 1) {
    console.error('Usage: pnpm backup <file>   (a new file; the copy is readable by you alone)')
    return 2
  }
  const config = loadConfig(process.env)
  if (config.DATABASE_URL) {
    // The data is in PostgreSQL, not in DATA_DIR: its own tools back it up consistently.
    console.error(
      'DATABASE_URL is set: the data is in PostgreSQL. Back it up with pg_dump, e.g.\n' +
        '  pg_dump --format=custom --file=scaleboard.dump "$DATABASE_URL"\n' +
        'and restore with pg_restore (README, "Run several instances").',
    )
    return 2
  }
  const { file, pages } = await backupSqliteDatabase(config.DATA_DIR, resolve(target))
  console.log(`Backed up ${config.DATA_DIR}/scaleboard.db (${pages} pages) to ${file}`)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : error)
    process.exitCode = 1
  },
)
