import type { Revision } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import {
  advance,
  formatElapsed,
  formatElapsedForFile,
  IDLE_GAP_PLAY_MS,
  keyboardTarget,
  paceBoundaries,
  playLength,
  stepRevision,
} from './playback.ts'

describe('advance', () => {
  const boundaries = paceBoundaries([1_000, 2_000, 62_000, 63_000], 0, 70_000)

  it('runs session time at the chosen speed', () => {
    expect(advance(0, 100, { speed: 1, skipIdle: false, boundaries })).toBe(100)
    expect(advance(0, 100, { speed: 8, skipIdle: false, boundaries })).toBe(800)
    expect(advance(2_000, 1_000, { speed: 32, skipIdle: false, boundaries })).toBe(34_000)
  })

  it('plays an idle gap in about a second when skipping, and busy stretches at normal speed', () => {
    const options = { speed: 1, skipIdle: true, boundaries }
    // 2 s → 62 s is a 60 s gap: it passes in IDLE_GAP_PLAY_MS
    expect(advance(2_000, IDLE_GAP_PLAY_MS, options)).toBe(62_000)
    expect(advance(2_000, IDLE_GAP_PLAY_MS / 2, options)).toBe(32_000)
    // across a boundary: half a second finishes the gap's last 30 s, the rest runs at 1×
    expect(advance(32_000, 600, options)).toBeCloseTo(62_100, 6)
    // a short stretch is not sped up
    expect(advance(62_000, 500, options)).toBe(62_500)
  })

  it('never plays an idle gap slower than the chosen speed', () => {
    // at 32× a 60 s gap takes < 2 s anyway; skipping never slows it down
    const fast = advance(2_000, 500, { speed: 32, skipIdle: true, boundaries })
    expect(fast).toBe(Math.max(2_000 + 500 * 32, 2_000 + (60_000 / IDLE_GAP_PLAY_MS) * 500))
  })

  it('stops at the end of the span', () => {
    expect(advance(69_000, 10_000, { speed: 4, skipIdle: false, boundaries })).toBe(70_000)
    expect(advance(70_000, 10, { speed: 4, skipIdle: true, boundaries })).toBe(70_000)
  })

  it('agrees with playLength: a whole play in small frames ends at the end', () => {
    const options = { speed: 2, skipIdle: true, boundaries }
    const total = playLength(options)
    let t = 0
    let wall = 0
    while (t < 70_000 && wall < total + 1_000) {
      t = advance(t, 16, options)
      wall += 16
    }
    expect(t).toBe(70_000)
    expect(wall).toBeGreaterThanOrEqual(Math.floor(total / 16) * 16)
    expect(wall).toBeLessThanOrEqual(total + 16)
    // 1 s + 1 s at 2× (busy), the 60 s gap in 1 s, 1 s at 2×, the 7 s tail at 2×
    expect(total).toBeCloseTo(500 + 500 + 1_000 + 500 + 3_500, 6)
  })
})

describe('paceBoundaries', () => {
  it('is the span’s ends and each distinct update time inside it, in order', () => {
    expect(paceBoundaries([5, 3, 3, 12, -1], 0, 10)).toEqual([0, 3, 5, 10])
  })
})

describe('keyboardTarget', () => {
  it('steps by half a percent of the span (at least a second), ten times with Shift, and jumps to the ends', () => {
    const start = 0
    const end = 5_400_000 // 90 minutes
    expect(keyboardTarget('ArrowRight', 1_000_000, start, end)).toBe(1_027_000)
    expect(keyboardTarget('ArrowLeft', 1_000_000, start, end, true)).toBe(730_000)
    expect(keyboardTarget('ArrowLeft', 10, start, end)).toBe(0)
    expect(keyboardTarget('Home', 500, start, end)).toBe(0)
    expect(keyboardTarget('End', 500, start, end)).toBe(end)
    expect(keyboardTarget('ArrowRight', 0, 0, 10_000)).toBe(1_000)
    expect(keyboardTarget('a', 0, 0, 10)).toBeNull()
  })
})

describe('stepRevision', () => {
  const rev = (id: string, second: number): Revision => ({
    id,
    label: id,
    kind: 'manual',
    seq: second,
    annotationsSeq: 0,
    at: new Date(second * 1000).toISOString(),
    author: 'candidate',
  })
  const revisions = [rev('c', 30), rev('a', 10), rev('b', 20), rev('b2', 20)]

  it('finds the next and previous revision from a moment', () => {
    expect(stepRevision(revisions, 15_000, 1)?.id).toBe('b')
    expect(stepRevision(revisions, 15_000, -1)?.id).toBe('a')
    expect(stepRevision(revisions, 30_000, 1)).toBeNull()
    expect(stepRevision(revisions, 10_000, -1)).toBeNull()
  })

  it('goes on from the revision shown, through revisions of the same time', () => {
    const b = revisions[2] as Revision
    expect(stepRevision(revisions, 20_000, 1, b)?.id).toBe('b2')
    expect(stepRevision(revisions, 20_000, -1, b)?.id).toBe('a')
  })
})

describe('formatElapsed', () => {
  it('reads like a clock', () => {
    expect(formatElapsed(0)).toBe('0:00')
    expect(formatElapsed(65_400)).toBe('1:05')
    expect(formatElapsed(3_725_000)).toBe('1:02:05')
    expect(formatElapsed(-5)).toBe('0:00')
  })
  it('has a form for file names, without colons', () => {
    expect(formatElapsedForFile(65_400)).toBe('1m05s')
    expect(formatElapsedForFile(3_725_000)).toBe('1h02m05s')
  })
})
