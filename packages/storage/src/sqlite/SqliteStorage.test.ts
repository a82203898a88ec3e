import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { Kysely, SqliteDialect } from 'kysely'
import { Migrator } from 'kysely/migration'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { migrationProvider } from '../migrations.ts'
import type { Storage } from '../types.ts'
import { backupSqliteDatabase } from './backup.ts'
import { kyselyDatabaseFromNodeSqlite } from './nodeSqliteAdapter.ts'
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

describe('SQLite file (the contracts run in SqliteStorage.contract.test.ts)', () => {
  it('continues the numbering of a log written by an earlier process', async () => {
    await storage.appendUpdates('doc', [{ at: 1, author, update: bytes(1) }])
    await storage.close()
    storage = await openSqliteStorage({ dataDir: dir })
    expect(await storage.appendUpdates('doc', [{ at: 2, author, update: bytes(2) }])).toBe(2)
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
        phaseMinutes: { briefing: 10, design: 90, walkthrough: 15, feedback: 10, revision: 15 },
      },
      { candidate: 'h-c', interviewer: 'h-i', observer: 'h-o' },
    )
    await storage.appendPhaseEvent('sess-1234', {
      at: 5,
      author: 'interviewer',
      command: { phase: 'design' },
    })
    await storage.close()
    storage = await openSqliteStorage({ dataDir: dir })
    expect((await storage.readUpdates('doc')).map((u) => [...u.update])).toEqual([[7]])
    expect(await storage.getSession('sess-1234')).toMatchObject({
      title: 'T',
      level: 'senior',
      candidateName: 'Ada',
      phaseMinutes: { briefing: 10, design: 90, walkthrough: 15, feedback: 10, revision: 15 },
    })
    expect(await storage.listPhaseEvents('sess-1234')).toEqual([
      { seq: 1, at: 5, author: 'interviewer', command: { phase: 'design' } },
    ])
    expect(
      await storage.appendPhaseEvent('sess-1234', {
        at: 6,
        author: 'organiser',
        command: { action: 'pause' },
      }),
    ).toMatchObject({ seq: 2 })
    expect(await storage.findTokenGrant('h-o')).toEqual({ sessionId: 'sess-1234', role: 'observer' })
    expect(await storage.findTokenGrant('nope')).toBeNull()
    expect((await storage.listSessions(10)).map((s) => s.id)).toEqual(['sess-1234'])
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
  phaseMinutes: null,
})

describe('interview phases in SQLite', () => {
  it('migrates a database from before phases: its sessions keep no planned minutes and no events', async () => {
    const oldDir = join(dir, 'old')
    mkdirSync(oldDir)
    const raw = new DatabaseSync(join(oldDir, 'scaleboard.db'))
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: kyselyDatabaseFromNodeSqlite(raw) }),
    })
    const { error } = await new Migrator({ db, provider: migrationProvider('sqlite') }).migrateTo(
      '0002_audit_log',
    )
    expect(error).toBeUndefined()
    raw.exec(
      "INSERT INTO sessions (id, title, scenario_id, level, candidate_name, created_at) VALUES ('sess-old', 'Old', NULL, 'mid', NULL, '2025-12-01T00:00:00.000Z')",
    )
    await db.destroy()

    const migrated = await openSqliteStorage({ dataDir: oldDir })
    try {
      expect(await migrated.getSession('sess-old')).toMatchObject({
        title: 'Old',
        level: 'mid',
        phaseMinutes: null,
      })
      expect(await migrated.listPhaseEvents('sess-old')).toEqual([])
      expect(
        await migrated.appendPhaseEvent('sess-old', {
          at: 1,
          author: 'organiser',
          command: { action: 'start' },
        }),
      ).toMatchObject({ seq: 1 })
    } finally {
      await migrated.close()
    }
  })

  it('skips unreadable stored rows with a warning instead of failing, and keeps numbering after them', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      await storage.createSession(
        {
          ...sessionRecord('sess-bad', '2026-01-01T00:00:00.000Z'),
          phaseMinutes: { design: 60, briefing: 5, walkthrough: 15, feedback: 10, revision: 15 },
        },
        { candidate: 'bc', interviewer: 'bi', observer: 'bo' },
      )
      const other = new DatabaseSync(join(dir, 'scaleboard.db'))
      other.exec(`
        UPDATE sessions SET phase_minutes = '{"design":-1}' WHERE id = 'sess-bad';
        INSERT INTO phase_events (session_id, seq, at, author, command) VALUES
          ('sess-bad', 1, 1, 'interviewer', '{"action":"nap"}'),
          ('sess-bad', 2, 2, 'interviewer', 'not json'),
          ('sess-bad', 3, 3, 'stranger', '{"action":"start"}'),
          ('sess-bad', 4, 4, 'interviewer', '{"phase":"design"}');
      `)
      other.close()

      expect((await storage.getSession('sess-bad'))?.phaseMinutes).toBeNull()
      expect(await storage.listPhaseEvents('sess-bad')).toEqual([
        { seq: 4, at: 4, author: 'interviewer', command: { phase: 'design' } },
      ])
      expect(warn).toHaveBeenCalledTimes(4)
      expect(
        await storage.appendPhaseEvent('sess-bad', {
          at: 5,
          author: 'interviewer',
          command: { action: 'pause' },
        }),
      ).toMatchObject({ seq: 5 })
    } finally {
      warn.mockRestore()
    }
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
