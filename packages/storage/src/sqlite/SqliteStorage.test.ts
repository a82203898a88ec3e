import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Storage } from '../types.ts'
import { backupSqliteDatabase } from './backup.ts'
import { openSqliteStorage } from './SqliteStorage.ts'

let dir: string
let storage: Storage

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scaleboard-storage-'))
  storage = await openSqliteStorage({ dataDir: dir })
})
afterEach(async () => {
  await storage.close()
  rmSync(dir, { recursive: true, force: true })
})

const author = { sessionId: 's1', role: 'candidate' as const, userId: 'u1' }
const bytes = (...values: number[]) => new Uint8Array(values)

describe('SQLite update log', () => {
  it('appends updates with increasing sequence numbers per document and reads them back in order', async () => {
    expect(await storage.appendUpdates('doc-a', [{ at: 1, author, update: bytes(1) }])).toBe(1)
    expect(
      await storage.appendUpdates('doc-a', [
        { at: 2, author, update: bytes(2) },
        { at: 3, author: { ...author, role: 'interviewer', userId: null }, update: bytes(3, 3) },
      ]),
    ).toBe(3)
    expect(await storage.appendUpdates('doc-b', [{ at: 4, author, update: bytes(9) }])).toBe(1)

    const all = await storage.readUpdates('doc-a')
    expect(all.map((u) => u.seq)).toEqual([1, 2, 3])
    expect(all.map((u) => [...u.update])).toEqual([[1], [2], [3, 3]])
    expect(all[2].author).toEqual({ sessionId: 's1', role: 'interviewer', userId: null })
    expect((await storage.readUpdates('doc-a', 1, 2)).map((u) => u.seq)).toEqual([2])
  })

  it('commits appends from many documents in the same turn together, numbering each document in order', async () => {
    const appends = ['a', 'b', 'a', 'c', 'a'].map((docId, i) =>
      storage.appendUpdates(docId, [{ at: i, author, update: bytes(i) }]),
    )
    expect(await Promise.all(appends)).toEqual([1, 1, 2, 1, 3])
    expect((await storage.readUpdates('a')).map((u) => [...u.update])).toEqual([[0], [2], [4]])
  })

  it('continues the numbering of a log written by an earlier process', async () => {
    await storage.appendUpdates('doc', [{ at: 1, author, update: bytes(1) }])
    await storage.close()
    storage = await openSqliteStorage({ dataDir: dir })
    expect(await storage.appendUpdates('doc', [{ at: 2, author, update: bytes(2) }])).toBe(2)
  })

  it('loads the newest checkpoint plus the updates after it', async () => {
    await storage.appendUpdates(
      'doc',
      [1, 2, 3, 4].map((n) => ({ at: n, author, update: bytes(n) })),
    )
    await storage.saveCheckpoint('doc', { seq: 2, at: 10, state: bytes(12) })
    await storage.saveCheckpoint('doc', { seq: 3, at: 11, state: bytes(123) })
    const { checkpoint, updates } = await storage.loadLatest('doc')
    expect(checkpoint?.seq).toBe(3)
    expect([...(checkpoint?.state ?? [])]).toEqual([123])
    expect(updates.map((u) => u.seq)).toEqual([4])
    expect(await storage.loadLatest('empty')).toEqual({ checkpoint: null, updates: [] })
  })

  it('keeps everything in the file across reopen', async () => {
    await storage.appendUpdates('doc', [{ at: 1, author, update: bytes(7) }])
    await storage.createSession(
      {
        id: 'sess-1234',
        title: 'T',
        scenarioId: null,
        level: 'senior',
        candidateName: 'Ada',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      { candidate: 'h-c', interviewer: 'h-i', observer: 'h-o' },
    )
    await storage.close()
    storage = await openSqliteStorage({ dataDir: dir })
    expect((await storage.readUpdates('doc')).map((u) => [...u.update])).toEqual([[7]])
    expect(await storage.getSession('sess-1234')).toMatchObject({
      title: 'T',
      level: 'senior',
      candidateName: 'Ada',
    })
    expect(await storage.findTokenGrant('h-o')).toEqual({ sessionId: 'sess-1234', role: 'observer' })
    expect(await storage.findTokenGrant('nope')).toBeNull()
    expect((await storage.listSessions(10)).map((s) => s.id)).toEqual(['sess-1234'])
  })

  it('refuses a second session with the same token hash, storing nothing of it', async () => {
    const session = {
      id: 'sess-a',
      title: 'A',
      scenarioId: null,
      level: null,
      candidateName: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    }
    await storage.createSession(session, { candidate: 'x1', interviewer: 'x2', observer: 'x3' })
    await expect(
      storage.createSession(
        { ...session, id: 'sess-b' },
        { candidate: 'x1', interviewer: 'y2', observer: 'y3' },
      ),
    ).rejects.toThrow()
    expect(await storage.getSession('sess-b')).toBeNull()
  })

  it('copies the write-ahead log into the database file in the background', async () => {
    const dbFile = join(dir, 'scaleboard.db')
    const before = statSync(dbFile).size
    const big = new Uint8Array(64 * 1024).fill(7)
    for (let i = 0; i < 16; i++) await storage.appendUpdates('doc', [{ at: i, author, update: big }])
    // The server's connection never checkpoints (wal_autocheckpoint = 0): only the worker does.
    expect(statSync(dbFile).size).toBe(before)
    await expect
      .poll(() => statSync(dbFile).size, { timeout: 10_000 })
      .toBeGreaterThan(before + 16 * 64 * 1024)
  })

  it('answers ping', async () => {
    await expect(storage.ping()).resolves.toBeUndefined()
  })
})

const sessionRecord = (id: string, createdAt: string) => ({
  id,
  title: id,
  scenarioId: null,
  level: null,
  candidateName: null,
  createdAt,
})

describe('deleting sessions (retention)', () => {
  it('deletes a session with its tokens, its documents and their layers, and nothing else', async () => {
    // `_` is a LIKE wildcard: `ab_c` must not take `abXc`'s documents with it.
    await storage.createSession(sessionRecord('ab_c', '2026-01-01T00:00:00.000Z'), {
      candidate: 'c1',
      interviewer: 'i1',
      observer: 'o1',
    })
    await storage.createSession(sessionRecord('abXc', '2026-01-02T00:00:00.000Z'), {
      candidate: 'c2',
      interviewer: 'i2',
      observer: 'o2',
    })
    for (const doc of ['ab_c', 'ab_c/annotations', 'abXc', 'abXc/annotations', 'ab_cd', 'ab_c0']) {
      await storage.appendUpdates(doc, [{ at: 1, author, update: bytes(1) }])
      await storage.saveCheckpoint(doc, { seq: 1, at: 2, state: bytes(2) })
    }

    expect(await storage.deleteSession('ab_c')).toBe(true)
    expect(await storage.getSession('ab_c')).toBeNull()
    expect(await storage.findTokenGrant('c1')).toBeNull()
    expect(await storage.findTokenGrant('o1')).toBeNull()
    for (const doc of ['ab_c', 'ab_c/annotations'])
      expect(await storage.loadLatest(doc), doc).toEqual({ checkpoint: null, updates: [] })
    for (const doc of ['abXc', 'abXc/annotations', 'ab_cd', 'ab_c0']) {
      const { checkpoint, updates } = await storage.loadLatest(doc)
      expect(checkpoint?.seq, doc).toBe(1)
      expect(await storage.readUpdates(doc), doc).toHaveLength(1)
      expect(updates).toEqual([])
    }
    expect(await storage.findTokenGrant('c2')).toEqual({ sessionId: 'abXc', role: 'candidate' })
    expect(await storage.deleteSession('ab_c')).toBe(false)
  })

  it('lists the sessions created before an instant, oldest first', async () => {
    for (const [id, at] of [
      ['s3', '2026-03-01T00:00:00.000Z'],
      ['s1', '2026-01-01T00:00:00.000Z'],
      ['s2', '2026-02-01T00:00:00.000Z'],
    ])
      await storage.createSession(sessionRecord(id, at), {
        candidate: `${id}c`,
        interviewer: `${id}i`,
        observer: `${id}o`,
      })
    expect(await storage.listSessionIdsCreatedBefore('2026-02-15T00:00:00.000Z')).toEqual(['s1', 's2'])
    expect(await storage.listSessionIdsCreatedBefore('2026-02-01T00:00:00.000Z')).toEqual(['s1'])
    expect(await storage.listSessionIdsCreatedBefore('2025-01-01T00:00:00.000Z')).toEqual([])
  })
})

describe('audit log', () => {
  it('keeps organiser and system actions, newest first, across reopen', async () => {
    await storage.appendAudit({
      at: '2026-01-01T00:00:00.000Z',
      actor: 'organiser',
      action: 'session.created',
      sessionId: 's1',
      detail: null,
    })
    await storage.appendAudit({
      at: '2026-01-02T00:00:00.000Z',
      actor: 'retention',
      action: 'session.deleted',
      sessionId: 's1',
      detail: 'older than 30 days',
    })
    await storage.close()
    storage = await openSqliteStorage({ dataDir: dir })
    expect(await storage.listAudit(10)).toEqual([
      {
        at: '2026-01-02T00:00:00.000Z',
        actor: 'retention',
        action: 'session.deleted',
        sessionId: 's1',
        detail: 'older than 30 days',
      },
      {
        at: '2026-01-01T00:00:00.000Z',
        actor: 'organiser',
        action: 'session.created',
        sessionId: 's1',
        detail: null,
      },
    ])
    expect(await storage.listAudit(1)).toHaveLength(1)
  })
})

describe('private files', () => {
  const mode = (path: string) => statSync(path).mode & 0o777

  it('makes the data folder 0700 and the database and its WAL files 0600, also when they were looser', async () => {
    const file = join(dir, 'scaleboard.db')
    await storage.appendUpdates('doc', [{ at: 1, author, update: bytes(1) }])
    expect(mode(dir)).toBe(0o700)
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(mode(path), path).toBe(0o600)

    await storage.close()
    chmodSync(dir, 0o755)
    for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o644)
    storage = await openSqliteStorage({ dataDir: dir })
    await storage.appendUpdates('doc', [{ at: 2, author, update: bytes(2) }])
    expect(mode(dir)).toBe(0o700)
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(mode(path), path).toBe(0o600)
  })

  it('creates a missing data folder 0700 even under a permissive umask', async () => {
    const nested = join(dir, 'nested', 'data')
    const previous = process.umask(0)
    let other: Storage | undefined
    try {
      other = await openSqliteStorage({ dataDir: nested })
    } finally {
      process.umask(previous)
    }
    await other.close()
    expect(mode(nested)).toBe(0o700)
    expect(mode(join(nested, 'scaleboard.db'))).toBe(0o600)
  })
})

describe('online backup', () => {
  it('copies the open database into a new 0600 file that opens with everything in it, and audits it', async () => {
    await storage.createSession(sessionRecord('sess-b', '2026-01-01T00:00:00.000Z'), {
      candidate: 'bc',
      interviewer: 'bi',
      observer: 'bo',
    })
    await storage.appendUpdates('sess-b', [{ at: 1, author, update: bytes(4, 2) }])
    const target = join(dir, 'copy.db')
    const result = await backupSqliteDatabase(dir, target)
    expect(result.pages).toBeGreaterThan(0)
    expect(statSync(target).mode & 0o777).toBe(0o600)
    await expect(backupSqliteDatabase(dir, target)).rejects.toThrow(/exists already/)

    const restoredDir = join(dir, 'restored')
    mkdirSync(restoredDir)
    copyFileSync(target, join(restoredDir, 'scaleboard.db'))
    const restored = await openSqliteStorage({ dataDir: restoredDir })
    try {
      expect(await restored.getSession('sess-b')).toMatchObject({ id: 'sess-b' })
      expect(await restored.findTokenGrant('bo')).toEqual({ sessionId: 'sess-b', role: 'observer' })
      expect((await restored.readUpdates('sess-b')).map((u) => [...u.update])).toEqual([[4, 2]])
    } finally {
      await restored.close()
    }
    expect((await storage.listAudit(1))[0]).toMatchObject({ actor: 'cli', action: 'backup.taken' })
  })
})
