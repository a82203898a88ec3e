import { describe, expect, it } from 'vitest'
import { RateLimiter } from './rateLimiter.ts'

describe('RateLimiter', () => {
  it('allows a burst, then refuses until tokens come back at the set rate', () => {
    let now = 0
    const limiter = new RateLimiter({ perSecond: 2, burst: 3, now: () => now })
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false])
    expect(limiter.retryAfterSeconds('a')).toBe(1)
    now += 400 // 0.8 tokens back
    expect(limiter.take('a')).toBe(false)
    now += 100 // 1.0
    expect(limiter.take('a')).toBe(true)
    expect(limiter.take('a')).toBe(false)
    now += 60_000
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false])
  })

  it('keeps keys apart, and `has` spends nothing', () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 1, now: () => 0 })
    expect(limiter.has('a')).toBe(true)
    expect(limiter.has('a')).toBe(true)
    expect(limiter.take('a')).toBe(true)
    expect(limiter.has('a')).toBe(false)
    expect(limiter.take('b')).toBe(true)
    expect(limiter.retryAfterSeconds('b')).toBe(1)
    expect(limiter.retryAfterSeconds('c')).toBe(0)
  })

  it('remembers at most maxKeys keys, forgetting the least recently used', () => {
    const limiter = new RateLimiter({ perSecond: 0.001, burst: 1, maxKeys: 2, now: () => 0 })
    expect(limiter.take('a')).toBe(true)
    expect(limiter.take('b')).toBe(true)
    expect(limiter.take('a')).toBe(false) // a is now the most recently used
    expect(limiter.take('c')).toBe(true) // forgets b
    expect(limiter.size).toBe(2)
    expect(limiter.take('a')).toBe(false)
    expect(limiter.take('b')).toBe(true) // b starts full again
  })
})
