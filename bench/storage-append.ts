/**
 * What persisting one update costs on the event loop: Scaleboard's `appendUpdates` (Kysely over
 * node:sqlite, one transaction per call) against a floor of plain node:sqlite with one prepared
 * INSERT reused, for a few batch sizes. Every call is synchronous underneath, so its whole time
 * is time the server's event loop cannot read sockets.
 *
 *   node bench/storage-append.ts --updates 4000
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { parseArgs } from 'node:util'
import { openSqliteStorage } from '../packages/storage/src/index.ts'

const { values: flags } = parseArgs({ options: { updates: { type: 'string', default: '4000' } } })
const total = Number(flags.updates)
const DOCS = 200
const update = new Uint8Array(64).fill(7)
const author = { sessionId: 'bench', role: 'candidate' as const, userId: 'bench' }

type Append = (docId: string, count: number) => Promise<void> | void

/** Appends `total` updates in calls of `batch`, rotating over DOCS documents like 200 rooms do. */
async function timeAppends(append: Append, batch: number) {
  const calls: number[] = []
  const started = performance.now()
  for (let i = 0; i < total / batch; i++) {
    const t = performance.now()
    await append(`doc${i % DOCS}`, batch)
    calls.push(performance.now() - t)
  }
  const perUpdateUs = ((performance.now() - started) / total) * 1000
  calls.sort((a, b) => a - b)
  return { perUpdateUs, p99CallMs: calls[Math.ceil(calls.length * 0.99) - 1], maxCallMs: calls.at(-1) ?? 0 }
}

async function scaleboardAppend(dir: string): Promise<{ append: Append; close: () => Promise<void> }> {
  const storage = await openSqliteStorage({ dataDir: dir })
  return {
    append: async (docId, count) => {
      await storage.appendUpdates(
        docId,
        Array.from({ length: count }, () => ({ at: Date.now(), author, update })),
      )
    },
    close: () => storage.close(),
  }
}

/** The floor: same table and pragmas, statements prepared once, sequence numbers kept in memory. */
function plainSqliteAppend(dir: string): { append: Append; close: () => Promise<void> } {
  const db = new DatabaseSync(join(dir, 'plain.db'))
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;')
  db.exec(`CREATE TABLE doc_updates (doc_id TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL,
    author_session TEXT NOT NULL, author_role TEXT NOT NULL, author_user TEXT, "update" BLOB NOT NULL,
    PRIMARY KEY (doc_id, seq))`)
  const insert = db.prepare('INSERT INTO doc_updates VALUES (?, ?, ?, ?, ?, ?, ?)')
  const lastSeq = new Map<string, number>()
  return {
    append: (docId, count) => {
      let seq = lastSeq.get(docId) ?? 0
      db.exec('BEGIN')
      for (let i = 0; i < count; i++)
        insert.run(docId, ++seq, Date.now(), 'bench', 'candidate', 'bench', update)
      db.exec('COMMIT')
      lastSeq.set(docId, seq)
    },
    close: async () => db.close(),
  }
}

console.log(
  `storage-append: ${total} updates of ${update.length} bytes over ${DOCS} documents, Node ${process.version}`,
)
console.log('| path | updates per call | µs per update | p99 call ms | max call ms |')
console.log('|---|---|---|---|---|')
for (const [name, open] of [
  ['scaleboard appendUpdates', scaleboardAppend],
  ['plain node:sqlite', plainSqliteAppend],
] as const) {
  for (const batch of [1, 8, 64]) {
    const dir = mkdtempSync(join(tmpdir(), 'scaleboard-append-'))
    const target = await open(dir)
    const r = await timeAppends(target.append, batch)
    await target.close()
    rmSync(dir, { recursive: true, force: true })
    console.log(
      `| ${name} | ${batch} | ${r.perUpdateUs.toFixed(1)} | ${r.p99CallMs.toFixed(2)} | ${r.maxCallMs.toFixed(1)} |`,
    )
  }
}
