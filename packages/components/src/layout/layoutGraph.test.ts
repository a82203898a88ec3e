import { describe, expect, it } from 'vitest'
import { flowLabelBox } from './flowLabelBox.ts'
import { layoutGraph } from './layoutGraph.ts'

const card = { w: 248, h: 112 }
const overlap = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

describe('layoutGraph', () => {
  it('lays a chain out left to right, each gap wide enough for its label and tldraw’s margin', async () => {
    const label = flowLabelBox('ranking requests · sync · 5.4k rps')
    const result = await layoutGraph({
      nodes: ['client', 'api', 'ranker', 'store'].map((id) => ({ id, size: card })),
      groups: [],
      edges: [
        { id: 'a', from: 'client', to: 'api', label },
        { id: 'b', from: 'api', to: 'ranker', label },
        { id: 'c', from: 'ranker', to: 'store', label },
      ],
    })
    const x = ['client', 'api', 'ranker', 'store'].map((id) => result.boxes.get(id)?.x ?? Number.NaN)
    expect(x).toEqual([...x].sort((p, q) => p - q))
    for (let i = 1; i < 4; i++) expect(x[i] - (x[i - 1] + card.w)).toBeGreaterThanOrEqual(label.w + 64)
    // each label's centre sits between its two cards
    const between = result.labels.get('b')
    expect(between?.x).toBeGreaterThan(x[1] + card.w)
    expect(between?.x).toBeLessThan(x[2])
  })

  it('puts a region around its members, clear of what is outside it, and no card on another', async () => {
    const result = await layoutGraph({
      nodes: [
        { id: 'shop', size: card },
        { id: 'lb', size: card, group: 'dc' },
        { id: 'api', size: card, group: 'dc' },
        { id: 'db', size: card, group: 'dc' },
        { id: 'etl', size: card, group: 'dc' },
      ],
      groups: [{ id: 'dc' }],
      edges: [
        { id: 'e1', from: 'shop', to: 'lb', label: flowLabelBox('sync · 10 rps') },
        { id: 'e2', from: 'lb', to: 'api', label: flowLabelBox('sync · 10 rps') },
        { id: 'e3', from: 'api', to: 'db', label: flowLabelBox('features · sync · 20 rps') },
        { id: 'e4', from: 'etl', to: 'db', label: flowLabelBox('bulk load · async') },
      ],
    })
    const dc = result.boxes.get('dc')
    if (!dc) throw new Error('no region')
    for (const id of ['lb', 'api', 'db', 'etl']) {
      const box = result.boxes.get(id)
      if (!box) throw new Error(id)
      expect(box.x).toBeGreaterThanOrEqual(dc.x)
      expect(box.y).toBeGreaterThanOrEqual(dc.y + 40) // room for the region's name
      expect(box.x + box.w).toBeLessThanOrEqual(dc.x + dc.w)
      expect(box.y + box.h).toBeLessThanOrEqual(dc.y + dc.h)
    }
    const shop = result.boxes.get('shop')
    if (!shop) throw new Error('shop')
    expect(overlap(shop, dc)).toBe(false)
    const cards = ['shop', 'lb', 'api', 'db', 'etl'].map((id) => result.boxes.get(id))
    for (const a of cards) for (const b of cards) if (a && b && a !== b) expect(overlap(a, b)).toBe(false)
  })
})
