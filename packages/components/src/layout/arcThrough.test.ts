import { describe, expect, it } from 'vitest'
import { arcThrough } from './arcThrough.ts'

const card = (x: number, y: number) => ({ x, y, w: 200, h: 100 })

describe('arcThrough', () => {
  it('keeps an arrow straight when the label lies on the line between the centres', () => {
    const { bend, labelPosition } = arcThrough(card(0, 0), card(600, 0), { x: 400, y: 50 })
    expect(bend).toBe(0)
    // the visible body runs from x = 200 to x = 600; 400 is its middle
    expect(labelPosition).toBeCloseTo(0.5, 2)
  })

  it('bends towards a label off the line, by the arc that passes through it', () => {
    // centres (100, 50) and (700, 50); a label 150 px below the chord's middle
    const down = arcThrough(card(0, 0), card(600, 0), { x: 400, y: 200 })
    // tldraw bends towards (-u.y, u.x) of start → end for a positive bend: for a rightward arrow
    // on a y-down page, that is down
    expect(down.bend).toBeGreaterThan(0)
    // the label sits at the arc's middle, so the arc's middle is the label: |bend| = 150
    expect(Math.abs(down.bend)).toBeCloseTo(150, 0)
    expect(down.labelPosition).toBeCloseTo(0.5, 1)
    const up = arcThrough(card(0, 0), card(600, 0), { x: 400, y: -100 })
    expect(up.bend).toBeCloseTo(-150, 0)
  })

  it('places an off-centre label along the arc, nearer its start', () => {
    const { labelPosition } = arcThrough(card(0, 0), card(600, 0), { x: 300, y: 120 })
    expect(labelPosition).toBeGreaterThan(0.1)
    expect(labelPosition).toBeLessThan(0.5)
  })
})
