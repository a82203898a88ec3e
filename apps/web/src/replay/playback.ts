import { lastIndexAtOrBefore } from '@scaleboard/revisions'
import type { Revision } from '@scaleboard/schema'

export const SPEEDS = [1, 2, 4, 8, 16, 32] as const
export type Speed = (typeof SPEEDS)[number]

/** With "skip idle gaps" on, a stretch longer than this with no update… */
export const IDLE_GAP_MS = 10_000
/** …plays in about this much wall-clock time, whatever its length. */
export const IDLE_GAP_PLAY_MS = 1_000

/**
 * The moments where playback's pace may change: the session's start, every update, its end
 * (sorted, unique, within the span).
 */
export function paceBoundaries(updateTimes: Iterable<number>, start: number, end: number): number[] {
  const inside = [...updateTimes].filter((t) => t > start && t < end)
  inside.sort((a, b) => a - b)
  const out = [start]
  for (const t of inside) if (t !== out.at(-1)) out.push(t)
  out.push(end)
  return out
}

export interface PlayOptions {
  speed: number
  skipIdle: boolean
  /** from `paceBoundaries` */
  boundaries: readonly number[]
}

/**
 * Session time after `wallMs` of playing from `at`. Time runs `speed` times faster than the
 * wall clock; with `skipIdle`, a gap between two updates longer than IDLE_GAP_MS runs fast
 * enough to pass in IDLE_GAP_PLAY_MS (never slower than `speed`). Stops at the span's end.
 */
export function advance(at: number, wallMs: number, { speed, skipIdle, boundaries }: PlayOptions): number {
  const end = boundaries.at(-1) ?? at
  let t = at
  let remaining = wallMs
  let i = Math.max(0, lastIndexAtOrBefore(boundaries, t))
  while (remaining > 0 && t < end) {
    const from = boundaries[i] ?? t
    const to = boundaries[i + 1] ?? end
    const gap = to - from
    const rate = skipIdle && gap > IDLE_GAP_MS ? Math.max(speed, gap / IDLE_GAP_PLAY_MS) : speed
    const step = Math.min(remaining * rate, to - t)
    t += step
    remaining -= step / rate
    if (t >= to) i++
  }
  return Math.min(t, end)
}

/** How long (wall-clock ms) the whole span plays at these settings. */
export function playLength(options: PlayOptions): number {
  const { boundaries, speed, skipIdle } = options
  let total = 0
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const gap = (boundaries[i + 1] as number) - (boundaries[i] as number)
    const rate = skipIdle && gap > IDLE_GAP_MS ? Math.max(speed, gap / IDLE_GAP_PLAY_MS) : speed
    total += gap / rate
  }
  return total
}

/** What the timeline's keys do to the time: a small step, a large one with Shift, the ends. */
export function keyboardTarget(
  key: string,
  at: number,
  start: number,
  end: number,
  shift = false,
): number | null {
  const small = Math.max(1_000, (end - start) / 200)
  const step = shift ? small * 10 : small
  const clamp = (t: number) => Math.min(end, Math.max(start, t))
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(at - step)
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(at + step)
    case 'PageDown':
      return clamp(at - small * 10)
    case 'PageUp':
      return clamp(at + small * 10)
    case 'Home':
      return start
    case 'End':
      return end
    default:
      return null
  }
}

/** A revision's place on the timeline (epoch ms). */
export function revisionTime(revision: Pick<Revision, 'at'>): number {
  return Date.parse(revision.at)
}

/**
 * The revision after (or before) the moment shown. `current` is the revision shown exactly, if
 * one is: stepping goes on from it even when several revisions share a time.
 */
export function stepRevision(
  revisions: readonly Revision[],
  at: number,
  direction: 1 | -1,
  current: Revision | null = null,
): Revision | null {
  const ordered = [...revisions].sort((a, b) => revisionTime(a) - revisionTime(b) || a.seq - b.seq)
  if (current) {
    const index = ordered.findIndex((r) => r.id === current.id)
    if (index >= 0) return ordered[index + direction] ?? null
  }
  if (direction === 1) return ordered.find((r) => revisionTime(r) > at) ?? null
  return ordered.findLast((r) => revisionTime(r) < at) ?? null
}

/** "4:05" or "1:02:05": time since the session started. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/** "4m05s" or "1h02m05s": time since start where a colon will not do (file names). */
export function formatElapsedForFile(ms: number): string {
  const [s = '0', m = '0', h] = formatElapsed(ms).split(':').reverse()
  return h ? `${h}h${m}m${s}s` : `${m}m${s}s`
}

/** The wall-clock time of a moment, in the viewer's time zone: "14:32:07". */
export function formatWallTime(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
}
