import { type BoardShape, type BoardView, finiteOr, pagePosition, regionOf } from './boardView.ts'
import { shapeName } from './naming.ts'

/**
 * How far (board units, page scale) a shape must move to count as "moved". Dragging a card is
 * tens of units or more; a nudge under this is a slip of the hand or a snap, nothing to report.
 */
export const MOVE_THRESHOLD = 4

/** How much a side must grow or shrink (board units) to count as "resized". */
export const RESIZE_THRESHOLD = 4

/** How much a shape must turn to count as "rotated": one degree. */
export const ROTATION_THRESHOLD = Math.PI / 180

function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y)
}

function turn(a: number, b: number): number {
  const full = 2 * Math.PI
  const d = (((b - a) % full) + full) % full
  return Math.min(d, full - d)
}

/** "now in eu-west-1", "no longer in eu-west-1", "moved from eu-west-1 to us-east-1". */
function regionChange(from: BoardView, to: BoardView, before: BoardShape, after: BoardShape) {
  const was = regionOf(from, before)
  const is = regionOf(to, after)
  if (was?.id === is?.id) return undefined
  if (was && is) return `moved from ${shapeName(from, was.id)} to ${shapeName(to, is.id)}`
  if (is) return `now in ${shapeName(to, is.id)}`
  return `no longer in ${shapeName(from, (was as BoardShape).id)}`
}

function moved(from: BoardView, to: BoardView, before: BoardShape, after: BoardShape): boolean {
  // under the same parent, compare where it sits in it: a region dragged with its cards moves
  // only the region, not every card in it
  if (before.parentId === after.parentId) return distance(before, after) > MOVE_THRESHOLD
  return distance(pagePosition(from, before), pagePosition(to, after)) > MOVE_THRESHOLD
}

function resized(before: BoardShape, after: BoardShape): boolean {
  const sideChanged = (side: 'w' | 'h') => {
    const a = before.props[side]
    const b = after.props[side]
    if (typeof a !== 'number' || typeof b !== 'number') return false
    return Math.abs(a - b) > RESIZE_THRESHOLD
  }
  const scaleChanged = Math.abs(finiteOr(before.props.scale, 1) - finiteOr(after.props.scale, 1)) > 0.01
  return sideChanged('w') || sideChanged('h') || scaleChanged
}

/** Where the shape is and how big: region membership, "moved", "resized", "rotated". */
export function layoutChanges(
  from: BoardView,
  to: BoardView,
  before: BoardShape,
  after: BoardShape,
): string[] {
  const changes: string[] = []
  const region = regionChange(from, to, before, after)
  // entering or leaving a region already says the shape moved
  if (region) changes.push(region)
  else if (moved(from, to, before, after)) changes.push('moved')
  if (resized(before, after)) changes.push('resized')
  if (turn(before.rotation, after.rotation) > ROTATION_THRESHOLD) changes.push('rotated')
  return changes
}
