/**
 * Remote changes reach the store in at most one merge per animation frame (issue 12). Here
 * animation frames exist and are run by hand; tldraw itself still hands local changes to listeners
 * at once (NODE_ENV=test), so only the binding's own frame delay is in play.
 */
import { createShapeId, type TLRecord, type TLShape, type TLShapeId, type TLStore } from 'tldraw'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { bindBoard } from './bindBoard.ts'
import { openBoardRecords, readBoardRecords } from './boardDoc.ts'
import { createBoardStore } from './createBoardStore.ts'
import { geoShape, linkDocs } from './testPeers.ts'

const frames = new Map<number, () => void>()
let nextFrame = 1
const cleanups: Array<() => void> = []

beforeEach(() => {
  // The binding's hidden-tab timer must not fire on its own: only frames flush here.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => {
    frames.set(nextFrame, callback)
    return nextFrame++
  })
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id))
})
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
  frames.clear()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

function runFrame() {
  const due = [...frames.values()]
  frames.clear()
  for (const callback of due) callback()
}

interface Peer {
  doc: Y.Doc
  store: TLStore
}

/** A writer that made the board and a second writer that joined it, each with a binding. */
function twoWriters() {
  const a: Peer = { doc: new Y.Doc(), store: createBoardStore() }
  const b: Peer = { doc: new Y.Doc(), store: createBoardStore() }
  const bindingA = bindBoard(a)
  const link = linkDocs(a.doc, b.doc)
  const bindingB = bindBoard(b)
  cleanups.push(
    () => bindingA.dispose(),
    () => bindingB.dispose(),
    () => link.dispose(),
  )
  return { a, b, bindingB }
}

/** Shapes both peers hold, after a quiet frame (the next remote change applies at once). */
function shapes(a: Peer) {
  const first = createShapeId('first')
  const second = createShapeId('second')
  const ticker = createShapeId('ticker')
  a.store.put([geoShape(a.store, first), geoShape(a.store, second), geoShape(a.store, ticker)])
  runFrame()
  runFrame()
  expect(frames.size).toBe(0)
  /** A remote change the peer applies at once: what follows before the next frame waits for it. */
  const openFrame = () => a.store.update(ticker, (shape) => ({ ...shape, y: shape.y + 1 }))
  return { first, second, openFrame }
}

const xOf = (store: TLStore, id: TLShapeId) => store.get(id)?.x
const xInDoc = (doc: Y.Doc, id: TLShapeId) => (readBoardRecords(doc).get(id) as { x: number } | undefined)?.x

it('applies the first remote change at once and the rest of the frame in one merge, with the last value of each record', () => {
  const { a, b } = twoWriters()
  const { first, second } = shapes(a)
  const merges = vi.spyOn(b.store, 'mergeRemoteChanges')
  const puts = vi.spyOn(b.store, 'put')

  // A peer drags both shapes: one doc transaction per move, as one WebSocket message each.
  const move = (x: number) =>
    a.store.put([
      { ...(a.store.get(first) as TLShape), x },
      { ...(a.store.get(second) as TLShape), x: -x },
    ])
  move(1)
  expect(merges).toHaveBeenCalledTimes(1)
  expect(xOf(b.store, first)).toBe(1)
  for (let x = 2; x <= 10; x++) move(x)
  expect(merges).toHaveBeenCalledTimes(1) // nothing more before the frame
  expect(xOf(b.store, first)).toBe(1)

  runFrame()
  expect(merges).toHaveBeenCalledTimes(2)
  expect(puts).toHaveBeenCalledTimes(2)
  expect(puts.mock.calls[1]?.[0].map((record) => [record.id, (record as { x: number }).x])).toEqual([
    [first, 10],
    [second, -10],
  ])
  expect(xOf(b.store, second)).toBe(-10)

  // A frame with nothing queued ends the wait: the next move applies at once again.
  runFrame()
  expect(frames.size).toBe(0)
  move(11)
  expect(merges).toHaveBeenCalledTimes(3)
  expect(xOf(b.store, first)).toBe(11)
})

it('deletes a record updated and then deleted within one frame, and keeps one re-created after its deletion', () => {
  const { a, b } = twoWriters()
  const { first, second, openFrame } = shapes(a)
  openFrame()
  a.store.update(first, (shape) => ({ ...shape, x: 50 }))
  a.store.remove([first])
  a.store.remove([second])
  a.store.put([geoShape(a.store, second, { x: 70 })])
  expect(b.store.has(first)).toBe(true)
  runFrame()
  expect(b.store.has(first)).toBe(false)
  expect(xOf(b.store, second)).toBe(70)
})

it('lets a local edit win over a queued remote change to the same record, in the store and in both docs', () => {
  const { a, b } = twoWriters()
  const { first, second, openFrame } = shapes(a)
  openFrame()
  // A's moves reach B's doc; B's store has not applied them yet.
  a.store.update(first, (shape) => ({ ...shape, x: 100 }))
  a.store.update(second, (shape) => ({ ...shape, x: 300 }))
  expect(xOf(b.store, first)).toBe(0)
  // B moves the first shape before the frame: its write comes after A's in the doc.
  b.store.update(first, (shape) => ({ ...shape, x: 200 }))
  expect(xInDoc(b.doc, first)).toBe(200)
  runFrame()

  expect(xOf(b.store, first)).toBe(200)
  expect(xOf(a.store, first)).toBe(200)
  expect(xInDoc(a.doc, first)).toBe(200)
  // A's other change was not lost with it.
  expect(xOf(b.store, second)).toBe(300)
})

it('applies queued remote changes before write(), and writes what the store then holds', () => {
  const { a, b, bindingB } = twoWriters()
  const { first, second, openFrame } = shapes(a)
  openFrame()
  const staleFirst = b.store.get(first) as TLRecord
  const staleSecond = b.store.get(second) as TLRecord
  a.store.update(first, (shape) => ({ ...shape, x: 40 }))
  a.store.remove([second])

  bindingB.write([staleFirst, staleSecond])

  expect(xOf(b.store, first)).toBe(40)
  expect(xInDoc(b.doc, first)).toBe(40)
  expect(b.store.has(second)).toBe(false)
  expect(readBoardRecords(b.doc).has(second)).toBe(false)
  runFrame()
  expect(xOf(a.store, first)).toBe(40)
  expect(a.store.has(second)).toBe(false)
})

it('applies what is queued on dispose, and schedules and applies nothing afterwards', () => {
  const { a, b, bindingB } = twoWriters()
  const { first, openFrame } = shapes(a)
  openFrame()
  a.store.update(first, (shape) => ({ ...shape, x: 25 }))
  expect(xOf(b.store, first)).toBe(0)
  expect(frames.size).toBe(1)

  bindingB.dispose()
  expect(xOf(b.store, first)).toBe(25)
  expect(frames.size).toBe(0)

  a.store.update(first, (shape) => ({ ...shape, x: 35 }))
  runFrame()
  vi.advanceTimersByTime(1_000)
  expect(xOf(b.store, first)).toBe(25)
})

it('flushes on a timer when no frame comes, as in a background tab', () => {
  const { a, b } = twoWriters()
  const { first, openFrame } = shapes(a)
  openFrame()
  a.store.update(first, (shape) => ({ ...shape, x: 60 }))
  expect(xOf(b.store, first)).toBe(0)
  vi.advanceTimersByTime(1_000)
  expect(xOf(b.store, first)).toBe(60)
})

it('skips an invalid remote record in a batch and applies the rest', () => {
  const { a, b } = twoWriters()
  const { first, openFrame } = shapes(a)
  const skipped: unknown[] = []
  const c: Peer = { doc: new Y.Doc(), store: createBoardStore() }
  const link = linkDocs(a.doc, c.doc)
  const binding = bindBoard({ ...c, onSkippedRecord: (record) => skipped.push(record) })
  cleanups.push(
    () => binding.dispose(),
    () => link.dispose(),
  )
  openFrame()
  const bad = { ...geoShape(a.store, createShapeId('bad')), props: { w: -5, geo: 'blob' } }
  openBoardRecords(a.doc).set(bad.id, bad)
  a.store.update(first, (shape) => ({ ...shape, x: 80 }))
  expect(xOf(c.store, first)).toBe(0)
  runFrame()
  expect(xOf(c.store, first)).toBe(80)
  expect(xOf(b.store, first)).toBe(80)
  expect(c.store.has(bad.id)).toBe(false)
  expect(skipped).toEqual([bad])
})
