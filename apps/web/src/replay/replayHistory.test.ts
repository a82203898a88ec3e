import type { ReplayData, ReplayUpdate } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
// the revisions package's own log builder: real Yjs updates of valid board records
import { componentRecord, createBoardLog } from '../../../../packages/revisions/src/testing/boardLog.ts'
import { brokenUpdatesOf, mergeLayers, momentAt, openHistories } from './replayHistory.ts'
import { storeChanges } from './storeChanges.ts'

const START = Date.UTC(2026, 0, 1, 9, 0)

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

function replayUpdates(log: ReturnType<typeof createBoardLog>, role: ReplayUpdate['role']): ReplayUpdate[] {
  return log.updates.map((u) => ({ seq: u.seq, at: u.at, role, userId: null, update: toBase64(u.update) }))
}

function replayData(board: ReplayUpdate[], annotations: ReplayUpdate[] = []): ReplayData {
  return {
    sessionId: 's1',
    title: 'Ranking',
    scenarioId: null,
    createdAt: new Date(START).toISOString(),
    board: { updates: board },
    annotations: { updates: annotations },
    revisions: [],
    events: [],
    shared: false,
  }
}

const nameOf = (record: unknown) => (record as { props: { name: string } }).props.name

describe('openHistories / momentAt', () => {
  it('shows both layers at any time, the annotation layer never replacing a board record', () => {
    const board = createBoardLog(START)
    board.putDocumentAndPage()
    board.at(START + 60_000)
    board.put(componentRecord('shape:a', { name: 'Ranker' }))
    board.at(START + 120_000)
    board.put(componentRecord('shape:a', { name: 'Ranking service' }))
    const layer = createBoardLog(START)
    layer.at(START + 90_000)
    layer.put({
      ...componentRecord('shape:note', { name: 'Why 6 replicas?' }),
      meta: { annotation: { by: 'i' } },
    })
    const histories = openHistories(
      replayData(replayUpdates(board, 'candidate'), replayUpdates(layer, 'interviewer')),
    )
    expect(histories.start).toBe(START)
    expect(histories.end).toBe(START + 120_000)

    const early = momentAt(histories, { at: START + 70_000 })
    expect(nameOf(early.records.get('shape:a'))).toBe('Ranker')
    expect(early.records.has('shape:note')).toBe(false)
    const middle = momentAt(histories, { at: START + 100_000 })
    expect(middle.records.has('shape:note')).toBe(true)
    expect(middle).toMatchObject({ boardSeq: 2, annotationsSeq: 1 })
    expect(
      nameOf(momentAt(histories, { revision: { seq: 3, annotationsSeq: 0 } }).records.get('shape:a')),
    ).toBe('Ranking service')
    const merged = mergeLayers(
      new Map([['x', 1]]),
      new Map([
        ['x', 2],
        ['y', 3],
      ]),
    )
    expect([...merged]).toEqual([
      ['x', 1],
      ['y', 3],
    ])
  })

  it('skips a bad record and marks undecodable updates instead of failing', () => {
    const board = createBoardLog(START)
    board.putDocumentAndPage()
    board.at(START + 1_000)
    board.put({ id: 'shape:bad', typeName: 'shape', type: 'component', props: { name: 42 } })
    board.at(START + 2_000)
    board.put(componentRecord('shape:ok', { name: 'Cache' }))
    const updates = replayUpdates(board, 'candidate')
    updates.splice(2, 0, { seq: 99, at: START + 1_500, role: 'candidate', userId: null, update: '%%%' })
    updates.push({
      seq: 100,
      at: START + 3_000,
      role: 'candidate',
      userId: null,
      update: toBase64(new Uint8Array([1, 2, 3])),
    })
    const histories = openHistories(replayData(updates))
    const moment = momentAt(histories, { at: START + 10_000 })
    expect(moment.records.has('shape:ok')).toBe(true)
    expect(moment.skipped.map((s) => s.id)).toEqual(['shape:bad'])
    expect(brokenUpdatesOf(histories).map((b) => [b.seq, b.reason === 'not valid base64'])).toEqual([
      [99, true],
      [100, false],
    ])
  })

  it('seeks anywhere in a 90-minute session well within 150 ms, and a seek writes only what changed', () => {
    // 90 minutes, an update every half second: 10,800 updates over 60 cards
    const board = createBoardLog(START)
    board.putDocumentAndPage()
    const total = 10_800
    for (let i = 0; i < total; i++) {
      board.at(START + 1_000 + i * 500)
      board.put(componentRecord(`shape:c${i % 60}`, { name: `Card ${i}`, x: i % 997 }))
    }
    const built = performance.now()
    const histories = openHistories(replayData(replayUpdates(board, 'candidate')))
    const buildMs = performance.now() - built
    let shown = new Map<string, unknown>()
    let worst = 0
    for (const fraction of [0.9, 0.1, 0.5, 0.99, 0.01, 0.75, 0.3]) {
      const at = START + fraction * (histories.end - START)
      const began = performance.now()
      const moment = momentAt(histories, { at })
      storeChanges(shown, moment.records)
      worst = Math.max(worst, performance.now() - began)
      shown = new Map(moment.records)
    }
    expect(worst).toBeLessThan(150)
    // playing forward one frame changes a card or two, not the board
    const at = START + 3_000_000
    const before = momentAt(histories, { at })
    const after = momentAt(histories, { at: at + 600 })
    const changes = storeChanges(before.records, after.records)
    expect(changes.put.length).toBeGreaterThanOrEqual(1)
    expect(changes.put.length).toBeLessThanOrEqual(2)
    expect(changes.remove).toEqual([])
    console.info(`90-min history: built in ${buildMs.toFixed(0)} ms, worst seek ${worst.toFixed(1)} ms`)
  })
})
