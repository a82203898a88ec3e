import { revisionPhasePair, type TimedPhaseCommand } from '@scaleboard/revisions'
import type { BoardDiff, Revision, TimelineEvent } from '@scaleboard/schema'
import { revisionTime } from './playback.ts'
import { phaseOfEvent } from './timeline.ts'

/**
 * Which two revisions the compare panel opens with: the pair that frames the revision phase (the
 * report's and the server's definition) when the session had one, else the last two revisions.
 */
export function defaultComparePair(
  revisions: readonly Revision[],
  events: readonly TimelineEvent[] = [],
): { from: Revision; to: Revision } | null {
  const moves: TimedPhaseCommand[] = events.flatMap((event) => {
    const phase = event.kind === 'phase' ? phaseOfEvent(event) : null
    return phase ? [{ at: event.at, command: { phase } }] : []
  })
  const ordered = [...revisions].sort((a, b) => revisionTime(a) - revisionTime(b) || a.seq - b.seq)
  const framing = revisionPhasePair(moves, ordered)
  if (framing) return framing
  if (ordered.length < 2) return null
  return { from: ordered.at(-2) as Revision, to: ordered.at(-1) as Revision }
}

/** How a shape is marked on the canvas while comparing. */
export type DiffMark = 'added' | 'removed' | 'changed'

/** Each shape the diff names, with its mark (a binding's change is its arrow's, as the diff says). */
export function diffMarks(diff: BoardDiff): Map<string, DiffMark> {
  const marks = new Map<string, DiffMark>()
  for (const entry of diff.added) marks.set(entry.id, 'added')
  for (const entry of diff.changed) marks.set(entry.id, 'changed')
  for (const entry of diff.removed) marks.set(entry.id, 'removed')
  return marks
}

/** Opacity of a removed shape drawn from the "from" board. */
export const GHOST_OPACITY = 0.35

/** Meta key that marks a ghost: a record only the replay's own store holds, never exported. */
export const GHOST_META_KEY = 'replayGhost'

/**
 * The "to" board with the removed shapes of the "from" board drawn back as faint ghosts. A ghost
 * keeps its place in the tree when its parent is still there (or is itself a ghost), and moves to
 * the page otherwise, at its page position when it was a direct child of the page.
 */
export function withGhosts(
  from: ReadonlyMap<string, unknown>,
  to: ReadonlyMap<string, unknown>,
  removedIds: Iterable<string>,
): Map<string, unknown> {
  const merged = new Map(to)
  const removed = new Set(removedIds)
  // a removed frame's removed children come back with it
  for (const [id, record] of from) {
    if (to.has(id) || !isShape(record)) continue
    if (removed.has(record.parentId)) removed.add(id)
  }
  for (const id of removed) {
    const record = from.get(id)
    if (!isShape(record) || to.has(id)) continue
    const parentShown = merged.has(record.parentId) || removed.has(record.parentId)
    const pageId = [...to.values()].find(isPage)?.id
    merged.set(id, {
      ...record,
      parentId: parentShown ? record.parentId : (pageId ?? record.parentId),
      opacity: GHOST_OPACITY,
      isLocked: true,
      meta: { ...record.meta, [GHOST_META_KEY]: true },
    })
  }
  return merged
}

interface ShapeLike {
  id: string
  typeName: 'shape'
  parentId: string
  meta: Record<string, unknown>
}

function isShape(record: unknown): record is ShapeLike {
  return (
    typeof record === 'object' &&
    record !== null &&
    (record as { typeName?: unknown }).typeName === 'shape' &&
    typeof (record as { parentId?: unknown }).parentId === 'string'
  )
}

function isPage(record: unknown): record is { id: string } {
  return (
    typeof record === 'object' && record !== null && (record as { typeName?: unknown }).typeName === 'page'
  )
}

/** True for a ghost record (see `withGhosts`). */
export function isGhost(record: { meta?: Record<string, unknown> } | undefined): boolean {
  return record?.meta?.[GHOST_META_KEY] === true
}
