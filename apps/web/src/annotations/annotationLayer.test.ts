import type { IndexKey } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { ANNOTATION_INDEX_FLOOR, indexInLayer, isAnnotation } from './annotationLayer.ts'
import { pinnedPosition } from './pinnedComments.ts'

const key = (value: string) => value as IndexKey

describe('indexInLayer', () => {
  it('lifts an annotation above every board shape, and above the annotations already there', () => {
    const lifted = indexInLayer(key('a3'), true, [key('a1'), key('a2')])
    expect(lifted >= ANNOTATION_INDEX_FLOOR).toBe(true)
    const next = indexInLayer(key('a4'), true, [key('a1'), lifted])
    expect(next > lifted).toBe(true)
  })

  it('keeps a board shape brought to the front below the annotations', () => {
    const above = indexInLayer(key('a3'), true, [])
    const brought = indexInLayer(key(`${above}V`), false, [key('a1'), key('a2'), above])
    expect(brought > 'a2').toBe(true)
    expect(brought < ANNOTATION_INDEX_FLOOR).toBe(true)
  })

  it('leaves an index already in its range alone', () => {
    expect(indexInLayer(key('a5'), false, [key('a1')])).toBe('a5')
    expect(indexInLayer(ANNOTATION_INDEX_FLOOR, true, [])).toBe(ANNOTATION_INDEX_FLOOR)
  })
})

describe('annotations', () => {
  it('are told apart by meta.annotation', () => {
    expect(isAnnotation({ meta: { annotation: { author: 'interviewer' } } } as never)).toBe(true)
    expect(isAnnotation({ meta: {} } as never)).toBe(false)
    expect(isAnnotation(undefined)).toBe(false)
  })

  it('place a pinned comment at its offset from the component', () => {
    expect(pinnedPosition({ shapeId: 'shape:a', dx: 120, dy: -24 }, { x: 10, y: 50 })).toEqual({
      x: 130,
      y: 26,
    })
  })
})
