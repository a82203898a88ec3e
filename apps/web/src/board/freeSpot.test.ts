import { describe, expect, it } from 'vitest'
import { BESIDE_GAP, overlaps, STACK_GAP, spotBesideReference } from './freeSpot.ts'

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
