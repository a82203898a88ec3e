import { getReferenceMeta } from '@scaleboard/components'
import { Box, type Editor } from 'tldraw'

/** Board units of empty room kept to the right of a reference-only board, as a share of its width. */
const DESIGN_ROOM = 0.25
export const INITIAL_VIEW_INSET_PX = 56
/**
 * The least zoom a board opens at: a card's name (14.5 px) draws at 13 px and its detail and the
 * flow labels (12–12.5 px) at about 11 px. A board too wide for that opens at its top-left and is
 * scrolled, rather than shrunk to unreadable.
 */
export const READABLE_ZOOM = 0.9

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

/**
 * Fits the board when it can be read that way; otherwise opens at a readable zoom, as wide as the
 * canvas allows, from the board's left edge (where its flows start).
 */
export function showInitialView(editor: Editor): void {
  const bounds = initialViewBounds(editor)
  const content = editor.getCurrentPageBounds()
  if (!bounds || !content) return
  const screen = editor.getViewportScreenBounds()
  const room = { w: screen.w - 2 * INITIAL_VIEW_INSET_PX, h: screen.h - 2 * INITIAL_VIEW_INSET_PX }
  const fitAll = Math.min(room.w / bounds.w, room.h / bounds.h, 1)
  if (fitAll >= READABLE_ZOOM) {
    editor.zoomToBounds(bounds, { inset: INITIAL_VIEW_INSET_PX, targetZoom: 1, immediate: true })
    return
  }
  const z = Math.min(1, Math.max(READABLE_ZOOM, room.w / content.w))
  // the left edge at the inset; vertically centred when the height fits, else from the top
  const top = content.h * z <= room.h ? (screen.h - content.h * z) / 2 / z : INITIAL_VIEW_INSET_PX / z
  editor.setCamera({ x: INITIAL_VIEW_INSET_PX / z - content.x, y: top - content.y, z }, { immediate: true })
}
