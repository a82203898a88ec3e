import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RevisionStore, StoredRevision } from '../types.ts'
import type { OpenSubject } from './subject.ts'

function revision(id: string, at: number, extra: Partial<StoredRevision> = {}): StoredRevision {
  return {
    id,
    label: `Revision ${id}`,
    kind: 'manual',
    seq: 0,
    annotationsSeq: 0,
    at,
    author: 'interviewer',
    ...extra,
  }
}

/**
 * The RevisionStore contract: registers the tests every implementation must pass. `open` gives a
 * fresh, empty store for each test. Deletion with the session is in the SessionStore contract.
 */
export function describeRevisionStoreContract(name: string, open: OpenSubject<RevisionStore>): void {
  describe(`RevisionStore contract: ${name}`, () => {
    let subject: Awaited<ReturnType<typeof open>>
    let store: RevisionStore
    beforeEach(async () => {
      subject = await open()
      store = subject.store
    })
    afterEach(() => subject.close())

    it('stores a revision with every field and gets it back by id', async () => {
      const phase = revision('r-phase', Date.parse('2026-05-04T09:30:00.123Z'), {
        label: 'End of design',
        kind: 'phase',
        seq: 1234,
        annotationsSeq: 56,
        author: 'system',
      })
      await store.addRevision('s1', phase)
      expect(await store.getRevision('s1', 'r-phase')).toEqual(phase)
      expect(await store.listRevisions('s1')).toEqual([phase])
    })

    it('answers null for an unknown revision, and an empty list for a session without any', async () => {
      await store.addRevision('s1', revision('r1', 1))
      expect(await store.getRevision('s1', 'r2')).toBeNull()
      expect(await store.getRevision('s2', 'r1')).toBeNull()
      expect(await store.listRevisions('s2')).toEqual([])
    })

    it('lists oldest first, and revisions of the same millisecond in the order they were added', async () => {
      await store.addRevision('s1', revision('b', 200))
      await store.addRevision('s1', revision('z', 300, { kind: 'restore', author: 'organiser' }))
      await store.addRevision('s1', revision('a', 100))
      await store.addRevision('s1', revision('y', 300, { kind: 'restore', author: 'candidate' }))
      await store.addRevision('s1', revision('x', 300))
      expect((await store.listRevisions('s1')).map((r) => r.id)).toEqual(['a', 'b', 'z', 'y', 'x'])
    })

    it('rejects a second revision with the same id in a session, keeping the first', async () => {
      const first = revision('r1', 100, { label: 'First', seq: 7 })
      await store.addRevision('s1', first)
      await expect(store.addRevision('s1', revision('r1', 200, { label: 'Second' }))).rejects.toThrow()
      expect(await store.getRevision('s1', 'r1')).toEqual(first)
      expect(await store.listRevisions('s1')).toEqual([first])
    })

    it("keeps sessions apart: another session's revisions are not visible, and may reuse an id", async () => {
      await store.addRevision('s1', revision('r1', 100, { label: 'of s1' }))
      await store.addRevision('s10', revision('r1', 50, { label: 'of s10' }))
      await store.addRevision('s10', revision('r2', 60))
      expect((await store.listRevisions('s1')).map((r) => r.label)).toEqual(['of s1'])
      expect((await store.getRevision('s10', 'r1'))?.label).toBe('of s10')
      expect((await store.listRevisions('s10')).map((r) => r.id)).toEqual(['r1', 'r2'])
      expect(await store.getRevision('s1', 'r2')).toBeNull()
    })

    it('keeps the replay unshared until set, per session, and can unshare it', async () => {
      expect(await store.isReplayShared('s1')).toBe(false)
      await store.setReplayShared('s1', true)
      expect(await store.isReplayShared('s1')).toBe(true)
      expect(await store.isReplayShared('s2')).toBe(false)
      await store.setReplayShared('s1', true)
      expect(await store.isReplayShared('s1')).toBe(true)
      await store.setReplayShared('s1', false)
      expect(await store.isReplayShared('s1')).toBe(false)
      await store.setReplayShared('s2', false)
      expect(await store.isReplayShared('s2')).toBe(false)
    })
  })
}
