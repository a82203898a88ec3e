import { describe, expect, it } from 'vitest'
import { type Box, nextByArrow } from './paletteNavigation.ts'

const box = (left: number, top: number, w = 100, h = 30): Box => ({
  left,
  top,
  right: left + w,
  bottom: top + h,
})

describe('nextByArrow', () => {
  it('moves along a single row and stops at its ends', () => {
    const row = [box(0, 0), box(104, 0), box(208, 0)]
    expect(nextByArrow(row, 0, 'ArrowRight')).toBe(1)
    expect(nextByArrow(row, 1, 'ArrowRight')).toBe(2)
    expect(nextByArrow(row, 2, 'ArrowRight')).toBe(-1)
    expect(nextByArrow(row, 1, 'ArrowLeft')).toBe(0)
    expect(nextByArrow(row, 0, 'ArrowLeft')).toBe(-1)
    expect(nextByArrow(row, 1, 'ArrowDown')).toBe(-1)
  })

  // three columns: a (3 items), b (2 items), c (1 item)
  const grid = [box(0, 0), box(0, 34), box(0, 68), box(120, 0), box(120, 34), box(240, 0)]

  it('moves up and down a column, and across columns in the same row', () => {
    expect(nextByArrow(grid, 0, 'ArrowDown')).toBe(1)
    expect(nextByArrow(grid, 1, 'ArrowDown')).toBe(2)
    expect(nextByArrow(grid, 2, 'ArrowDown')).toBe(-1)
    expect(nextByArrow(grid, 2, 'ArrowUp')).toBe(1)
    expect(nextByArrow(grid, 1, 'ArrowRight')).toBe(4)
    expect(nextByArrow(grid, 4, 'ArrowLeft')).toBe(1)
    expect(nextByArrow(grid, 3, 'ArrowRight')).toBe(5)
  })

  it('goes on to the nearest item in the next column when its own row ends there', () => {
    expect(nextByArrow(grid, 2, 'ArrowRight')).toBe(4)
    expect(nextByArrow(grid, 4, 'ArrowRight')).toBe(5)
    expect(nextByArrow(grid, 5, 'ArrowRight')).toBe(-1)
  })
})
