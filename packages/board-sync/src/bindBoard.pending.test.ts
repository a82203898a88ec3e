/**
 * In a browser tldraw hands store changes to listeners on the next animation frame, not at once
 * (under NODE_ENV=test it calls them synchronously). This file turns the frame delay back on with
 * a hand-driven requestAnimationFrame, to check a remote change that arrives in between.
 */
import { createShapeId, type TLShapeId } from 'tldraw'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { bindBoard } from './bindBoard.ts'
import { readBoardRecords } from './boardDoc.ts'
import { createBoardStore } from './createBoardStore.ts'
import { geoShape, linkDocs } from './testPeers.ts'

const frames: Array<() => void> = []
const globals = globalThis as Record<string, unknown>

beforeAll(() => {
  globals.__FORCE_RAF_IN_TESTS__ = true
  globals.requestAnimationFrame = (callback: () => void) => frames.push(callback)
  globals.cancelAnimationFrame = () => {}
  // tldraw's frame scheduler also looks at the clock: frames must be ~16 ms apart.
  vi.useFakeTimers({ toFake: ['Date'] })
})
afterAll(() => {
  delete globals.__FORCE_RAF_IN_TESTS__
  delete globals.requestAnimationFrame
  delete globals.cancelAnimationFrame
  vi.useRealTimers()
})

/** Runs animation frames until tldraw has nothing more scheduled. */
function runFrames() {
  for (let i = 0; i < 10 && frames.length > 0; i++) {
    vi.setSystemTime(Date.now() + 16)
    for (const callback of frames.splice(0)) callback()
  }
}

it('keeps store and doc in agreement when a remote change lands before a local one is flushed', () => {
  const a = { doc: new Y.Doc(), store: createBoardStore() }
  const b = { doc: new Y.Doc(), store: createBoardStore() }
  bindBoard({ ...a })
  linkDocs(a.doc, b.doc)
  bindBoard({ ...b })
  const id: TLShapeId = createShapeId('contested')
  a.store.put([geoShape(a.store, id, { x: 0 })])
  expect(b.store.has(id)).toBe(false) // not before a frame ran
  runFrames()
  expect(b.store.get(id)).toMatchObject({ x: 0 })

  // B moves the shape; tldraw has not yet told the binding (no frame ran).
  b.store.update(id, (shape) => ({ ...shape, x: 200 }))
  // Meanwhile A's move arrives at B.
  a.store.update(id, (shape) => ({ ...shape, x: 100 }))
  runFrames()

  const xInDoc = (doc: Y.Doc) => (readBoardRecords(doc).get(id) as { x: number }).x
  expect(xInDoc(a.doc)).toBe(xInDoc(b.doc))
  expect(a.store.get(id)?.x).toBe(xInDoc(a.doc))
  expect(b.store.get(id)?.x).toBe(xInDoc(b.doc))
})
