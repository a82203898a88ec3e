import { openBoardRecords } from '@scaleboard/board-sync/doc'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { componentRecord, createBoardLog } from '../testing/boardLog.ts'
import { BoardHistory } from './BoardHistory.ts'
import { boardAt } from './boardAt.ts'

const nameOf = (record: unknown) => (record as { props: { name: string } }).props.name

/** A board log: document and page, then card A, card B, A renamed twice, B removed. */
function sampleLog() {
  const log = createBoardLog(1_000)
  log.putDocumentAndPage() // seq 1 at 1000
  log.at(2_000)
  log.put(componentRecord('shape:a', { name: 'Ranker' })) // 2
  log.at(3_000)
  log.put(componentRecord('shape:b', { name: 'Cache', kind: 'cache' })) // 3
  log.at(4_000)
  log.put(componentRecord('shape:a', { name: 'Ranking service' })) // 4
  log.at(5_000)
  log.put(componentRecord('shape:a', { name: 'Ranking service v2', x: 40 })) // 5
  log.at(6_000)
  log.remove('shape:b') // 6
  return log
}

describe('BoardHistory', () => {
  it('shows the board as it was after any update, forwards and backwards', () => {
    const log = sampleLog()
    const history = new BoardHistory(log.updates, { keyframeEvery: 2, startedAt: 500 })
    expect(history.length).toBe(6)
    expect(history.lastSeq).toBe(6)

    expect(nameOf(history.stateAt(4).records.get('shape:a'))).toBe('Ranking service')
    expect(history.stateAt(4).records.has('shape:b')).toBe(true)
    expect(history.stateAt(6).records.has('shape:b')).toBe(false)
    expect(nameOf(history.stateAt(2).records.get('shape:a'))).toBe('Ranker')
    expect(history.stateAt(1).records.has('shape:a')).toBe(false)
    expect(history.stateAt(1).records.has('document:document')).toBe(true)
    const empty = history.stateAt(0)
    expect(empty).toMatchObject({ seq: 0, at: 500 })
    expect(empty.records.size).toBe(0)
    // past the end: the last state
    expect(history.stateAt(99).seq).toBe(6)
  })

  it('matches the document rebuilt from scratch at every seq, whatever the keyframe spacing', () => {
    const log = sampleLog()
    for (const every of [1, 2, 3, 100]) {
      const history = new BoardHistory(log.updates, { keyframeEvery: every })
      for (let seq = 1; seq <= 6; seq++) {
        const doc = new Y.Doc()
        for (const entry of log.updates.slice(0, seq)) Y.applyUpdate(doc, entry.update)
        const expected = new Map(openBoardRecords(doc).map)
        const state = history.stateAt(seq)
        expect([...state.records.keys()].sort(), `every ${every}, seq ${seq}`).toEqual(
          [...expected.keys()].sort(),
        )
        for (const [id, entry] of expected) expect(state.records.get(id)).toEqual(entry.val)
      }
    }
  })

  it('finds the seq at a time', () => {
    const history = new BoardHistory(sampleLog().updates, { startedAt: 500 })
    expect(history.seqAtTime(400)).toBe(0)
    expect(history.seqAtTime(1_000)).toBe(1)
    expect(history.seqAtTime(4_500)).toBe(4)
    expect(history.seqAtTime(60_000)).toBe(6)
    expect(history.stateAtTime(3_500).seq).toBe(3)
    expect(history.timeOfSeq(5)).toBe(5_000)
    expect(history.changedIds(6)).toEqual(['shape:b'])
  })

  it('leaves out a stored record that does not validate, and says which and why', () => {
    const log = sampleLog()
    log.at(7_000)
    const bad = componentRecord('shape:bad', { name: 'x' })
    ;(bad.props as Record<string, unknown>).w = 'wide'
    const liar: { id: string; typeName: string } = { id: 'shape:liar', typeName: 'shape' }
    log.put(bad, liar) // 7
    log.at(8_000)
    // a valid card stored under another card's key
    log.doc.transact(() =>
      openBoardRecords(log.doc).set('shape:elsewhere', componentRecord('shape:c', { name: 'C' })),
    ) // 8
    const state = new BoardHistory(log.updates).stateAt(8)
    expect(state.records.has('shape:a')).toBe(true)
    expect(state.records.has('shape:bad')).toBe(false)
    expect(state.skipped.map((s) => s.id).sort()).toEqual(['shape:bad', 'shape:elsewhere', 'shape:liar'])
    expect(state.skipped.find((s) => s.id === 'shape:bad')?.reason).toMatch(/invalid shape/)
    expect(state.skipped.find((s) => s.id === 'shape:elsewhere')?.reason).toBe('not keyed by its own id')
    // the same record, valid, renders once it is fixed
    log.put(componentRecord('shape:bad', { name: 'fixed' })) // 9
    expect(new BoardHistory(log.updates).stateAt(9).records.has('shape:bad')).toBe(true)
  })

  it('keeps going past an update that does not decode, and lists it', () => {
    const log = sampleLog()
    const broken = [...log.updates]
    broken.splice(3, 0, { seq: 99, at: 3_500, update: new Uint8Array([255, 1, 2, 3]) })
    const renumbered = broken.map((entry, i) => ({ ...entry, seq: i + 1 }))
    const history = new BoardHistory(renumbered)
    expect(history.brokenUpdates).toEqual([expect.objectContaining({ seq: 4, at: 3_500 })])
    expect(nameOf(history.stateAt(7).records.get('shape:a'))).toBe('Ranking service v2')
  })

  it('starts from a checkpoint and the updates after it', () => {
    const log = sampleLog()
    const checkpointDoc = new Y.Doc()
    for (const entry of log.updates.slice(0, 3)) Y.applyUpdate(checkpointDoc, entry.update)
    const base = { seq: 3, at: 3_000, state: Y.encodeStateAsUpdate(checkpointDoc) }
    const history = new BoardHistory(log.updates, { base })
    expect(history.firstSeq).toBe(3)
    expect(history.length).toBe(3)
    expect(history.stateAt(3).records.has('shape:b')).toBe(true)
    expect(nameOf(history.stateAt(5).records.get('shape:a'))).toBe('Ranking service v2')
    expect(history.stateAt(6).records.has('shape:b')).toBe(false)
  })

  it('resolves concurrent writes of one record as the board does (the right-most entry wins)', () => {
    const log = sampleLog()
    const peer = new Y.Doc()
    for (const entry of log.updates) Y.applyUpdate(peer, entry.update)
    const peerUpdates: Uint8Array[] = []
    peer.on('update', (update: Uint8Array) => peerUpdates.push(update))
    // both rename A without seeing each other's change
    openBoardRecords(peer).set('shape:a', componentRecord('shape:a', { name: 'Peer name' }))
    log.put(componentRecord('shape:a', { name: 'Own name' }))
    for (const update of peerUpdates) Y.applyUpdate(log.doc, update)
    const history = new BoardHistory(log.updates)
    const expected = openBoardRecords(log.doc).get('shape:a')
    expect(history.stateAt(history.lastSeq).records.get('shape:a')).toEqual(expected)
  })

  it('boardAt (one state, read once) agrees with the history from a checkpoint, and skips what does not decode', () => {
    const log = sampleLog()
    const history = new BoardHistory(log.updates)
    const checkpointDoc = new Y.Doc()
    for (const entry of log.updates.slice(0, 2)) Y.applyUpdate(checkpointDoc, entry.update)
    const base = { seq: 2, at: 2_000, state: Y.encodeStateAsUpdate(checkpointDoc) }
    for (let seq = 2; seq <= 6; seq++) {
      const one = boardAt(base, log.updates.slice(2, seq))
      const expected = history.stateAt(seq)
      expect(one.seq).toBe(seq)
      expect(one.at).toBe(expected.at)
      expect(one.records).toEqual(expected.records)
    }
    const broken = boardAt(null, [
      ...log.updates.slice(0, 3),
      { seq: 4, at: 4_000, update: new Uint8Array([9, 9, 9]) },
    ])
    expect(broken.brokenSeqs).toEqual([4])
    expect(broken.records.has('shape:b')).toBe(true)
  })
})
