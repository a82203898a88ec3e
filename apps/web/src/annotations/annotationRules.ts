import { ANNOTATION_META_KEY, type AnnotationMeta } from '@scaleboard/schema'
import {
  type Editor,
  isPageId,
  type TLBinding,
  type TLInstancePageState,
  type TLShape,
  type TLShapeId,
} from 'tldraw'
import { ANNOTATION_COLOR, indexInLayer, isAnnotation } from './annotationLayer.ts'

type Cleanup = () => void

/**
 * The interviewer draws on their own layer: every shape they create is an annotation, attributed
 * in its meta and drawn in the interviewer's colour; an arrow's binding belongs to its arrow's
 * layer. Shapes already on the board stay the board's (the interviewer may still move them).
 */
export function drawAsAnnotations(editor: Editor, name: string): Cleanup {
  const stamp = (): AnnotationMeta => ({ author: 'interviewer', name, createdAt: Date.now() })
  const cleanups = [
    editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
      if (source !== 'user' || isAnnotation(shape)) return shape
      const props = 'color' in shape.props ? { ...shape.props, color: ANNOTATION_COLOR } : shape.props
      return { ...shape, props, meta: { ...shape.meta, [ANNOTATION_META_KEY]: stamp() } } as TLShape
    }),
    editor.sideEffects.registerBeforeCreateHandler('binding', (binding, source) => {
      if (source !== 'user' || !isAnnotation(editor.getShape(binding.fromId))) return binding
      return { ...binding, meta: { ...binding.meta, [ANNOTATION_META_KEY]: stamp() } } as TLBinding
    }),
    // A record never changes layer: its meta.annotation stays as it was made.
    editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) => {
      if (source !== 'user' || isAnnotation(prev) === isAnnotation(next)) return next
      const meta = { ...next.meta }
      if (isAnnotation(prev)) meta[ANNOTATION_META_KEY] = prev.meta[ANNOTATION_META_KEY]
      else delete meta[ANNOTATION_META_KEY]
      return { ...next, meta } as TLShape
    }),
  ]
  return () => {
    for (const cleanup of cleanups) cleanup()
  }
}

/**
 * For the candidate and observers: the annotations are there to read. They cannot be selected,
 * edited, moved or deleted here, and nothing this editor does to them is written anywhere (the
 * layer's binding is read-only for them, and the server drops their updates to it).
 */
export function protectAnnotations(editor: Editor): Cleanup {
  const annotationId = (id: TLShapeId | null) => id !== null && isAnnotation(editor.getShape(id))
  const cleanups = [
    editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) =>
      source === 'user' && isAnnotation(prev) ? prev : next,
    ),
    editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) =>
      source === 'user' && isAnnotation(shape) ? false : undefined,
    ),
    editor.sideEffects.registerBeforeChangeHandler('binding', (prev, next, source) =>
      source === 'user' && isAnnotation(prev) ? prev : next,
    ),
    editor.sideEffects.registerBeforeDeleteHandler('binding', (binding, source) =>
      source === 'user' && isAnnotation(binding) ? false : undefined,
    ),
    editor.sideEffects.registerBeforeChangeHandler(
      'instance_page_state',
      (_prev, next): TLInstancePageState => {
        const selected = next.selectedShapeIds.filter((id) => !annotationId(id))
        if (
          selected.length === next.selectedShapeIds.length &&
          !annotationId(next.editingShapeId) &&
          !annotationId(next.hoveredShapeId)
        )
          return next
        return {
          ...next,
          selectedShapeIds: selected,
          editingShapeId: annotationId(next.editingShapeId) ? null : next.editingShapeId,
          hoveredShapeId: annotationId(next.hoveredShapeId) ? null : next.hoveredShapeId,
        }
      },
    ),
  ]
  return () => {
    for (const cleanup of cleanups) cleanup()
  }
}

/**
 * Keeps the two layers apart in one editor, for every role:
 * - annotations are drawn above the board (index ranges, see ANNOTATION_INDEX_FLOOR);
 * - an annotation sits on the page, never inside a board frame or group, and no board shape goes
 *   inside an annotation: a parent in the other document would dangle when that one changes;
 * - an arrow binds only to shapes of its own layer: a binding across the documents is one the
 *   candidate's deletion would have to remove from a document they cannot write.
 */
export function keepLayersApart(editor: Editor, ownLayerIsAnnotations: boolean): Cleanup {
  const settle = (shape: TLShape): TLShape => {
    let next = shape
    const annotation = isAnnotation(shape)
    if (!isPageId(next.parentId)) {
      const parent = editor.getShape(next.parentId)
      if (parent && annotation !== isAnnotation(parent)) {
        const pagePoint = editor.getShapePageTransform(parent).applyToPoint({ x: next.x, y: next.y })
        next = { ...next, parentId: editor.getCurrentPageId(), x: pagePoint.x, y: pagePoint.y }
      }
    }
    if (isPageId(next.parentId)) {
      const siblings = editor
        .getSortedChildIdsForParent(next.parentId)
        .filter((id) => id !== shape.id)
        .map((id) => editor.getShape(id)?.index)
        .filter((index) => index !== undefined)
      const index = indexInLayer(next.index, annotation, siblings)
      if (index !== next.index) next = { ...next, index }
    }
    return next
  }
  const canBindShapes = editor.canBindShapes.bind(editor)
  // A stub arrow (being drawn, not created yet) belongs to the drawer's own layer.
  const layerOf = (shape: unknown) =>
    typeof shape === 'object' && shape !== null && 'meta' in shape
      ? isAnnotation(shape as TLShape)
      : ownLayerIsAnnotations
  editor.canBindShapes = (options) =>
    layerOf(options.fromShape) === layerOf(options.toShape) && canBindShapes(options)
  const cleanups = [
    editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) =>
      source === 'user' ? settle(shape) : shape,
    ),
    editor.sideEffects.registerBeforeChangeHandler('shape', (_prev, next, source) =>
      source === 'user' ? settle(next) : next,
    ),
  ]
  return () => {
    editor.canBindShapes = canBindShapes
    for (const cleanup of cleanups) cleanup()
  }
}
