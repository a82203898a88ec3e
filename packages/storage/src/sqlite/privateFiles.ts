import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'

/**
 * Interview data (candidate names, boards) and secrets are for the server's user alone:
 * the data folder is 0700 and every file in it 0600, whatever the umask, also for a folder
 * or files made by an earlier version with looser modes.
 */
export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** Creates `dir` (and its parents) if missing, then makes it 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  chmodSync(dir, PRIVATE_DIR_MODE)
}

/**
 * Creates `file` empty if missing, then makes it 0600. SQLite creates a database's `-wal` and
 * `-shm` files with the database file's mode, so doing this before the first open covers them.
 */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE))
  chmodSync(file, PRIVATE_FILE_MODE)
}

/** Makes the files that exist among `files` 0600 (the WAL files of a database made before). */
export function restrictExisting(files: readonly string[]): void {
  for (const file of files) if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE)
}
