import { ANNOTATION_META_KEY, type AnnotationMeta, type AnnotationPin } from '@scaleboard/schema'
import { createShapeId, type Editor, type TLShape, type TLShapeId, toRichText } from 'tldraw'
import { ANNOTATION_COLOR, ANNOTATION_INDEX_FLOOR, annotationOf, isAnnotation } from './annotationLayer.ts'

/** Opacity of a pinned comment whose component was deleted: it stays, greyed, where it last was. */
export const DETACHED_OPACITY = 0.45

/** Where a pinned comment goes for a component whose top-left corner is at (x, y). */
export function pinnedPosition(pin: AnnotationPin, target: { x: number; y: number }) {
  return { x: target.x + pin.dx, y: target.y + pin.dy }
}

/**
 * Creates a comment (a sticky note on the interviewer's layer) beside a board component, pinned
 * to it by shape id: no tldraw binding, which would cross into the candidate's document.
 * Returns the comment's id, ready to type into.
 */
export function pinCommentTo(editor: Editor, targetId: TLShapeId, name: string): TLShapeId | null {
  const target = editor.getShape(targetId)
  const bounds = target && !isAnnotation(target) ? editor.getShapePageBounds(target) : undefined
  if (!bounds) return null
  // A small note (120 px) just right of the component, its top a little above the component's.
  const pin: AnnotationPin = { shapeId: targetId, dx: bounds.width + 16, dy: -20 }
  const meta: AnnotationMeta = { author: 'interviewer', name, createdAt: Date.now(), pin }
  const id = createShapeId()
  const at = pinnedPosition(pin, { x: bounds.minX, y: bounds.minY })
  editor.run(() => {
    editor.createShape({
      id,
      type: 'note',
      parentId: editor.getCurrentPageId(),
      index: ANNOTATION_INDEX_FLOOR,
      ...at,
      props: { color: ANNOTATION_COLOR, size: 's', scale: 0.6, richText: toRichText('') },
      meta: { [ANNOTATION_META_KEY]: meta },
    })
    editor.select(id)
    editor.setEditingShape(id)
  })
  return id
}

interface FollowOptions {
  /**
   * The interviewer's editor stores where its comments ended up (debounced), so a comment whose
   * component is deleted while no interviewer is connected still stays near its last position.
   */
  persist?: (shapes: TLShape[]) => void
  persistDelayMs?: number
}

/**
 * Pinned comments follow their components. Every browser places them itself, from the board it
 * holds, as a local change (never written, never undone); the interviewer's browser also stores
 * the positions. A comment whose component is gone is greyed where it last was. When the
 * interviewer drags a comment, its offset from the component changes instead.
 */
export function followPinnedComments(editor: Editor, options: FollowOptions = {}): () => void {
  const { persist, persistDelayMs = 800 } = options
  const moved = new Set<TLShapeId>()
  /** The pinned comments, kept from the changes: placing costs O(comments), not O(board). */
  const pinned = new Set<TLShapeId>()
  const track = (shape: TLShape) => {
    if (annotationOf(shape)?.pin) pinned.add(shape.id)
    else pinned.delete(shape.id)
  }
  for (const shape of editor.getCurrentPageShapes()) track(shape)
  let timer: ReturnType<typeof setTimeout> | null = null

  function place() {
    const updates: TLShape[] = []
    for (const id of pinned) {
      const comment = editor.getShape(id)
      const pin = annotationOf(comment)?.pin
      if (!comment || !pin) continue
      const target = editor.getShape(pin.shapeId as TLShapeId)
      const bounds = target && !isAnnotation(target) ? editor.getShapePageBounds(target) : undefined
      if (!bounds) {
        if (comment.opacity !== DETACHED_OPACITY) updates.push({ ...comment, opacity: DETACHED_OPACITY })
        continue
      }
      const at = pinnedPosition(pin, { x: bounds.minX, y: bounds.minY })
      if (Math.abs(at.x - comment.x) > 0.5 || Math.abs(at.y - comment.y) > 0.5 || comment.opacity !== 1)
        updates.push({ ...comment, ...at, opacity: 1 })
    }
    if (updates.length === 0) return
    editor.store.mergeRemoteChanges(() => editor.store.put(updates))
    if (!persist) return
    for (const shape of updates) moved.add(shape.id)
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      const shapes = [...moved].map((id) => editor.getShape(id)).filter((s) => s !== undefined)
      moved.clear()
      persist(shapes)
    }, persistDelayMs)
  }

  const cleanups = [
    // The interviewer moves a comment: keep it where it was dropped, relative to its component.
    editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) => {
      const meta = annotationOf(next)
      if (source !== 'user' || !meta?.pin || (prev.x === next.x && prev.y === next.y)) return next
      const target = editor.getShape(meta.pin.shapeId as TLShapeId)
      const bounds = target ? editor.getShapePageBounds(target) : undefined
      if (!bounds) return next
      const pin = { ...meta.pin, dx: next.x - bounds.minX, dy: next.y - bounds.minY }
      return { ...next, meta: { ...next.meta, [ANNOTATION_META_KEY]: { ...meta, pin } } } as TLShape
    }),
    editor.store.listen(
      ({ changes }) => {
        let shapesChanged = false
        for (const record of Object.values(changes.added))
          if (record.typeName === 'shape') {
            track(record)
            shapesChanged = true
          }
        for (const [, record] of Object.values(changes.updated))
          if (record.typeName === 'shape') {
            track(record)
            shapesChanged = true
          }
        for (const record of Object.values(changes.removed))
          if (record.typeName === 'shape') {
            pinned.delete(record.id)
            shapesChanged = true
          }
        if (shapesChanged && pinned.size > 0) place()
      },
      { scope: 'document' },
    ),
  ]
  place()
  return () => {
    if (timer) clearTimeout(timer)
    for (const cleanup of cleanups) cleanup()
  }
}
