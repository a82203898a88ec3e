import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CHECKPOINT_SPACING } from '../checkpoints.ts'
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

    it('reads the checkpoint at or before a seq: an exact hit, between two, none before the first', async () => {
      await log.appendUpdates(
        'doc',
        [1, 2, 3, 4, 5, 6, 7].map((n) => ({ at: n, author, update: bytes(n) })),
      )
      await log.saveCheckpoint('doc', { seq: 2, at: 20, state: bytes(2) })
      await log.saveCheckpoint('doc', { seq: 5, at: 50, state: bytes(5) })
      const at = (seq: number) => log.readCheckpointAtOrBefore('doc', seq)
      expect(await at(1)).toBeNull()
      expect(await at(0)).toBeNull()
      const exact = await at(2)
      expect([exact?.seq, exact?.at, plain(exact?.state ?? bytes())]).toEqual([2, 20, [2]])
      expect((await at(4))?.seq).toBe(2)
      expect((await at(5))?.seq).toBe(5)
      const after = await at(99)
      expect([after?.seq, plain(after?.state ?? bytes())]).toEqual([5, [5]])
      // With the updates after it, the checkpoint makes the document at that seq.
      expect((await log.readUpdates('doc', (await at(4))?.seq, 4)).map((u) => u.seq)).toEqual([3, 4])
      expect(await log.readCheckpointAtOrBefore('doc/annotations', 99)).toBeNull()
      expect(await log.readCheckpointAtOrBefore('no-such-doc', 99)).toBeNull()
    })

    it(`keeps, among many checkpoints, one at most ${CHECKPOINT_SPACING} updates before any seq, and the newest`, async () => {
      const last = 6 * CHECKPOINT_SPACING + 300
      await log.appendUpdates(
        'doc',
        Array.from({ length: last }, (_, i) => ({ at: i + 1, author, update: bytes(i % 256) })),
      )
      // As a room writes them: every 500 updates, each state naming its seq.
      const stateOf = (seq: number) => plain(new TextEncoder().encode(`state@${seq}`))
      const saved: number[] = []
      for (let seq = 500; seq <= last; seq += 500) {
        await log.saveCheckpoint('doc', { seq, at: seq, state: new Uint8Array(stateOf(seq)) })
        saved.push(seq)
      }
      const newest = saved.at(-1) ?? 0
      expect((await log.loadLatest('doc')).checkpoint?.seq).toBe(newest)
      for (let seq = 0; seq <= last; seq += 97) {
        const checkpoint = await log.readCheckpointAtOrBefore('doc', seq)
        if (seq < 500) {
          expect(checkpoint, `seq ${seq}`).toBeNull()
          continue
        }
        expect(checkpoint, `seq ${seq}`).not.toBeNull()
        if (!checkpoint) continue
        expect(saved, `seq ${seq}`).toContain(checkpoint.seq)
        expect(checkpoint.seq, `seq ${seq}`).toBeLessThanOrEqual(seq)
        expect(seq - checkpoint.seq, `seq ${seq}`).toBeLessThan(CHECKPOINT_SPACING)
        expect(plain(checkpoint.state), `seq ${seq}`).toEqual(stateOf(checkpoint.seq))
        expect(checkpoint.at).toBe(checkpoint.seq)
      }
      expect((await log.readCheckpointAtOrBefore('doc', last))?.seq).toBe(newest)
      // Never an update.
      expect(await log.readUpdates('doc')).toHaveLength(last)
    })

    it('knows the last seq of each document: 0 for one never written', async () => {
      expect(await log.lastSeq('no-such-doc')).toBe(0)
      await log.appendUpdates('doc', [{ at: 1, author, update: bytes(1) }])
      await log.appendUpdates('doc', [
        { at: 2, author, update: bytes(2) },
        { at: 3, author, update: bytes(3) },
      ])
      await log.appendUpdates('doc/annotations', [{ at: 4, author, update: bytes(4) }])
      await log.saveCheckpoint('doc', { seq: 3, at: 5, state: bytes(5) })
      expect(await log.lastSeq('doc')).toBe(3)
      expect(await log.lastSeq('doc/annotations')).toBe(1)
      expect(await log.lastSeq('do')).toBe(0)
    })

    it('finds the last seq logged at or before a time: before the first, exact, between, after the last', async () => {
      const times = [10, 20, 20, 30, 45]
      await log.appendUpdates(
        'doc',
        times.map((at, i) => ({ at, author, update: bytes(i) })),
      )
      const expectations: Array<[number, number]> = [
        [0, 0],
        [9, 0],
        [10, 1],
        [19, 1],
        [20, 3],
        [25, 3],
        [30, 4],
        [44, 4],
        [45, 5],
        [1e15, 5],
      ]
      for (const [at, seq] of expectations) expect(await log.seqAtTime('doc', at), `at ${at}`).toBe(seq)
      expect(await log.seqAtTime('no-such-doc', 100)).toBe(0)
      expect(await log.seqAtTime('doc/annotations', 100)).toBe(0)
    })

    it('finds the last seq at or before a time in a long log, bursts and pauses alike', async () => {
      // Bursts of updates in the same millisecond, and pauses between them.
      const times = Array.from(
        { length: 3000 },
        (_, i) => 1_000 + Math.floor(i / 7) * 13 + (i % 7 === 6 ? 5 : 0),
      )
      await log.appendUpdates(
        'doc',
        times.map((at, i) => ({ at, author, update: bytes(i % 256) })),
      )
      // What the contract says, straight from the times appended: the highest seq at or before.
      const expected = (at: number) => times.findLastIndex((t) => t <= at) + 1
      for (const at of [
        0,
        999,
        1_000,
        1_001,
        1_005,
        1_013,
        2_500,
        3_333,
        6_500,
        times[2999] - 1,
        times[2999],
        9e12,
      ])
        expect(await log.seqAtTime('doc', at), `at ${at}`).toBe(expected(at))
      for (let i = 0; i < times.length; i += 211) {
        expect(await log.seqAtTime('doc', times[i]), `seq ${i + 1}`).toBe(expected(times[i]))
        expect(await log.seqAtTime('doc', times[i] - 1), `before seq ${i + 1}`).toBe(expected(times[i] - 1))
      }
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
