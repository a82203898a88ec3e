import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createRemoteChangeQueue,
  nextFrame,
  type QueuedChange,
  type ScheduleFrame,
} from './remoteChangeQueue.ts'

/** Frames driven by hand: `run()` plays what waits for the next frame. */
function handScheduler() {
  const pending = new Set<() => void>()
  const schedule: ScheduleFrame = (run) => {
    pending.add(run)
    return () => pending.delete(run)
  }
  const run = () => {
    const due = [...pending]
    pending.clear()
    for (const callback of due) callback()
  }
  return { schedule, run, pending }
}

const put = (value: unknown): QueuedChange<null> => ({ action: 'put', value, schema: null })

describe('createRemoteChangeQueue', () => {
  it('keeps the last change per id, a removal included, in first-queued order', () => {
    const queue = createRemoteChangeQueue<null>(() => {}, null)
    queue.add('a', put(1))
    queue.add('b', put(1))
    queue.add('a', put(2))
    queue.add('b', { action: 'delete' })
    queue.add('c', { action: 'delete' })
    queue.add('c', put(3))
    expect([...queue.take()]).toEqual([
      ['a', put(2)],
      ['b', { action: 'delete' }],
      ['c', put(3)],
    ])
    expect(queue.size).toBe(0)
  })

  it('flushes the first request at once, and what comes before the next frame at that frame', () => {
    const frames = handScheduler()
    const flushed: string[][] = []
    const queue = createRemoteChangeQueue<null>(() => flushed.push([...queue.take().keys()]), frames.schedule)
    queue.request()
    expect(flushed).toEqual([])
    expect(frames.pending.size).toBe(0)

    queue.add('a', put(1))
    queue.request()
    expect(flushed).toEqual([['a']])
    queue.add('b', put(1))
    queue.request()
    queue.add('c', put(1))
    queue.add('b', put(2))
    queue.request()
    expect(flushed).toEqual([['a']])
    expect(frames.pending.size).toBe(1)

    frames.run()
    expect(flushed).toEqual([['a'], ['b', 'c']])
    expect(queue.size).toBe(0)
    // a frame that finds nothing queued ends the wait: the next request flushes at once
    expect(frames.pending.size).toBe(1)
    frames.run()
    expect(frames.pending.size).toBe(0)
    queue.add('d', put(1))
    queue.request()
    expect(flushed).toEqual([['a'], ['b', 'c'], ['d']])
  })

  it('flushes every request at once without frames', () => {
    const flushed: string[][] = []
    const queue = createRemoteChangeQueue<null>(() => flushed.push([...queue.take().keys()]), null)
    queue.add('a', put(1))
    queue.request()
    queue.add('b', put(1))
    queue.request()
    expect(flushed).toEqual([['a'], ['b']])
  })

  it('lets a request made during a flush wait for the frame', () => {
    const frames = handScheduler()
    const flushed: string[][] = []
    const queue = createRemoteChangeQueue<null>(() => {
      flushed.push([...queue.take().keys()])
      if (flushed.length === 1) {
        queue.add('during', put(1))
        queue.request()
      }
    }, frames.schedule)
    queue.add('a', put(1))
    queue.request()
    expect(flushed).toEqual([['a']])
    expect(frames.pending.size).toBe(1)
    frames.run()
    expect(flushed).toEqual([['a'], ['during']])
  })

  it('forgets dropped ids, and cancel removes the next frame but keeps what is queued', () => {
    const frames = handScheduler()
    const flush = vi.fn(() => queue.take())
    const queue = createRemoteChangeQueue<null>(flush, frames.schedule)
    queue.add('first', put(1))
    queue.request()
    queue.add('a', put(1))
    queue.add('b', put(1))
    queue.request()
    queue.drop(['a', 'unknown'])
    queue.cancel()
    frames.run()
    expect(flush).toHaveBeenCalledTimes(1)
    expect([...queue.take().keys()]).toEqual(['b'])
  })
})

describe('nextFrame', () => {
  const frames = new Map<number, () => void>()
  let nextId = 1
  function stubFrames() {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => {
      frames.set(nextId, callback)
      return nextId++
    })
    vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id))
  }
  const runFrame = () => {
    const due = [...frames.values()]
    frames.clear()
    for (const callback of due) callback()
  }
  afterEach(() => {
    frames.clear()
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('is null without animation frames (Node)', () => {
    expect(nextFrame()).toBeNull()
  })

  it('runs once on the next frame, and the timer then does nothing', () => {
    stubFrames()
    const run = vi.fn()
    nextFrame(100)?.(run)
    expect(run).not.toHaveBeenCalled()
    runFrame()
    expect(run).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(200)
    expect(run).toHaveBeenCalledTimes(1)
  })

  it('runs on the timer when no frame comes (a hidden tab), and the late frame does nothing', () => {
    stubFrames()
    const run = vi.fn()
    nextFrame(100)?.(run)
    vi.advanceTimersByTime(99)
    expect(run).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(run).toHaveBeenCalledTimes(1)
    expect(frames.size).toBe(0)
    runFrame()
    expect(run).toHaveBeenCalledTimes(1)
  })

  it('cancels both the frame and the timer', () => {
    stubFrames()
    const run = vi.fn()
    const cancel = nextFrame(100)?.(run)
    cancel?.()
    runFrame()
    vi.advanceTimersByTime(200)
    expect(run).not.toHaveBeenCalled()
  })
})
