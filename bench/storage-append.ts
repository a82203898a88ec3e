/**
 * Two tables.
 *
 * 1. What persisting one update costs on the event loop: Scaleboard's `appendUpdates` (Kysely over
 *    node:sqlite, one transaction per call) against a floor of plain node:sqlite with one prepared
 *    INSERT reused, for a few batch sizes. Every call is synchronous underneath, so its whole time
 *    is time the server's event loop cannot read sockets.
 * 2. Append throughput of the backends, SQLite against PostgreSQL (a private server started by
 *    test/services/postgres.ts, durable settings), with the writes rooms make: every room flushes
 *    its updates (~200 bytes each) in the same turn, like their 50 ms flushes, so each round is
 *    one group commit. Rounds run back to back to find the capacity; median of `--runs` runs.
 *
 *   node bench/storage-append.ts --updates 4000 --rooms 20 --per-flush 5 --flushes 200 --runs 3
 *   node bench/storage-append.ts --only backends
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { parseArgs } from 'node:util'
import { openPostgresStorage, openSqliteStorage, type Storage } from '../packages/storage/src/index.ts'
import { startPostgres } from '../test/services/postgres.ts'

const { values: flags } = parseArgs({
  options: {
    updates: { type: 'string', default: '4000' },
    rooms: { type: 'string', default: '20' },
    'per-flush': { type: 'string', default: '5' },
    flushes: { type: 'string', default: '200' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
})
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

if (flags.only !== 'backends') await eventLoopTable()
if (flags.only !== 'event-loop') await backendsTable()

async function eventLoopTable() {
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
}

/** Table 2: group-committed appends of `rooms` rooms, SQLite against PostgreSQL. */
async function backendsTable() {
  const rooms = Number(flags.rooms)
  const perFlush = Number(flags['per-flush'])
  const flushes = Number(flags.flushes)
  const runs = Number(flags.runs)
  const payload = new Uint8Array(200).fill(42)
  // Durable as a production server is: fsync and synchronous commit on.
  const server = await startPostgres({
    settings: { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' },
  })
  let databases = 0
  const postgres = (urlOptions: string, instances: number) => async () => {
    const url = `${await server.createDatabase(`bench_${++databases}`)}${urlOptions}`
    const stores: Storage[] = []
    for (let i = 0; i < instances; i++) stores.push(await openPostgresStorage({ url }))
    return { stores, close: async () => void (await Promise.all(stores.map((s) => s.close()))) }
  }
  const backends: Array<[string, () => Promise<{ stores: Storage[]; close: () => Promise<void> }>]> = [
    [
      'SQLite (WAL, synchronous=NORMAL)',
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'scaleboard-append-'))
        const store = await openSqliteStorage({ dataDir: dir })
        return {
          stores: [store],
          close: async () => {
            await store.close()
            rmSync(dir, { recursive: true, force: true })
          },
        }
      },
    ],
    ['PostgreSQL (synchronous_commit=on)', postgres('', 1)],
    // Like SQLite's synchronous=NORMAL: a crash of the process loses nothing, a power loss the newest commits.
    ['PostgreSQL (synchronous_commit=off)', postgres('?options=-c%20synchronous_commit%3Doff', 1)],
    ['PostgreSQL, 2 instances (sync. commit on)', postgres('', 2)],
  ]
  console.log(
    `\nstorage-append, backends: ${rooms} rooms × ${perFlush} updates of ${payload.length} bytes per flush, ` +
      `${flushes} flushes back to back, median of ${runs} runs, ${process.platform} ${process.arch}`,
  )
  console.log('| backend | updates/s | flush ms p50 | flush ms p99 |')
  console.log('|---|---|---|---|')
  try {
    for (const [name, open] of backends) {
      const measured: Array<{ perSecond: number; p50: number; p99: number }> = []
      for (let run = 0; run < runs; run++) {
        const { stores, close } = await open()
        try {
          measured.push(await flushRounds(stores, rooms, perFlush, flushes, payload))
        } finally {
          await close()
        }
      }
      const median = (pick: (m: (typeof measured)[number]) => number) =>
        measured.map(pick).sort((a, b) => a - b)[Math.floor(measured.length / 2)]
      console.log(
        `| ${name} | ${Math.round(median((m) => m.perSecond))} | ${median((m) => m.p50).toFixed(2)} | ${median((m) => m.p99).toFixed(2)} |`,
      )
    }
  } finally {
    await server.stop()
  }
}

/**
 * `flushes` rounds; in each, every room appends `perFlush` updates to its document in the same
 * turn (the rooms are spread over the instances, as a load balancer would). Times each round.
 */
async function flushRounds(
  stores: Storage[],
  rooms: number,
  perFlush: number,
  flushes: number,
  payload: Uint8Array,
) {
  const author = { sessionId: 'bench', role: 'candidate' as const, userId: 'bench' }
  const rounds: number[] = []
  const started = performance.now()
  for (let flush = 0; flush < flushes; flush++) {
    const t = performance.now()
    await Promise.all(
      Array.from({ length: rooms }, (_, room) =>
        stores[room % stores.length].appendUpdates(
          `room-${room}`,
          Array.from({ length: perFlush }, () => ({ at: Date.now(), author, update: payload })),
        ),
      ),
    )
    rounds.push(performance.now() - t)
  }
  const seconds = (performance.now() - started) / 1000
  rounds.sort((a, b) => a - b)
  return {
    perSecond: (rooms * perFlush * flushes) / seconds,
    p50: rounds[Math.floor(rounds.length / 2)],
    p99: rounds[Math.ceil(rounds.length * 0.99) - 1],
  }
}
