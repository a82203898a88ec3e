import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { Kysely, SqliteDialect } from 'kysely'
import { Migrator } from 'kysely/migration'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { migrationProvider } from '../migrations.ts'
import type { Storage } from '../types.ts'
import { kyselyDatabaseFromNodeSqlite } from './nodeSqliteAdapter.ts'
import { openSqliteStorage } from './SqliteStorage.ts'

let dir: string
let storage: Storage

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scaleboard-revisions-'))
  storage = await openSqliteStorage({ dataDir: dir })
})
afterEach(async () => {
  await storage.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The seqs of a document's stored checkpoints, read from the file through a second connection. */
function storedCheckpointSeqs(docId: string): number[] {
  const raw = new DatabaseSync(join(dir, 'scaleboard.db'), { readOnly: true })
  try {
    const rows = raw.prepare('SELECT seq FROM doc_checkpoints WHERE doc_id = ? ORDER BY seq').all(docId)
    return rows.map((row) => Number(row.seq))
  } finally {
    raw.close()
  }
}

const state = (seq: number) => new TextEncoder().encode(`state@${seq}`)

describe('checkpoint thinning in SQLite (CHECKPOINT_SPACING = 2000)', () => {
  it('keeps the newest checkpoint and the lowest of each 2000-update span, as a room saves them every 500', async () => {
    const kept: Record<number, number[]> = {
      500: [500],
      1000: [500, 1000],
      1500: [500, 1500],
      2000: [500, 2000],
      2500: [500, 2000, 2500],
      3500: [500, 2000, 3500],
      4000: [500, 2000, 4000],
      4500: [500, 2000, 4000, 4500],
      10500: [500, 2000, 4000, 6000, 8000, 10_000, 10_500],
    }
    for (let seq = 500; seq <= 10_500; seq += 500) {
      await storage.saveCheckpoint('doc', { seq, at: seq, state: state(seq) })
      if (kept[seq]) expect(storedCheckpointSeqs('doc'), `after saving ${seq}`).toEqual(kept[seq])
    }
    const newest = (await storage.loadLatest('doc')).checkpoint
    expect(newest?.seq).toBe(10_500)
    expect(new TextDecoder().decode(newest?.state)).toBe('state@10500')
    const at = await storage.readCheckpointAtOrBefore('doc', 7999)
    expect([at?.seq, new TextDecoder().decode(at?.state)]).toEqual([6000, 'state@6000'])
  })

  it('thins checkpoints saved out of order by the same rule, and only the document saved to', async () => {
    for (const seq of [2100, 2600, 3100]) {
      await storage.saveCheckpoint('doc', { seq, at: seq, state: state(seq) })
      await storage.saveCheckpoint('doc/annotations', { seq, at: seq, state: state(seq) })
    }
    expect(storedCheckpointSeqs('doc')).toEqual([2100, 3100])
    // Older than the newest and not the lowest of its span: gone at once.
    await storage.saveCheckpoint('doc', { seq: 2300, at: 1, state: state(2300) })
    expect(storedCheckpointSeqs('doc')).toEqual([2100, 3100])
    // Now the lowest of its span: it stays, and the one it displaces goes.
    await storage.saveCheckpoint('doc', { seq: 2050, at: 1, state: state(2050) })
    expect(storedCheckpointSeqs('doc')).toEqual([2050, 3100])
    await storage.saveCheckpoint('doc', { seq: 100, at: 1, state: state(100) })
    expect(storedCheckpointSeqs('doc')).toEqual([100, 2050, 3100])
    expect(storedCheckpointSeqs('doc/annotations')).toEqual([2100, 3100])
    expect((await storage.loadLatest('doc')).checkpoint?.seq).toBe(3100)
  })

  it('never deletes an update', async () => {
    const author = { sessionId: 's', role: 'candidate' as const, userId: null }
    await storage.appendUpdates(
      'doc',
      Array.from({ length: 4000 }, (_, i) => ({ at: i, author, update: new Uint8Array([i % 256]) })),
    )
    for (let seq = 500; seq <= 4000; seq += 500)
      await storage.saveCheckpoint('doc', { seq, at: seq, state: state(seq) })
    expect(storedCheckpointSeqs('doc')).toEqual([500, 2000, 4000])
    expect((await storage.readUpdates('doc')).map((u) => u.seq)).toEqual(
      Array.from({ length: 4000 }, (_, i) => i + 1),
    )
  })
})

describe('revisions in SQLite (0007_revisions)', () => {
  it('migrates a database from before revisions: its sessions keep their records and have none', async () => {
    const oldDir = join(dir, 'old')
    mkdirSync(oldDir)
    const raw = new DatabaseSync(join(oldDir, 'scaleboard.db'))
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: kyselyDatabaseFromNodeSqlite(raw) }),
    })
    const { error } = await new Migrator({ db, provider: migrationProvider('sqlite') }).migrateTo(
      '0006_retired_tokens',
    )
    expect(error).toBeUndefined()
    raw.exec(
      "INSERT INTO sessions (id, title, created_at) VALUES ('sess-old', 'Old', '2026-01-01T00:00:00.000Z'); INSERT INTO doc_checkpoints VALUES ('sess-old', 500, 1, x'01'), ('sess-old', 1000, 2, x'02')",
    )
    await db.destroy()

    const migrated = await openSqliteStorage({ dataDir: oldDir })
    try {
      expect(await migrated.getSession('sess-old')).toMatchObject({ title: 'Old' })
      expect(await migrated.listRevisions('sess-old')).toEqual([])
      expect(await migrated.isReplayShared('sess-old')).toBe(false)
      // Checkpoints from before thinning are thinned at the next save.
      expect((await migrated.readCheckpointAtOrBefore('sess-old', 999))?.seq).toBe(500)
      await migrated.saveCheckpoint('sess-old', { seq: 1500, at: 3, state: new Uint8Array([3]) })
      expect((await migrated.readCheckpointAtOrBefore('sess-old', 1499))?.seq).toBe(500)
      await migrated.addRevision('sess-old', {
        id: 'r1',
        label: 'First',
        kind: 'manual',
        seq: 1500,
        annotationsSeq: 0,
        at: 4,
        author: 'organiser',
      })
      expect(await migrated.getRevision('sess-old', 'r1')).toMatchObject({ seq: 1500, author: 'organiser' })
    } finally {
      await migrated.close()
    }
  })

  it('skips a stored revision whose kind or author no longer reads, with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const base = {
        label: 'L',
        seq: 1,
        annotationsSeq: 0,
        at: 1,
        author: 'interviewer',
        kind: 'manual',
      } as const
      await storage.addRevision('s', { ...base, id: 'good' })
      await storage.addRevision('s', { ...base, id: 'bad-kind', at: 2 })
      await storage.addRevision('s', { ...base, id: 'bad-author', at: 3 })
      const raw = new DatabaseSync(join(dir, 'scaleboard.db'))
      raw.exec("UPDATE revisions SET kind = 'someday' WHERE id = 'bad-kind'")
      raw.exec("UPDATE revisions SET author = 'ghost' WHERE id = 'bad-author'")
      raw.close()
      expect((await storage.listRevisions('s')).map((r) => r.id)).toEqual(['good'])
      expect(await storage.getRevision('s', 'bad-kind')).toBeNull()
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('unreadable revision bad-author'))
    } finally {
      warn.mockRestore()
    }
  })
})
