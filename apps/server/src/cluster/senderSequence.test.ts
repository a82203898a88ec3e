import { describe, expect, it } from 'vitest'
import { arrive, type SenderPosition } from './senderSequence.ts'

describe('sender sequences', () => {
  it('take the first message heard from a sender as where it stands', () => {
    const positions = new Map<string, SenderPosition>()
    expect(arrive(positions, 'a', 7, 41)).toBe('in-order')
    expect(arrive(positions, 'a', 7, 42)).toBe('in-order')
    expect(arrive(positions, 'b', 3, 1)).toBe('in-order')
    expect(positions.get('a')).toEqual({ stream: 7, seq: 42 })
  })

  it('report a jump as a gap and go on from the new number', () => {
    const positions = new Map<string, SenderPosition>()
    arrive(positions, 'a', 7, 1)
    expect(arrive(positions, 'a', 7, 3)).toBe('gap')
    expect(arrive(positions, 'a', 7, 4)).toBe('in-order')
  })

  it('count nothing at or before the last number seen', () => {
    const positions = new Map<string, SenderPosition>()
    arrive(positions, 'a', 7, 5)
    expect(arrive(positions, 'a', 7, 5)).toBe('stale')
    expect(arrive(positions, 'a', 7, 2)).toBe('stale')
    expect(arrive(positions, 'a', 7, 6)).toBe('in-order')
  })

  it('expect a new stream of a known sender to start at 1', () => {
    const positions = new Map<string, SenderPosition>()
    arrive(positions, 'a', 7, 9)
    expect(arrive(positions, 'a', 8, 1)).toBe('in-order')
    expect(arrive(positions, 'a', 9, 2)).toBe('gap')
    expect(positions.get('a')).toEqual({ stream: 9, seq: 2 })
  })
})
