import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { debounceWithMaxWait } from './debounce.ts'

describe('debounceWithMaxWait', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('runs once after a quiet spell, however many triggers came before', () => {
    const run = vi.fn()
    const debounced = debounceWithMaxWait(run, 250, 1000, () => Date.now())
    for (let i = 0; i < 5; i++) {
      debounced.trigger()
      vi.advanceTimersByTime(100)
    }
    expect(run).not.toHaveBeenCalled()
    vi.advanceTimersByTime(150)
    expect(run).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(2000)
    expect(run).toHaveBeenCalledTimes(1)
  })

  it('still runs every max wait during an endless burst (a long drag)', () => {
    const run = vi.fn()
    const debounced = debounceWithMaxWait(run, 250, 1000, () => Date.now())
    for (let t = 0; t < 3000; t += 50) {
      debounced.trigger()
      vi.advanceTimersByTime(50)
    }
    expect(run).toHaveBeenCalledTimes(3)
  })

  it('forgets a pending run when cancelled', () => {
    const run = vi.fn()
    const debounced = debounceWithMaxWait(run, 250, 1000, () => Date.now())
    debounced.trigger()
    debounced.cancel()
    vi.advanceTimersByTime(1000)
    expect(run).not.toHaveBeenCalled()
  })
})
