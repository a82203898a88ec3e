import { getReferenceMeta } from '@scaleboard/components'
import { Box, type Editor } from 'tldraw'

/** Board units of empty room kept to the right of a reference-only board, as a share of its width. */
const DESIGN_ROOM = 0.25
export const INITIAL_VIEW_INSET_PX = 56

/**
 * Where the camera starts when a board opens: everything on the page in view. When the page only
 * holds the scenario's current state, leave room to its right, where the candidate's design goes.
 * The view never zooms in past 100 %.
 */
export function initialViewBounds(editor: Editor): Box | null {
  const shapes = editor.getCurrentPageShapes()
  const bounds = editor.getCurrentPageBounds()
  if (shapes.length === 0 || !bounds) return null
  const onlyReference = shapes.every((shape) => getReferenceMeta(shape)?.id === shape.id)
  return onlyReference ? new Box(bounds.x, bounds.y, bounds.w * (1 + DESIGN_ROOM), bounds.h) : bounds
}

export function showInitialView(editor: Editor): void {
  const bounds = initialViewBounds(editor)
  if (bounds) editor.zoomToBounds(bounds, { inset: INITIAL_VIEW_INSET_PX, targetZoom: 1, immediate: true })
}
