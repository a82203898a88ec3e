import { closeSync, existsSync, openSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { backup, DatabaseSync } from 'node:sqlite'
import { PRIVATE_FILE_MODE } from './privateFiles.ts'

export interface BackupResult {
  /** the file written */
  file: string
  /** database pages copied */
  pages: number
}

/**
 * An online backup of `DATA_DIR/scaleboard.db` into `destination` with SQLite's backup API:
 * safe while the server runs and writes (the copy is one consistent snapshot, WAL included).
 * Refuses to overwrite an existing file. The copy is 0600 and a `backup.taken` line goes to the
 * audit log. Restore: stop the server, put the copy in DATA_DIR as `scaleboard.db` (with no
 * `scaleboard.db-wal`/`-shm` beside it), start the server.
 */
export async function backupSqliteDatabase(dataDir: string, destination: string): Promise<BackupResult> {
  const source = join(dataDir, 'scaleboard.db')
  if (!existsSync(source)) throw new Error(`There is no database at ${source}.`)
  // Made empty and private first (exclusive: never over an existing file), then filled.
  try {
    closeSync(openSync(destination, 'wx', PRIVATE_FILE_MODE))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new Error(`${destination} exists already; choose a new file name.`)
    throw error
  }
  const db = new DatabaseSync(source)
  try {
    db.exec('PRAGMA busy_timeout = 5000')
    let pages: number
    try {
      pages = await backup(db, destination)
    } catch (error) {
      rmSync(destination, { force: true })
      throw error
    }
    // A table made by migration 0002; a database from before it has no audit log yet.
    const hasAuditLog = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'")
      .get()
    if (hasAuditLog)
      db.prepare('INSERT INTO audit_log (at, actor, action, session_id, detail) VALUES (?, ?, ?, ?, ?)').run(
        new Date().toISOString(),
        'cli',
        'backup.taken',
        null,
        `${pages} pages to ${destination}`,
      )
    return { file: destination, pages }
  } finally {
    db.close()
  }
}
