import type { TLShape } from 'tldraw'
import { describe, expect, it } from 'vitest'
import {
  addAnchors,
  anchorableIds,
  MAX_ANCHORS,
  padRect,
  REMOVED_NAME,
  resolveAnchors,
  sameAnchors,
  shapeName,
  unionRect,
} from './anchors.ts'

/** tldraw's rich text for one paragraph of plain text */
function toRichText(text: string) {
  return { type: 'doc', content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }] }
}

function shape(id: string, type: string, props: Record<string, unknown>, meta: Record<string, unknown> = {}) {
  return { id, type, props, meta } as unknown as TLShape
}

const ranker = shape('shape:ranker', 'component', { kind: 'model-server-gpu', name: 'Ranking service' })
const unnamed = shape('shape:cache', 'component', { kind: 'cache', name: '  ' })
const region = shape('shape:eu', 'region', { name: '' })
const annotation = shape('shape:note', 'geo', { richText: toRichText('look here') }, { annotation: {} })

describe('anchorableIds', () => {
  it('keeps board shapes and leaves the interviewer’s annotations out', () => {
    expect(anchorableIds([ranker, annotation, region])).toEqual(['shape:ranker', 'shape:eu'])
  })

  it('is empty for a selection of annotations only', () => {
    expect(anchorableIds([annotation])).toEqual([])
  })
})

describe('addAnchors', () => {
  it('appends new ids once, in order', () => {
    expect(addAnchors(['shape:a', 'shape:b'], ['shape:b', 'shape:c'])).toEqual([
      'shape:a',
      'shape:b',
      'shape:c',
    ])
  })

  it('stops at the API’s cap', () => {
    const many = Array.from({ length: MAX_ANCHORS + 5 }, (_, i) => `shape:${i}`)
    expect(addAnchors(['shape:first'], many)).toHaveLength(MAX_ANCHORS)
    expect(addAnchors(['shape:first'], many)[0]).toBe('shape:first')
  })
})

describe('sameAnchors', () => {
  it('compares ids in order', () => {
    expect(sameAnchors(['shape:a'], ['shape:a'])).toBe(true)
    expect(sameAnchors(['shape:a', 'shape:b'], ['shape:b', 'shape:a'])).toBe(false)
    expect(sameAnchors([], ['shape:a'])).toBe(false)
  })
})

describe('shapeName', () => {
  it('uses a component’s own name, else its kind’s label', () => {
    expect(shapeName(ranker)).toBe('Ranking service')
    expect(shapeName(unnamed)).not.toBe('')
    expect(shapeName(unnamed)).not.toBe('shape')
  })

  it('names an unnamed region', () => {
    expect(shapeName(region)).toBe('Region')
  })

  it('names an arrow by the flow between its ends, else by its label', () => {
    const arrow = shape('shape:flow', 'arrow', { richText: toRichText('sync · 800 rps') })
    expect(shapeName(arrow, { start: 'Gateway', end: 'Ranking service' })).toBe('Gateway → Ranking service')
    expect(shapeName(arrow, { start: 'Gateway' })).toBe('Flow: sync · 800 rps')
    expect(shapeName(shape('shape:bare', 'arrow', { richText: toRichText('') }))).toBe('Flow')
  })

  it('names a note by its first words, cut short', () => {
    const note = shape('shape:n', 'note', {
      richText: toRichText('Why two caches in front of the feature store?'),
    })
    expect(shapeName(note)).toMatch(/^Why two caches .*…$/)
    expect(shapeName(note).length).toBeLessThanOrEqual(40)
  })

  it('falls back to "shape"', () => {
    expect(shapeName(shape('shape:x', 'draw', {}))).toBe('shape')
  })

  it('marks the scenario’s locked original, not a copy of it', () => {
    const reference = { reference: { id: 'shape:ranker', label: 'Current state' } }
    const original = shape('shape:ranker', 'component', { kind: 'cache', name: 'Feature cache' }, reference)
    const copy = shape('shape:copy', 'component', { kind: 'cache', name: 'Feature cache' }, reference)
    expect(shapeName(original)).toBe('Feature cache (current state)')
    expect(shapeName(copy)).toBe('Feature cache')
  })
})

describe('resolveAnchors', () => {
  it('names what is on the board and marks what was removed', () => {
    const board = new Map([[ranker.id as string, ranker]])
    const resolved = resolveAnchors(['shape:ranker', 'shape:gone'], (id) => {
      const found = board.get(id)
      return found ? { shape: found } : undefined
    })
    expect(resolved).toEqual([
      { id: 'shape:ranker', name: 'Ranking service', present: true },
      { id: 'shape:gone', name: REMOVED_NAME, present: false },
    ])
  })
})

describe('unionRect and padRect', () => {
  it('bounds all rectangles', () => {
    expect(
      unionRect([
        { x: 10, y: 20, w: 100, h: 50 },
        { x: -5, y: 40, w: 20, h: 100 },
      ]),
    ).toEqual({ x: -5, y: 20, w: 115, h: 120 })
    expect(unionRect([])).toBeNull()
  })

  it('grows a rectangle on every side', () => {
    expect(padRect({ x: 10, y: 10, w: 20, h: 30 }, 4)).toEqual({ x: 6, y: 6, w: 28, h: 38 })
  })
})
