import type { Role } from '@scaleboard/schema'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DocumentLog, InterviewStore, SessionRecord, SessionStore } from '../types.ts'
import type { OpenSubject } from './subject.ts'

/**
 * A SessionStore under test comes with the DocumentLog and InterviewStore of the same backend:
 * `deleteSession` must take the session's documents and interview records with it.
 */
export type SessionStoreSubject = SessionStore & DocumentLog & InterviewStore

const author = { sessionId: 's1', role: 'candidate' as const, userId: 'u1' }
const bytes = (...values: number[]) => new Uint8Array(values)

function sessionRecord(id: string, createdAt: string, extra: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id,
    title: id,
    scenarioId: null,
    level: null,
    candidateName: null,
    createdAt,
    phaseMinutes: null,
    ...extra,
  }
}

const hashes = (prefix: string): Record<Role, string> => ({
  candidate: `${prefix}-c`,
  interviewer: `${prefix}-i`,
  observer: `${prefix}-o`,
})

/**
 * The SessionStore contract: registers the tests every implementation must pass. `open` gives a
 * fresh, empty store for each test.
 */
export function describeSessionStoreContract(name: string, open: OpenSubject<SessionStoreSubject>): void {
  describe(`SessionStore contract: ${name}`, () => {
    let subject: Awaited<ReturnType<typeof open>>
    let store: SessionStoreSubject
    beforeEach(async () => {
      subject = await open()
      store = subject.store
    })
    afterEach(() => subject.close())

    it('stores a session with every field, and which session and role each token hash opens', async () => {
      const full = sessionRecord('sess-1234', '2026-01-01T00:00:00.000Z', {
        title: 'Interview with Ada',
        scenarioId: 'fraud-scoring',
        level: 'senior',
        candidateName: 'Ada',
        phaseMinutes: { briefing: 10, design: 90, walkthrough: 15, feedback: 10, revision: 0.25 },
      })
      await store.createSession(full, hashes('h'))
      expect(await store.getSession('sess-1234')).toEqual(full)
      expect(await store.findTokenGrant('h-c')).toEqual({ sessionId: 'sess-1234', role: 'candidate' })
      expect(await store.findTokenGrant('h-i')).toEqual({ sessionId: 'sess-1234', role: 'interviewer' })
      expect(await store.findTokenGrant('h-o')).toEqual({ sessionId: 'sess-1234', role: 'observer' })
      expect(await store.findTokenGrant('nope')).toBeNull()
      expect(await store.getSession('sess-none')).toBeNull()
    })

    it("replaces one role's token: the old one opens nothing, the others still work", async () => {
      await store.createSession(sessionRecord('sess-rot', '2026-01-01T00:00:00.000Z'), hashes('r'))
      expect(await store.replaceTokenHash('sess-rot', 'observer', 'r-o2')).toBe(true)
      expect(await store.findTokenGrant('r-o')).toBeNull()
      expect(await store.findTokenGrant('r-o2')).toEqual({ sessionId: 'sess-rot', role: 'observer' })
      expect(await store.findTokenGrant('r-c')).toEqual({ sessionId: 'sess-rot', role: 'candidate' })
      expect(await store.replaceTokenHash('sess-none', 'observer', 'x')).toBe(false)
      expect(await store.findTokenGrant('x')).toBeNull()
    })

    it('keeps a session without planned minutes as null (sessions created before phases)', async () => {
      const bare = sessionRecord('sess-bare', '2026-01-01T00:00:00.000Z')
      await store.createSession(bare, hashes('b'))
      expect(await store.getSession('sess-bare')).toEqual(bare)
    })

    it('lists sessions newest first, up to the limit', async () => {
      for (const [id, at] of [
        ['s2', '2026-02-01T00:00:00.000Z'],
        ['s1', '2026-01-01T00:00:00.000Z'],
        ['s3', '2026-03-01T00:00:00.000Z'],
      ])
        await store.createSession(sessionRecord(id, at), hashes(id))
      expect((await store.listSessions(10)).map((s) => s.id)).toEqual(['s3', 's2', 's1'])
      expect((await store.listSessions(2)).map((s) => s.id)).toEqual(['s3', 's2'])
    })

    it('refuses a second session with the same token hash, storing nothing of it', async () => {
      const session = sessionRecord('sess-a', '2026-01-01T00:00:00.000Z')
      await store.createSession(session, { candidate: 'x1', interviewer: 'x2', observer: 'x3' })
      await expect(
        store.createSession(
          { ...session, id: 'sess-b' },
          { candidate: 'x1', interviewer: 'y2', observer: 'y3' },
        ),
      ).rejects.toThrow()
      expect(await store.getSession('sess-b')).toBeNull()
      expect(await store.findTokenGrant('y2')).toBeNull()
      expect(await store.findTokenGrant('x1')).toEqual({ sessionId: 'sess-a', role: 'candidate' })
    })

    it('refuses a second session with the same id', async () => {
      const session = sessionRecord('sess-a', '2026-01-01T00:00:00.000Z')
      await store.createSession(session, hashes('a'))
      await expect(store.createSession({ ...session, title: 'other' }, hashes('b'))).rejects.toThrow()
      expect((await store.getSession('sess-a'))?.title).toBe('sess-a')
      expect(await store.findTokenGrant('b-c')).toBeNull()
    })

    it('deletes a session with its tokens, its documents and their layers, its phase events, and nothing else', async () => {
      // `_` is a LIKE wildcard: `ab_c` must not take `abXc`'s documents with it.
      await store.createSession(sessionRecord('ab_c', '2026-01-01T00:00:00.000Z'), hashes('1'))
      await store.createSession(sessionRecord('abXc', '2026-01-02T00:00:00.000Z'), hashes('2'))
      for (const doc of ['ab_c', 'ab_c/annotations', 'abXc', 'abXc/annotations', 'ab_cd', 'ab_c0']) {
        await store.appendUpdates(doc, [{ at: 1, author, update: bytes(1) }])
        await store.saveCheckpoint(doc, { seq: 1, at: 2, state: bytes(2) })
      }
      for (const id of ['ab_c', 'abXc'])
        await store.appendPhaseEvent(id, { at: 1, author: 'interviewer', command: { phase: 'design' } })

      expect(await store.deleteSession('ab_c')).toBe(true)
      expect(await store.getSession('ab_c')).toBeNull()
      expect(await store.findTokenGrant('1-c')).toBeNull()
      expect(await store.findTokenGrant('1-o')).toBeNull()
      for (const doc of ['ab_c', 'ab_c/annotations']) {
        expect(await store.loadLatest(doc), doc).toEqual({ checkpoint: null, updates: [] })
        expect(await store.readUpdates(doc), doc).toEqual([])
      }
      expect(await store.listPhaseEvents('ab_c')).toEqual([])

      for (const doc of ['abXc', 'abXc/annotations', 'ab_cd', 'ab_c0']) {
        const { checkpoint, updates } = await store.loadLatest(doc)
        expect(checkpoint?.seq, doc).toBe(1)
        expect(updates, doc).toEqual([])
        expect(await store.readUpdates(doc), doc).toHaveLength(1)
      }
      expect(await store.listPhaseEvents('abXc')).toHaveLength(1)
      expect(await store.findTokenGrant('2-c')).toEqual({ sessionId: 'abXc', role: 'candidate' })
      expect(await store.getSession('abXc')).not.toBeNull()
      expect(await store.deleteSession('ab_c')).toBe(false)
    })

    it('deletes a session’s checklist, notes, messages, requirement changes and feedback, and no other session’s', async () => {
      const stamp = { at: '2026-01-01T10:00:00.000Z', phase: 'design' as const, phaseElapsedMs: 1000 }
      for (const id of ['ab_c', 'abXc']) {
        await store.createSession(sessionRecord(id, '2026-01-01T00:00:00.000Z'), hashes(id))
        await store.addChecklistItem(id, {
          id: 'x1',
          text: 'Doubles',
          group: 'scaling',
          source: 'interviewer',
        })
        await store.setChecklistState(id, 'x1', { status: 'met', note: 'yes', changedAt: stamp })
        await store.setChecklistShared(id, true)
        await store.addNote(id, { id: 'n1', text: 'private', itemId: null, at: stamp })
        await store.addMessage(id, {
          id: 'm1',
          author: 'candidate',
          text: 'Q?',
          at: stamp,
          clarification: false,
        })
        await store.addRequirementChange(
          id,
          { id: 'r1', text: 'Budget cut by 30%', at: stamp, checklistItemId: 'x2' },
          { id: 'x2', text: 'Budget cut by 30%', group: 'requirements', source: 'interviewer' },
        )
        await store.saveFeedback(id, {
          strength: { text: 'clear' },
          improvement: { text: 'cost' },
          released: false,
          updatedAt: stamp,
        })
      }
      expect(await store.deleteSession('ab_c')).toBe(true)
      expect(await store.listChecklistItems('ab_c')).toEqual([])
      expect(await store.listChecklistStates('ab_c')).toEqual(new Map())
      expect(await store.isChecklistShared('ab_c')).toBe(false)
      expect(await store.listNotes('ab_c')).toEqual([])
      expect(await store.listMessages('ab_c')).toEqual([])
      expect(await store.listRequirementChanges('ab_c')).toEqual([])
      expect(await store.getFeedback('ab_c')).toBeNull()

      expect(await store.listChecklistItems('abXc')).toHaveLength(2)
      expect(await store.listRequirementChanges('abXc')).toHaveLength(1)
      expect((await store.listChecklistStates('abXc')).size).toBe(1)
      expect(await store.isChecklistShared('abXc')).toBe(true)
      expect(await store.listNotes('abXc')).toHaveLength(1)
      expect(await store.listMessages('abXc')).toHaveLength(1)
      expect(await store.getFeedback('abXc')).not.toBeNull()
    })

    it('numbers a new session of a deleted one’s id from 1 again', async () => {
      await store.createSession(sessionRecord('sess-r', '2026-01-01T00:00:00.000Z'), hashes('r1'))
      await store.appendPhaseEvent('sess-r', { at: 1, author: 'interviewer', command: { action: 'start' } })
      await store.deleteSession('sess-r')
      await store.createSession(sessionRecord('sess-r', '2026-01-02T00:00:00.000Z'), hashes('r2'))
      const event = await store.appendPhaseEvent('sess-r', {
        at: 2,
        author: 'organiser',
        command: { action: 'start' },
      })
      expect(event.seq).toBe(1)
    })

    it('lists the sessions created before an instant, oldest first', async () => {
      for (const [id, at] of [
        ['s3', '2026-03-01T00:00:00.000Z'],
        ['s1', '2026-01-01T00:00:00.000Z'],
        ['s2', '2026-02-01T00:00:00.000Z'],
      ])
        await store.createSession(sessionRecord(id, at), hashes(id))
      expect(await store.listSessionIdsCreatedBefore('2026-02-15T00:00:00.000Z')).toEqual(['s1', 's2'])
      expect(await store.listSessionIdsCreatedBefore('2026-02-01T00:00:00.000Z')).toEqual(['s1'])
      expect(await store.listSessionIdsCreatedBefore('2025-01-01T00:00:00.000Z')).toEqual([])
    })

    it('keeps audit entries, newest first, up to the limit', async () => {
      const created = {
        at: '2026-01-01T00:00:00.000Z',
        actor: 'organiser',
        action: 'session.created',
        sessionId: 's1',
        detail: null,
      }
      const deleted = {
        at: '2026-01-02T00:00:00.000Z',
        actor: 'retention',
        action: 'session.deleted',
        sessionId: 's1',
        detail: 'older than 30 days',
      }
      const backup = {
        at: '2026-01-03T00:00:00.000Z',
        actor: 'cli',
        action: 'backup.taken',
        sessionId: null,
        detail: null,
      }
      await store.appendAudit(created)
      await store.appendAudit(deleted)
      await store.appendAudit(backup)
      expect(await store.listAudit(10)).toEqual([backup, deleted, created])
      expect(await store.listAudit(1)).toEqual([backup])
    })
  })
}
