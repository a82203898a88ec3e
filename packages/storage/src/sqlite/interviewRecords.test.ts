import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { SessionClockStamp } from '@scaleboard/schema'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Storage } from '../types.ts'
import { openSqliteStorage } from './SqliteStorage.ts'

let dir: string
let storage: Storage

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scaleboard-records-'))
  storage = await openSqliteStorage({ dataDir: dir })
})
afterEach(async () => {
  await storage.close()
  rmSync(dir, { recursive: true, force: true })
})

const stamp: SessionClockStamp = { at: '2026-05-04T09:00:00.000Z', phase: 'design', phaseElapsedMs: 5000 }

describe('SQLite interview records (0004_interview_records)', () => {
  it('skips unreadable checklist, note, message and feedback rows with a warning instead of failing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      await storage.addChecklistItem('s', {
        id: 'good',
        text: 'Good',
        group: 'scaling',
        source: 'interviewer',
      })
      await storage.setChecklistState('s', 'good', { status: 'met', changedAt: stamp })
      await storage.addNote('s', { id: 'n-good', text: 'kept', itemId: null, at: stamp })
      await storage.addMessage('s', {
        id: 'm-good',
        author: 'candidate',
        text: 'Q?',
        at: stamp,
        clarification: false,
      })
      const raw = new DatabaseSync(join(dir, 'scaleboard.db'))
      raw.exec(`
        INSERT INTO checklist_items (session_id, item_id, entry) VALUES
          ('s', 'bad-group', '{"id":"bad-group","text":"x","group":"vibes","source":"interviewer"}'),
          ('s', 'not-json', '{');
        INSERT INTO checklist_states (session_id, item_id, status, note, changed_at) VALUES
          ('s', 'bad-status', 'great', NULL, '${JSON.stringify(stamp)}'),
          ('s', 'bad-stamp', 'met', NULL, '{"phase":"lunch"}');
        INSERT INTO interviewer_notes (session_id, note) VALUES ('s', '{"id":"n-bad"}');
        INSERT INTO session_messages (session_id, message) VALUES ('s', '{"id":"m-bad","author":"observer"}');
        INSERT INTO feedback (session_id, feedback) VALUES ('s', '{"released":"yes"}');
      `)
      raw.close()

      expect((await storage.listChecklistItems('s')).map((i) => i.id)).toEqual(['good'])
      expect([...(await storage.listChecklistStates('s')).keys()]).toEqual(['good'])
      expect((await storage.listNotes('s')).map((n) => n.id)).toEqual(['n-good'])
      expect((await storage.listMessages('s')).map((m) => m.id)).toEqual(['m-good'])
      expect(await storage.getFeedback('s')).toBeNull()
      expect(warn).toHaveBeenCalledTimes(7)
    } finally {
      warn.mockRestore()
    }
  })
})
