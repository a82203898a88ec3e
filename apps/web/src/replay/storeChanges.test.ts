import { describe, expect, it } from 'vitest'
import { storeChanges } from './storeChanges.ts'

describe('storeChanges', () => {
  it('puts new and replaced records, removes gone ones, and leaves identical objects alone', () => {
    const a = { id: 'shape:a' }
    const b = { id: 'shape:b' }
    const b2 = { id: 'shape:b', x: 1 }
    const c = { id: 'shape:c' }
    const shown = new Map<string, unknown>([
      ['shape:a', a],
      ['shape:b', b],
      ['shape:gone', { id: 'shape:gone' }],
    ])
    const target = new Map<string, unknown>([
      ['shape:a', a],
      ['shape:b', b2],
      ['shape:c', c],
    ])
    expect(storeChanges(shown, target)).toEqual({ put: [b2, c], remove: ['shape:gone'] })
  })

  it('compares by identity: an equal copy is written again (histories keep identities)', () => {
    const shown = new Map<string, unknown>([['shape:a', { id: 'shape:a' }]])
    const target = new Map<string, unknown>([['shape:a', { id: 'shape:a' }]])
    expect(storeChanges(shown, target).put).toHaveLength(1)
    expect(storeChanges(shown, shown)).toEqual({ put: [], remove: [] })
  })
})
