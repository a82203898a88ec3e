/**
 * Runs in a worker thread with its own connection: copies the write-ahead log into the database
 * file every few seconds. A checkpoint fsyncs; here that wait blocks this thread, not the server's
 * event loop, where it stalled every room for ~20 ms about once a second.
 */
import { DatabaseSync } from 'node:sqlite'
import { parentPort, workerData } from 'node:worker_threads'

const { file, intervalMs } = workerData as { file: string; intervalMs: number }
const db = new DatabaseSync(file)
db.exec('PRAGMA busy_timeout = 5000')

const checkpoint = (mode: 'PASSIVE' | 'TRUNCATE') => {
  try {
    db.exec(`PRAGMA wal_checkpoint(${mode})`)
  } catch (error) {
    parentPort?.postMessage({ error: String(error) })
  }
}

const timer = setInterval(() => checkpoint('PASSIVE'), intervalMs)
parentPort?.on('message', (message) => {
  if (message !== 'stop') return
  clearInterval(timer)
  checkpoint('TRUNCATE')
  db.close()
  parentPort?.close()
})
