/**
 * Remote record changes, applied at most once per frame (issue 12). tldraw's cost per store
 * transaction grows with the board (it recomputes the rendering shapes and re-renders the shape
 * list): on a big board a peer dragging at 60 Hz can cost more than a frame per message, and one
 * transaction per WebSocket message then starves the frames. Here the changes that arrive while a
 * frame's merge is done are gathered, one entry per record id, and applied in one merge at the
 * next frame.
 *
 * The first change after a quiet frame is applied at once. Waiting for the frame would delay it by
 * up to a frame for nothing: after a long task the browser draws the missed frame at once (measured
 * in docs/benchmarks.md, run E: 3–6 ms more before a quiet remote edit was painted).
 */

/** A record's latest change: its newest stored value (with the schema it was written in), or its removal. */
export type QueuedChange<Schema> = { action: 'put'; value: unknown; schema: Schema } | { action: 'delete' }

/** Runs `run` once, later (at the next frame); returns a function that cancels it. */
export type ScheduleFrame = (run: () => void) => () => void

export interface RemoteChangeQueue<Schema> {
  readonly size: number
  /** Records a change; a later change to the same id replaces it (last write wins, removals too). */
  add(key: string, change: QueuedChange<Schema>): void
  /** Forgets the changes to these ids: a local write made after them supersedes them in the doc. */
  drop(ids: Iterable<string>): void
  /**
   * Asks for a flush: at once when nothing was flushed since the last frame (or there are no
   * frames), else at the next frame, once however often it is asked.
   */
  request(): void
  /** Everything queued (first-queued order), leaving the queue empty. */
  take(): Map<string, QueuedChange<Schema>>
  /** Cancels the next frame's flush; what is queued stays for `take`. */
  cancel(): void
}

/**
 * @param flush applies the queue (it calls `take`).
 * @param scheduleFrame the next frame; null flushes whenever asked (no frames, e.g. Node).
 */
export function createRemoteChangeQueue<Schema>(
  flush: () => void,
  scheduleFrame: ScheduleFrame | null,
): RemoteChangeQueue<Schema> {
  let queued = new Map<string, QueuedChange<Schema>>()
  /** Set from a flush until the first frame that finds nothing queued. */
  let cancelFrame: (() => void) | null = null

  const flushAndWait = (schedule: ScheduleFrame) => {
    // While the flush runs, requests wait for the frame too.
    cancelFrame = () => {}
    try {
      flush()
    } finally {
      cancelFrame = schedule(() => {
        cancelFrame = null
        if (queued.size > 0) flushAndWait(schedule)
      })
    }
  }

  return {
    get size() {
      return queued.size
    },
    add(key, change) {
      queued.set(key, change)
    },
    drop(ids) {
      if (queued.size === 0) return
      for (const id of ids) queued.delete(id)
    },
    request() {
      if (queued.size === 0 || cancelFrame) return
      if (scheduleFrame) flushAndWait(scheduleFrame)
      else flush()
    },
    take() {
      const taken = queued
      queued = new Map()
      return taken
    },
    cancel() {
      cancelFrame?.()
      cancelFrame = null
    },
  }
}

/**
 * The next animation frame. Browsers stop animation frames in a hidden tab while the WebSocket
 * keeps delivering, so a timer stands in if no frame comes within `timeoutMs`: the store of a
 * background tab stays at most that far behind its doc. Null without animation frames.
 */
export function nextFrame(timeoutMs = 100): ScheduleFrame | null {
  if (typeof globalThis.requestAnimationFrame !== 'function') return null
  return (run) => {
    let done = false
    const stop = () => {
      done = true
      cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
    const fire = () => {
      if (done) return
      stop()
      run()
    }
    const frame = requestAnimationFrame(fire)
    const timer = setTimeout(fire, timeoutMs)
    return stop
  }
}
