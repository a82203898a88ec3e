import type { Revision, TimelineEvent } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { defaultComparePair, diffMarks, GHOST_OPACITY, isGhost, withGhosts } from './compare.ts'

let n = 0
const revision = (label: string, minute: number, kind: Revision['kind'] = 'phase'): Revision => ({
  id: `rev-${++n}`,
  label,
  kind,
  seq: minute,
  annotationsSeq: 0,
  at: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString(),
  author: 'system',
})

describe('defaultComparePair', () => {
  const at = (minute: number) => Date.UTC(2026, 0, 1, 10, minute)
  const phase = (minute: number, ref: string): TimelineEvent => ({
    at: at(minute),
    kind: 'phase',
    text: `${ref} started`,
    ref,
  })

  it('frames the revision phase: the revision taken as it started, and the one taken as it ended', () => {
    const design = revision('End of design', 10)
    const manual = revision('Before caching', 12, 'manual')
    const feedback = revision('After feedback', 20)
    const after = revision('After revision', 30)
    const late = revision('Extra', 40, 'manual')
    const events = [phase(0, 'design'), phase(10, 'walkthrough'), phase(20, 'revision'), phase(30, 'done')]
    expect(defaultComparePair([after, late, manual, design, feedback], events)).toEqual({
      from: feedback,
      to: after,
    })
  })

  it('falls back to the last two revisions without a revision phase, and to nothing with fewer than two', () => {
    const a = revision('One', 1, 'manual')
    const b = revision('Two', 2, 'manual')
    const c = revision('End of design', 3)
    expect(defaultComparePair([c, a, b], [phase(0, 'design'), phase(3, 'walkthrough')])).toEqual({
      from: b,
      to: c,
    })
    expect(defaultComparePair([a])).toBeNull()
    expect(defaultComparePair([])).toBeNull()
  })
})

describe('diffMarks', () => {
  it('marks each entry’s shape by the list it is in', () => {
    const entry = (id: string) => ({ id, subject: 'component' as const, summary: id, details: [] })
    const marks = diffMarks({
      added: [entry('shape:a')],
      removed: [entry('shape:r')],
      changed: [entry('shape:c')],
    })
    expect([...marks]).toEqual([
      ['shape:a', 'added'],
      ['shape:c', 'changed'],
      ['shape:r', 'removed'],
    ])
  })
})

describe('withGhosts', () => {
  const page = { id: 'page:page', typeName: 'page' }
  const shape = (id: string, parentId = 'page:page') => ({
    id,
    typeName: 'shape',
    parentId,
    opacity: 1,
    meta: {},
  })

  it('draws removed shapes of the “from” board faintly on the “to” board, children with their frame', () => {
    const frame = shape('shape:frame')
    const child = shape('shape:child', 'shape:frame')
    const kept = shape('shape:kept')
    const from = new Map<string, unknown>([
      ['page:page', page],
      ['shape:frame', frame],
      ['shape:child', child],
      ['shape:kept', kept],
    ])
    const to = new Map<string, unknown>([
      ['page:page', page],
      ['shape:kept', kept],
    ])
    const shown = withGhosts(from, to, ['shape:frame'])
    expect([...shown.keys()].sort()).toEqual(['page:page', 'shape:child', 'shape:frame', 'shape:kept'])
    const ghost = shown.get('shape:child') as { parentId: string; opacity: number }
    expect(ghost).toMatchObject({ parentId: 'shape:frame', opacity: GHOST_OPACITY })
    expect(isGhost(ghost as never)).toBe(true)
    expect(isGhost(shown.get('shape:kept') as never)).toBe(false)
    // the "to" board's own records are untouched
    expect(shown.get('shape:kept')).toBe(kept)
  })

  it('puts a ghost whose parent is gone (and not a ghost) on the page', () => {
    const from = new Map<string, unknown>([['shape:x', shape('shape:x', 'shape:gone-frame')]])
    const to = new Map<string, unknown>([['page:page', page]])
    expect(withGhosts(from, to, ['shape:x']).get('shape:x')).toMatchObject({ parentId: 'page:page' })
  })
})
