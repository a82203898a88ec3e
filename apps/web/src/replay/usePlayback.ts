import type { Revision } from '@scaleboard/schema'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { advance, paceBoundaries, revisionTime, type Speed, stepRevision } from './playback.ts'

export interface Playback {
  /** the moment shown (epoch ms) */
  at: number
  /** the revision shown exactly (its seqs), when the user stepped or clicked to one */
  revision: Revision | null
  playing: boolean
  speed: Speed
  skipIdle: boolean
  seek: (at: number) => void
  showRevision: (revision: Revision) => void
  stepRevision: (direction: 1 | -1) => void
  togglePlay: () => void
  setSpeed: (speed: Speed) => void
  setSkipIdle: (skip: boolean) => void
}

interface Span {
  start: number
  end: number
  /** every update's time, both documents */
  updateTimes: readonly number[]
  revisions: readonly Revision[]
  /** the revision to open at (a link's `#rev=`); otherwise the replay opens at the end */
  initialRevision?: Revision | null
}

/**
 * The replay's clock: the moment shown, play/pause, speed and idle skipping. Playing moves the
 * moment forward once per animation frame by the wall-clock time since the last frame.
 */
export function usePlayback({ start, end, updateTimes, revisions, initialRevision = null }: Span): Playback {
  const [at, setAt] = useState(() => (initialRevision ? revisionTime(initialRevision) : end))
  const [revision, setRevision] = useState<Revision | null>(initialRevision)
  const [playing, setPlaying] = useState(false)
  const [speed, setSpeed] = useState<Speed>(4)
  const [skipIdle, setSkipIdle] = useState(true)
  const boundaries = useMemo(() => paceBoundaries(updateTimes, start, end), [updateTimes, start, end])
  const atRef = useRef(at)
  atRef.current = at

  useEffect(() => {
    if (!playing) return
    let frame = 0
    let last = performance.now()
    const tick = (now: number) => {
      const next = advance(atRef.current, now - last, { speed, skipIdle, boundaries })
      last = now
      atRef.current = next
      setAt(next)
      if (next >= end) setPlaying(false)
      else frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)
    return () => cancelAnimationFrame(frame)
  }, [playing, speed, skipIdle, boundaries, end])

  const seek = useCallback(
    (target: number) => {
      setRevision(null)
      setAt(Math.min(end, Math.max(start, target)))
    },
    [start, end],
  )

  const showRevision = useCallback((target: Revision) => {
    setPlaying(false)
    setRevision(target)
    setAt(revisionTime(target))
  }, [])

  const step = useCallback(
    (direction: 1 | -1) => {
      const target = stepRevision(revisions, atRef.current, direction, revision)
      if (target) showRevision(target)
    },
    [revisions, revision, showRevision],
  )

  const playingRef = useRef(playing)
  playingRef.current = playing
  const togglePlay = useCallback(() => {
    const next = !playingRef.current
    // at the end, play starts over
    if (next && atRef.current >= end) {
      atRef.current = start
      setAt(start)
    }
    setRevision(null)
    setPlaying(next)
  }, [start, end])

  return {
    at,
    revision,
    playing,
    speed,
    skipIdle,
    seek,
    showRevision,
    stepRevision: step,
    togglePlay,
    setSpeed,
    setSkipIdle,
  }
}
