import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Author, DocumentLog } from '../types.ts'
import type { OpenSubject } from './subject.ts'

const author: Author = { sessionId: 's1', role: 'candidate', userId: 'u1' }
const bytes = (...values: number[]) => new Uint8Array(values)
const plain = (update: Uint8Array) => [...update]

/**
 * The DocumentLog contract: registers the tests every implementation (SQLite, PostgreSQL, the
 * in-memory log of the room tests) must pass. `open` gives a fresh, empty store for each test.
 */
export function describeDocumentLogContract(name: string, open: OpenSubject<DocumentLog>): void {
  describe(`DocumentLog contract: ${name}`, () => {
    let subject: Awaited<ReturnType<typeof open>>
    let log: DocumentLog
    beforeEach(async () => {
      subject = await open()
      log = subject.store
    })
    afterEach(() => subject.close())

    it('numbers appended updates per document from 1 and reads them back in order, byte for byte', async () => {
      expect(await log.appendUpdates('doc-a', [{ at: 1, author, update: bytes(1) }])).toBe(1)
      expect(
        await log.appendUpdates('doc-a', [
          { at: 2, author, update: bytes(2) },
          { at: 3, author: { ...author, role: 'interviewer', userId: null }, update: bytes(3, 3) },
        ]),
      ).toBe(3)
      expect(await log.appendUpdates('doc-b', [{ at: 4, author, update: bytes(9) }])).toBe(1)

      const all = await log.readUpdates('doc-a')
      expect(all.map((u) => u.seq)).toEqual([1, 2, 3])
      expect(all.map((u) => u.at)).toEqual([1, 2, 3])
      expect(all.map((u) => plain(u.update))).toEqual([[1], [2], [3, 3]])
      expect(all[0].author).toEqual(author)
      expect(all[2].author).toEqual({ sessionId: 's1', role: 'interviewer', userId: null })
      expect((await log.readUpdates('doc-b')).map((u) => plain(u.update))).toEqual([[9]])
    })

    it('keeps every byte value, server-time milliseconds and system authors', async () => {
      const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i)
      const at = Date.parse('2026-05-04T09:00:00.123Z')
      const system: Author = { sessionId: 's1', role: 'system', userId: null }
      await log.appendUpdates('doc', [{ at, author: system, update: everyByte }])
      const [stored] = await log.readUpdates('doc')
      expect(stored.at).toBe(at)
      expect(stored.author).toEqual(system)
      expect(plain(stored.update)).toEqual(plain(everyByte))
    })

    it('reads the range (afterSeq, upToSeq]', async () => {
      await log.appendUpdates(
        'doc',
        [1, 2, 3, 4, 5].map((n) => ({ at: n, author, update: bytes(n) })),
      )
      const seqs = async (after?: number, upTo?: number) =>
        (await log.readUpdates('doc', after, upTo)).map((u) => u.seq)
      expect(await seqs(1, 2)).toEqual([2])
      expect(await seqs(2)).toEqual([3, 4, 5])
      expect(await seqs(0, 3)).toEqual([1, 2, 3])
      expect(await seqs(3, 3)).toEqual([])
      expect(await seqs(5)).toEqual([])
      expect(await seqs(4, 99)).toEqual([5])
      expect(await log.readUpdates('no-such-doc')).toEqual([])
    })

    it('numbers appends from many documents in the same turn per document, in call order', async () => {
      const appends = ['a', 'b', 'a', 'c', 'a'].map((docId, i) =>
        log.appendUpdates(docId, [{ at: i, author, update: bytes(i) }]),
      )
      expect(await Promise.all(appends)).toEqual([1, 1, 2, 1, 3])
      expect((await log.readUpdates('a')).map((u) => plain(u.update))).toEqual([[0], [2], [4]])
      expect((await log.readUpdates('c')).map((u) => u.seq)).toEqual([1])
    })

    it('answers an empty append with the last sequence number, storing nothing', async () => {
      expect(await log.appendUpdates('doc', [])).toBe(0)
      await log.appendUpdates('doc', [{ at: 1, author, update: bytes(1) }])
      expect(await log.appendUpdates('doc', [])).toBe(1)
      expect(await log.readUpdates('doc')).toHaveLength(1)
    })

    it('loads the newest checkpoint plus the updates after it', async () => {
      await log.appendUpdates(
        'doc',
        [1, 2, 3, 4].map((n) => ({ at: n, author, update: bytes(n) })),
      )
      await log.saveCheckpoint('doc', { seq: 2, at: 10, state: bytes(12) })
      await log.saveCheckpoint('doc', { seq: 3, at: 11, state: bytes(123) })
      const { checkpoint, updates } = await log.loadLatest('doc')
      expect(checkpoint?.seq).toBe(3)
      expect(checkpoint?.at).toBe(11)
      expect(plain(checkpoint?.state ?? bytes())).toEqual([123])
      expect(updates.map((u) => u.seq)).toEqual([4])
      expect((await log.readUpdates('doc')).map((u) => u.seq)).toEqual([1, 2, 3, 4])
    })

    it('loads the checkpoint with the highest sequence number, whatever order they were saved in', async () => {
      await log.appendUpdates(
        'doc',
        [1, 2, 3].map((n) => ({ at: n, author, update: bytes(n) })),
      )
      await log.saveCheckpoint('doc', { seq: 3, at: 11, state: bytes(3) })
      await log.saveCheckpoint('doc', { seq: 1, at: 12, state: bytes(1) })
      const { checkpoint, updates } = await log.loadLatest('doc')
      expect(checkpoint?.seq).toBe(3)
      expect(updates).toEqual([])
    })

    it('loads nothing for a document never written, and keeps documents apart', async () => {
      expect(await log.loadLatest('empty')).toEqual({ checkpoint: null, updates: [] })
      await log.appendUpdates('doc', [{ at: 1, author, update: bytes(1) }])
      await log.saveCheckpoint('doc', { seq: 1, at: 2, state: bytes(2) })
      expect(await log.loadLatest('doc/annotations')).toEqual({ checkpoint: null, updates: [] })
      expect(await log.loadLatest('do')).toEqual({ checkpoint: null, updates: [] })
    })

    it('loads every update when there is no checkpoint yet', async () => {
      await log.appendUpdates('doc', [
        { at: 1, author, update: bytes(1) },
        { at: 2, author, update: bytes(2) },
      ])
      const { checkpoint, updates } = await log.loadLatest('doc')
      expect(checkpoint).toBeNull()
      expect(updates.map((u) => plain(u.update))).toEqual([[1], [2]])
    })
  })
}
