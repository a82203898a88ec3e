import { describe, expect, it } from 'vitest'
import { BESIDE_GAP, overlaps, STACK_GAP, spotBesideReference, spotClearOf } from './freeSpot.ts'

const reference = { x: 0, y: 0, w: 1400, h: 700 }
const card = (x: number, y: number) => ({ x, y, w: 248, h: 112 })

describe('spotBesideReference', () => {
  it('leaves a component that is clear of the current state where it is', () => {
    expect(spotBesideReference(card(1500, 100), reference, [])).toBeNull()
  })

  it('moves a component off the current state to its right, at the same height', () => {
    expect(spotBesideReference(card(600, 300), reference, [])).toEqual({ x: 1400 + BESIDE_GAP, y: 300 })
  })

  it('keeps the moved component beside the current state, not above or below it', () => {
    expect(spotBesideReference(card(600, -50), reference, [])).toEqual({ x: 1400 + BESIDE_GAP, y: 0 })
    expect(spotBesideReference(card(600, 650), reference, [])).toEqual({
      x: 1400 + BESIDE_GAP,
      y: 700 - 112,
    })
  })

  it('stacks below components already placed there', () => {
    const first = card(1400 + BESIDE_GAP, 300)
    const second = card(1400 + BESIDE_GAP, 300 + 112 + STACK_GAP)
    const spot = spotBesideReference(card(600, 300), reference, [first, second])
    expect(spot).toEqual({ x: 1400 + BESIDE_GAP, y: 300 + 2 * (112 + STACK_GAP) })
    expect(spot && [first, second].some((o) => overlaps({ ...spot, w: 248, h: 112 }, o))).toBe(false)
  })
})

describe('spotClearOf', () => {
  it('leaves a component that covers nothing where it is', () => {
    expect(spotClearOf(card(0, 0), [card(400, 0)])).toBeNull()
  })

  it('moves a component that lands on another to the first free spot on its right', () => {
    const taken = [card(0, 0), card(248 + STACK_GAP, 0)]
    const spot = spotClearOf(card(0, 0), taken)
    expect(spot).toEqual({ x: 2 * (248 + STACK_GAP), y: 0 })
    expect(spot && taken.some((o) => overlaps({ ...spot, w: 248, h: 112 }, o))).toBe(false)
  })

  it('goes to the next row when the row is full', () => {
    const row = Array.from({ length: 6 }, (_, i) => card(i * (248 + STACK_GAP), 0))
    expect(spotClearOf(card(0, 0), row)).toEqual({ x: 0, y: 112 + STACK_GAP })
  })
})
