import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  type PostgresService,
  scaleoutSkipReason,
  startPostgres,
} from '../../../../test/services/postgres.ts'
import { migrationProvider } from '../migrations.ts'
import { openStorage } from '../openStorage.ts'
import type { Author, SessionRecord, Storage } from '../types.ts'
import { openPostgresStorage } from './PostgresStorage.ts'

const skip = scaleoutSkipReason()
const author: Author = { sessionId: 's1', role: 'candidate', userId: 'u1' }
const bytes = (...values: number[]) => new Uint8Array(values)
const tokens = (prefix: string) => ({
  candidate: `${prefix}-c`,
  interviewer: `${prefix}-i`,
  observer: `${prefix}-o`,
})
const session = (id: string): SessionRecord => ({
  id,
  title: id,
  scenarioId: null,
  level: null,
  candidateName: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  phaseMinutes: null,
})
/** An update that names who wrote it: instance, append call, entry. */
const tagged = (tag: string) => new TextEncoder().encode(tag)

describe.skipIf(skip)(
  `PostgreSQL storage, several instances on one database${skip ? ` (${skip})` : ''}`,
  () => {
    let server: PostgresService
    let opened: Storage[] = []
    let databases = 0
    beforeAll(async () => {
      server = await startPostgres()
      const template = await openPostgresStorage({ url: await server.createDatabase('migrated') })
      await template.close()
    }, 120_000)
    afterAll(() => server?.stop())
    afterEach(async () => {
      await Promise.all(opened.map((storage) => storage.close()))
      opened = []
    })

    /** `count` instances (each its own pool) on one fresh, migrated database. */
    async function instances(count: number): Promise<{ url: string; stores: Storage[] }> {
      const url = await server.createDatabase(`instances_${++databases}`, { template: 'migrated' })
      const stores = await Promise.all(Array.from({ length: count }, () => openPostgresStorage({ url })))
      opened.push(...stores)
      return { url, stores }
    }

    /** Runs `sql` on its own connection (not through a Storage). */
    async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        return (await client.query(text, values)).rows as T[]
      } finally {
        await client.end()
      }
    }

    it('keeps seq gap-free from 1 when two instances append to the same document at once, each entry once', async () => {
      const { stores } = await instances(2)
      // Each instance: 40 appends of 1–3 entries, 4 per event-loop turn, to one shared document
      // and to one of its own, all in flight together. Tags name instance, call and entry.
      const appended = stores.map(async (store, s) => {
        const calls: Array<Promise<{ tags: string[]; last: number }>> = []
        for (let call = 0; call < 40; call++) {
          if (call % 4 === 0) await new Promise((resolve) => setImmediate(resolve))
          const entries = Array.from({ length: 1 + (call % 3) }, (_, e) => ({
            at: 1_000 + call,
            author,
            update: tagged(`${s}:${call}:${e}`),
          }))
          const own = store.appendUpdates(`own-${s}`, [{ at: 1, author, update: tagged(`${s}:${call}`) }])
          calls.push(
            store.appendUpdates('shared', entries).then(async (last) => {
              await own
              return { tags: entries.map((entry) => new TextDecoder().decode(entry.update)), last }
            }),
          )
        }
        return Promise.all(calls)
      })
      const results = await Promise.all(appended)
      const stored = await stores[0].readUpdates('shared')
      const expectedCount = results.flat().reduce((sum, r) => sum + r.tags.length, 0)
      expect(stored.map((u) => u.seq)).toEqual(Array.from({ length: expectedCount }, (_, i) => i + 1))
      const storedTags = stored.map((u) => new TextDecoder().decode(u.update))
      expect(new Set(storedTags).size).toBe(expectedCount)
      expect([...storedTags].sort()).toEqual(results.flatMap((r) => r.flatMap((x) => x.tags)).sort())
      for (const perInstance of results)
        for (const { tags, last } of perInstance) {
          // The seq each append answered is the one its last entry was stored at, its entries consecutive.
          expect(storedTags[last - 1]).toBe(tags.at(-1))
          expect(storedTags.slice(last - tags.length, last)).toEqual(tags)
        }
      // Each instance's own appends to the shared document are numbered in its call order.
      for (const s of [0, 1]) {
        const calls = storedTags.filter((t) => t.startsWith(`${s}:`)).map((t) => Number(t.split(':')[1]))
        expect(calls).toEqual([...calls].sort((a, b) => a - b))
      }
      expect((await stores[1].readUpdates('own-1')).map((u) => u.seq)).toEqual(
        Array.from({ length: 40 }, (_, i) => i + 1),
      )
    })

    it('numbers phase events, analysis events and revisions gap-free across instances', async () => {
      const { stores } = await instances(2)
      const phase = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          stores[i % 2].appendPhaseEvent('sess', {
            at: i,
            author: 'interviewer',
            command: { action: 'start' },
          }),
        ),
      )
      expect(phase.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 12 }, (_, i) => i + 1),
      )
      const analysis = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          stores[i % 2].appendAnalysisEvent('sess', {
            at: i,
            author: 'interviewer',
            change: { kind: 'shown', shown: i % 2 === 0 },
          }),
        ),
      )
      expect(analysis.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 12 }, (_, i) => i + 1),
      )
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          stores[i % 2].addRevision('sess', {
            id: `r${i}`,
            label: `r${i}`,
            kind: 'manual',
            seq: 0,
            annotationsSeq: 0,
            at: 5,
            author: 'interviewer',
          }),
        ),
      )
      expect(await stores[0].listRevisions('sess')).toHaveLength(8)
    })

    it('rejects every append of a batch whose transaction fails, storing none of them', async () => {
      const { stores } = await instances(1)
      const [store] = stores
      // Same turn, same batch: a fractional time is no bigint, so the whole transaction fails.
      const good = store.appendUpdates('doc-a', [{ at: 1, author, update: bytes(1) }])
      const bad = store.appendUpdates('doc-b', [{ at: 1.5, author, update: bytes(2) }])
      await expect(good).rejects.toThrow()
      await expect(bad).rejects.toThrow()
      expect(await store.readUpdates('doc-a')).toEqual([])
      expect(await store.readUpdates('doc-b')).toEqual([])
      // The next batch is numbered as if the failed one never was.
      expect(await store.appendUpdates('doc-a', [{ at: 2, author, update: bytes(3) }])).toBe(1)
    })

    it('opens an empty database from two instances at the same moment: both work, each migration ran once', async () => {
      const names = Object.keys(await migrationProvider('postgres').getMigrations()).sort()
      for (let round = 0; round < 3; round++) {
        const url = await server.createDatabase(`empty_${++databases}`)
        const stores = await Promise.all([openPostgresStorage({ url }), openPostgresStorage({ url })])
        opened.push(...stores)
        const ran = await query<{ name: string }>(url, 'select name from kysely_migration order by name')
        expect(ran.map((row) => row.name)).toEqual(names)
        await stores[0].appendUpdates('doc', [{ at: 1, author, update: bytes(1) }])
        expect(await stores[1].appendUpdates('doc', [{ at: 2, author, update: bytes(2) }])).toBe(2)
      }
    })

    it('drops what another instance appends or checkpoints to a session after one instance deleted it', async () => {
      const { stores } = await instances(2)
      const [deleter, writer] = stores
      await deleter.createSession(session('sess-x'), tokens('x'))
      await writer.appendUpdates('sess-x', [{ at: 1, author, update: bytes(1) }])
      expect(await deleter.deleteSession('sess-x')).toBe(true)
      for (const doc of ['sess-x', 'sess-x/annotations']) {
        expect(await writer.appendUpdates(doc, [{ at: 2, author, update: bytes(2) }])).toBe(0)
        await writer.saveCheckpoint(doc, { seq: 2, at: 3, state: bytes(3) })
        for (const store of stores)
          expect(await store.loadLatest(doc), doc).toEqual({ checkpoint: null, updates: [] })
      }
      // Not other sessions, even with the same prefix; and a new session of that id is written again.
      expect(await writer.appendUpdates('sess-xy', [{ at: 2, author, update: bytes(2) }])).toBe(1)
      await writer.createSession(session('sess-x'), tokens('x2'))
      expect(await deleter.appendUpdates('sess-x', [{ at: 4, author, update: bytes(4) }])).toBe(1)
    })

    it('leaves nothing of a session deleted while another instance keeps appending to it', async () => {
      const { stores } = await instances(2)
      const [deleter, writer] = stores
      await deleter.createSession(session('sess-busy'), tokens('b'))
      let deleted = false
      let afterDelete = 0
      const writing = (async () => {
        // Keeps writing until a few batches after the delete committed, as a late room would.
        for (let i = 0; afterDelete < 5; i++) {
          if (deleted) afterDelete++
          await Promise.all([
            writer.appendUpdates('sess-busy', [{ at: i, author, update: bytes(i % 256) }]),
            writer.appendUpdates('sess-busy/annotations', [{ at: i, author, update: bytes(i % 256) }]),
            i % 5 === 0 ? writer.saveCheckpoint('sess-busy', { seq: i, at: i, state: bytes(1) }) : null,
          ])
        }
      })()
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(await deleter.deleteSession('sess-busy')).toBe(true)
      deleted = true
      await writing
      for (const doc of ['sess-busy', 'sess-busy/annotations'])
        for (const store of stores) {
          expect(await store.readUpdates(doc), doc).toEqual([])
          expect(await store.loadLatest(doc), doc).toEqual({ checkpoint: null, updates: [] })
        }
    })

    it('round-trips 64-bit numbers and bytes: numbers beyond 2^31 exact, bytes as plain Uint8Array', async () => {
      const { url, stores } = await instances(1)
      const [store] = stores
      const at = Date.parse('2262-04-11T23:47:16.854Z') // far beyond 2^31 ms
      const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i)
      const big = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256)
      await store.appendUpdates('doc', [
        { at, author, update: everyByte },
        { at: at + 1, author, update: big },
        { at: at + 2, author, update: new Uint8Array(0) },
      ])
      const updates = await store.readUpdates('doc')
      expect(updates.map((u) => u.at)).toEqual([at, at + 1, at + 2])
      for (const u of updates) {
        expect(u.update).toBeInstanceOf(Uint8Array)
        expect(Buffer.isBuffer(u.update)).toBe(false)
      }
      expect([...updates[0].update]).toEqual([...everyByte])
      expect(Buffer.compare(updates[1].update, big)).toBe(0)
      expect(updates[2].update.byteLength).toBe(0)

      const seq = 2 ** 40 + 3
      await store.saveCheckpoint('doc', { seq, at, state: everyByte })
      const checkpoint = await store.readCheckpointAtOrBefore('doc', seq)
      expect(checkpoint?.seq).toBe(seq)
      expect(checkpoint?.at).toBe(at)
      expect(Buffer.isBuffer(checkpoint?.state)).toBe(false)
      expect([...(checkpoint?.state ?? [])]).toEqual([...everyByte])
      const revision = {
        id: 'r',
        label: 'far',
        kind: 'manual' as const,
        seq,
        annotationsSeq: seq + 1,
        at,
        author: 'system' as const,
      }
      await store.addRevision('sess', revision)
      expect(await store.getRevision('sess', 'r')).toEqual(revision)
      expect(
        (await store.appendPhaseEvent('sess', { at, author: 'system', command: { action: 'start' } })).at,
      ).toBe(at)
      expect((await store.listPhaseEvents('sess'))[0].at).toBe(at)

      // A bigint a number cannot hold exactly fails loudly instead of rounding.
      await query(url, 'insert into doc_updates values ($1, $2, 1, $3, $4, null, $5)', [
        'huge',
        '9007199254740993',
        's1',
        'candidate',
        Buffer.from([1]),
      ])
      await expect(store.lastSeq('huge')).rejects.toThrow(/beyond/)
      // The parsers are the pool's own: pg's global ones are untouched.
      expect(pg.types.getTypeParser(pg.types.builtins.INT8, 'text')('5')).toBe('5')
    })

    it('makes a PostgreSQL schema of 64-bit numbers, bytea, byte-order text and identity keys', async () => {
      const { url } = await instances(0)
      const columns = await query<{
        column: string
        type: string
        collation: string | null
        identity: string
      }>(
        url,
        `select table_name || '.' || column_name as column, data_type as type, collation_name as collation,
         is_identity as identity
       from information_schema.columns where table_schema = 'public' and table_name not like 'kysely%'`,
      )
      const of = (type: string) =>
        columns
          .filter((c) => c.type === type)
          .map((c) => c.column)
          .sort()
      expect(of('integer')).toEqual(['checklist_shared.shared', 'replay_shared.shared'])
      expect(of('bytea')).toEqual(['doc_checkpoints.state', 'doc_updates.update'])
      expect(of('bigint')).toEqual(
        expect.arrayContaining(['doc_updates.seq', 'doc_updates.at', 'revisions.n']),
      )
      expect(columns.filter((c) => c.type === 'text' && c.collation !== 'C')).toEqual([])
      expect(
        columns
          .filter((c) => c.identity === 'YES')
          .map((c) => c.column)
          .sort(),
      ).toEqual([
        'audit_log.id',
        'checklist_items.n',
        'interviewer_notes.n',
        'requirement_changes.n',
        'session_messages.n',
      ])
      expect(columns.map((c) => c.type).sort()).toEqual(
        expect.not.arrayContaining(['numeric', 'double precision', 'character varying']),
      )
    })

    it('answers ping, and openStorage picks PostgreSQL for a URL, SQLite without one', async () => {
      const { url, stores } = await instances(1)
      await expect(stores[0].ping()).resolves.toBeUndefined()
      const dataDir = mkdtempSync(join(tmpdir(), 'scaleboard-open-'))
      try {
        const viaUrl = await openStorage({ databaseUrl: url, dataDir })
        opened.push(viaUrl)
        await viaUrl.appendUpdates('via-url', [{ at: 1, author, update: bytes(1) }])
        expect(await stores[0].lastSeq('via-url')).toBe(1)
        expect(readdirSync(dataDir)).toEqual([])

        const embedded = await openStorage({ dataDir })
        opened.push(embedded)
        await embedded.appendUpdates('embedded', [{ at: 1, author, update: bytes(1) }])
        expect(await stores[0].lastSeq('embedded')).toBe(0)
        expect(readdirSync(dataDir)).toContain('scaleboard.db')
      } finally {
        await Promise.all(opened.splice(1).map((store) => store.close()))
        rmSync(dataDir, { recursive: true, force: true })
      }
    })
  },
)
