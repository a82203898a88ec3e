import type { Role } from '@scaleboard/schema'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DocumentLog, InterviewStore, RevisionStore, SessionRecord, SessionStore } from '../types.ts'
import type { OpenSubject } from './subject.ts'

/**
 * A SessionStore under test comes with the DocumentLog, InterviewStore and RevisionStore of the
 * same backend: `deleteSession` must take the session's documents, interview records and
 * revisions with it.
 */
export type SessionStoreSubject = SessionStore & DocumentLog & InterviewStore & RevisionStore

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

    it('keeps a replaced token as revoked, with its session, role and time; others are not retired', async () => {
      await store.createSession(sessionRecord('sess-rev', '2026-01-01T00:00:00.000Z'), hashes('v'))
      expect(await store.findRetiredToken('v-c')).toBeNull()
      expect(await store.replaceTokenHash('sess-rev', 'candidate', 'v-c2', '2026-01-02T00:00:00.000Z')).toBe(
        true,
      )
      expect(await store.replaceTokenHash('sess-rev', 'candidate', 'v-c3', '2026-01-03T00:00:00.000Z')).toBe(
        true,
      )
      expect(await store.findRetiredToken('v-c')).toEqual({
        kind: 'revoked',
        sessionId: 'sess-rev',
        role: 'candidate',
        at: '2026-01-02T00:00:00.000Z',
      })
      expect(await store.findRetiredToken('v-c2')).toMatchObject({
        kind: 'revoked',
        at: '2026-01-03T00:00:00.000Z',
      })
      expect(await store.findRetiredToken('v-c3')).toBeNull()
      expect(await store.findRetiredToken('v-o')).toBeNull()
      expect(await store.findRetiredToken('never-issued')).toBeNull()
      expect(await store.findTokenGrant('v-c')).toBeNull()
    })

    it('keeps only a tombstone of a deleted session: its current and revoked token hashes say "deleted"', async () => {
      await store.createSession(sessionRecord('sess-del', '2026-01-01T00:00:00.000Z'), hashes('d'))
      await store.createSession(sessionRecord('sess-keep', '2026-01-01T00:00:00.000Z'), hashes('k'))
      await store.replaceTokenHash('sess-del', 'observer', 'd-o2')
      await store.replaceTokenHash('sess-keep', 'observer', 'k-o2')
      expect(await store.deleteSession('sess-del', '2026-02-01T00:00:00.000Z')).toBe(true)
      for (const hash of ['d-c', 'd-i', 'd-o', 'd-o2']) {
        expect(await store.findRetiredToken(hash), hash).toEqual({
          kind: 'session_deleted',
          at: '2026-02-01T00:00:00.000Z',
        })
        expect(await store.findTokenGrant(hash), hash).toBeNull()
      }
      expect(await store.findRetiredToken('k-o')).toMatchObject({ kind: 'revoked', sessionId: 'sess-keep' })
      expect(await store.findRetiredToken('k-c')).toBeNull()
      expect(await store.findTokenGrant('k-o2')).toEqual({ sessionId: 'sess-keep', role: 'observer' })
      expect(await store.deleteSession('sess-none')).toBe(false)
    })

    it('drops what a room still open on a deleted session flushes afterwards: updates and checkpoints', async () => {
      await store.createSession(sessionRecord('sess-late', '2026-01-01T00:00:00.000Z'), hashes('l'))
      await store.appendUpdates('sess-late', [{ at: 1, author, update: bytes(1) }])
      expect(await store.deleteSession('sess-late')).toBe(true)
      for (const doc of ['sess-late', 'sess-late/annotations']) {
        await store.appendUpdates(doc, [{ at: 2, author, update: bytes(2) }])
        await store.saveCheckpoint(doc, { seq: 2, at: 3, state: bytes(3) })
        expect(await store.loadLatest(doc), doc).toEqual({ checkpoint: null, updates: [] })
      }
      // Other documents, even with the same prefix, are written as usual.
      await store.appendUpdates('sess-later', [{ at: 2, author, update: bytes(2) }])
      expect(await store.readUpdates('sess-later')).toHaveLength(1)
    })

    it('lists overviews newest first: phase once the interview moved, last activity from logs and phase events', async () => {
      await store.createSession(sessionRecord('o-idle', '2026-01-01T00:00:00.000Z'), hashes('o1'))
      await store.createSession(sessionRecord('o-started', '2026-01-02T00:00:00.000Z'), hashes('o2'))
      await store.createSession(sessionRecord('o-design', '2026-01-03T00:00:00.000Z'), hashes('o3'))
      const at = (iso: string) => Date.parse(iso)
      await store.appendPhaseEvent('o-started', {
        at: at('2026-01-05T00:00:00.000Z'),
        author: 'interviewer',
        command: { action: 'start' },
      })
      await store.appendPhaseEvent('o-design', {
        at: at('2026-01-04T00:00:00.000Z'),
        author: 'interviewer',
        command: { phase: 'design' },
      })
      await store.appendPhaseEvent('o-design', {
        at: at('2026-01-04T01:00:00.000Z'),
        author: 'interviewer',
        command: { action: 'pause' },
      })
      // The board's log, then the annotations layer's, hold the newest activity of o-design.
      await store.appendUpdates('o-design', [
        { at: at('2026-01-06T00:00:00.000Z'), author, update: bytes(1) },
        { at: at('2026-01-07T00:00:00.000Z'), author, update: bytes(2) },
      ])
      await store.appendUpdates('o-design/annotations', [
        { at: at('2026-01-08T00:00:00.000Z'), author, update: bytes(3) },
      ])
      // Another session whose id starts the same must not count.
      await store.appendUpdates('o-idle0', [{ at: at('2026-03-01T00:00:00.000Z'), author, update: bytes(4) }])

      const overviews = await store.listSessionOverviews(10)
      expect(overviews.map((o) => [o.session.id, o.phase, o.lastActivityAt])).toEqual([
        ['o-design', 'design', '2026-01-08T00:00:00.000Z'],
        ['o-started', 'briefing', '2026-01-05T00:00:00.000Z'],
        ['o-idle', null, '2026-01-01T00:00:00.000Z'],
      ])
      expect(overviews[0].session).toEqual(await store.getSession('o-design'))
      expect((await store.listSessionOverviews(1)).map((o) => o.session.id)).toEqual(['o-design'])
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
      for (const id of ['ab_c', 'abXc']) {
        await store.appendPhaseEvent(id, { at: 1, author: 'interviewer', command: { phase: 'design' } })
        await store.appendAnalysisEvent(id, {
          at: 1,
          author: 'interviewer',
          change: { kind: 'shown', shown: true },
        })
      }

      expect(await store.deleteSession('ab_c')).toBe(true)
      expect(await store.getSession('ab_c')).toBeNull()
      expect(await store.findTokenGrant('1-c')).toBeNull()
      expect(await store.findTokenGrant('1-o')).toBeNull()
      for (const doc of ['ab_c', 'ab_c/annotations']) {
        expect(await store.loadLatest(doc), doc).toEqual({ checkpoint: null, updates: [] })
        expect(await store.readUpdates(doc), doc).toEqual([])
      }
      expect(await store.listPhaseEvents('ab_c')).toEqual([])
      expect(await store.listAnalysisEvents('ab_c')).toEqual([])

      for (const doc of ['abXc', 'abXc/annotations', 'ab_cd', 'ab_c0']) {
        const { checkpoint, updates } = await store.loadLatest(doc)
        expect(checkpoint?.seq, doc).toBe(1)
        expect(updates, doc).toEqual([])
        expect(await store.readUpdates(doc), doc).toHaveLength(1)
      }
      expect(await store.listPhaseEvents('abXc')).toHaveLength(1)
      expect(await store.listAnalysisEvents('abXc')).toHaveLength(1)
      expect(await store.findTokenGrant('2-c')).toEqual({ sessionId: 'abXc', role: 'candidate' })
      expect(await store.getSession('abXc')).not.toBeNull()
      expect(await store.deleteSession('ab_c')).toBe(false)
    })

    it('deletes a session’s checklist, notes, messages, requirement changes, feedback, revisions and replay sharing, and no other session’s', async () => {
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
        await store.addRevision(id, {
          id: 'rev1',
          label: 'End of design',
          kind: 'phase',
          seq: 1,
          annotationsSeq: 0,
          at: 5,
          author: 'system',
        })
        await store.setReplayShared(id, true)
      }
      expect(await store.deleteSession('ab_c')).toBe(true)
      expect(await store.listChecklistItems('ab_c')).toEqual([])
      expect(await store.listChecklistStates('ab_c')).toEqual(new Map())
      expect(await store.isChecklistShared('ab_c')).toBe(false)
      expect(await store.listNotes('ab_c')).toEqual([])
      expect(await store.listMessages('ab_c')).toEqual([])
      expect(await store.listRequirementChanges('ab_c')).toEqual([])
      expect(await store.getFeedback('ab_c')).toBeNull()
      expect(await store.listRevisions('ab_c')).toEqual([])
      expect(await store.getRevision('ab_c', 'rev1')).toBeNull()
      expect(await store.isReplayShared('ab_c')).toBe(false)

      expect(await store.listChecklistItems('abXc')).toHaveLength(2)
      expect(await store.listRequirementChanges('abXc')).toHaveLength(1)
      expect((await store.listChecklistStates('abXc')).size).toBe(1)
      expect(await store.isChecklistShared('abXc')).toBe(true)
      expect(await store.listNotes('abXc')).toHaveLength(1)
      expect(await store.listMessages('abXc')).toHaveLength(1)
      expect(await store.getFeedback('abXc')).not.toBeNull()
      expect(await store.listRevisions('abXc')).toHaveLength(1)
      expect(await store.isReplayShared('abXc')).toBe(true)
    })

    it('numbers a new session of a deleted one’s id from 1 again', async () => {
      await store.createSession(sessionRecord('sess-r', '2026-01-01T00:00:00.000Z'), hashes('r1'))
      await store.appendPhaseEvent('sess-r', { at: 1, author: 'interviewer', command: { action: 'start' } })
      const taken = { id: 'rev1', label: 'Old', kind: 'manual', seq: 0, annotationsSeq: 0, at: 1 } as const
      await store.addRevision('sess-r', { ...taken, author: 'interviewer' })
      await store.deleteSession('sess-r')
      await store.createSession(sessionRecord('sess-r', '2026-01-02T00:00:00.000Z'), hashes('r2'))
      const event = await store.appendPhaseEvent('sess-r', {
        at: 2,
        author: 'organiser',
        command: { action: 'start' },
      })
      expect(event.seq).toBe(1)
      // Its revision ids are free again too.
      await store.addRevision('sess-r', { ...taken, label: 'New', author: 'candidate' })
      expect((await store.listRevisions('sess-r')).map((r) => r.label)).toEqual(['New'])
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
