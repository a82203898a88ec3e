import { getReferenceMeta } from '@scaleboard/components'
import { Box, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { type Rect, spotBesideReference, spotClearOf } from './freeSpot.ts'

/** Part of the locked current state itself, not a copy the candidate pasted. */
export function isReferenceOriginal(shape: TLShape): boolean {
  return getReferenceMeta(shape)?.id === shape.id
}

/**
 * Moves shapes that sit on top of the locked current state to just beside it (right of it, below
 * anything already there), keeping their layout, and brings them into view. New components and
 * pasted copies land at the centre of the view, which on a fresh board is the current state:
 * there they would hide it. Only top-level shapes move. Returns true if they moved.
 */
export function moveBesideReference(editor: Editor, ids: TLShapeId[]): boolean {
  const pageId = editor.getCurrentPageId()
  const moving = ids.map((id) => editor.getShape(id)).filter((s): s is TLShape => s?.parentId === pageId)
  const movingBounds = moving.map((s) => editor.getShapePageBounds(s)).filter((b): b is Box => !!b)
  if (moving.length === 0 || movingBounds.length === 0) return false
  const group = Box.Common(movingBounds)

  const movingIds = new Set(moving.map((s) => s.id))
  const topLevel = editor.getSortedChildIdsForParent(pageId).flatMap((id) => {
    const shape = editor.getShape(id)
    const bounds = shape && !movingIds.has(shape.id) ? editor.getShapePageBounds(shape) : undefined
    return shape && bounds ? [{ shape, bounds: bounds as Rect }] : []
  })
  const others = topLevel.filter((s) => !isReferenceOriginal(s.shape)).map((s) => s.bounds)
  for (const reference of topLevel.filter((s) => isReferenceOriginal(s.shape))) {
    const spot = spotBesideReference(group, reference.bounds, others)
    if (!spot) continue
    const dx = spot.x - group.x
    const dy = spot.y - group.y
    editor.updateShapes(moving.map((s) => ({ id: s.id, type: s.type, x: s.x + dx, y: s.y + dy })))
    editor.zoomToSelectionIfOffscreen(32, { animation: { duration: 220 } })
    return true
  }
  return false
}

/**
 * Nudges a newly placed shape off anything it covers (two palette clicks land on the same spot,
 * the centre of the view), so a new component never hides another. Returns true if it moved.
 */
export function moveClearOfOthers(editor: Editor, id: TLShapeId): boolean {
  const shape = editor.getShape(id)
  const bounds = shape && editor.getShapePageBounds(shape)
  if (!shape || !bounds) return false
  const others = editor
    .getSortedChildIdsForParent(editor.getCurrentPageId())
    .filter((other) => other !== id)
    .flatMap((other) => {
      const b = editor.getShapePageBounds(other)
      return b ? [b as Rect] : []
    })
  const spot = spotClearOf(bounds, others)
  if (!spot) return false
  editor.updateShape({ id, type: shape.type, x: shape.x + spot.x - bounds.x, y: shape.y + spot.y - bounds.y })
  editor.zoomToSelectionIfOffscreen(32, { animation: { duration: 220 } })
  return true
}
