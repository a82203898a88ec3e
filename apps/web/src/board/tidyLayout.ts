import {
  arcThrough,
  COMPONENT_SHAPE_TYPE,
  flowLabelBox,
  getReferenceMeta,
  type LayoutInput,
  layoutGraph,
  REGION_SHAPE_TYPE,
  richTextToPlain,
} from '@scaleboard/components'
import type { Editor, TLArrowBinding, TLArrowShape, TLShape, TLShapeId, TLShapePartial } from 'tldraw'

const isEditable = (editor: Editor, shape: TLShape) =>
  !editor.isShapeOrAncestorLocked(shape) && getReferenceMeta(shape)?.id !== shape.id

/**
 * The editable cards and regions of the selection, with the members of a selected region. Reads
 * the selection only, so the context menu can ask on every change without scanning the board.
 */
function tidyBoxes(editor: Editor): TLShape[] {
  const editable = (shape: TLShape) => isEditable(editor, shape)
  const selected = editor.getSelectedShapes().filter(editable)
  const boxes = selected.filter((s) => s.type === COMPONENT_SHAPE_TYPE || s.type === REGION_SHAPE_TYPE)
  // the members of a selected region come along
  for (const region of boxes.filter((s) => s.type === REGION_SHAPE_TYPE))
    for (const child of editor.getSortedChildIdsForParent(region.id).map((id) => editor.getShape(id)))
      if (child && child.type === COMPONENT_SHAPE_TYPE && editable(child) && !boxes.includes(child))
        boxes.push(child)
  return boxes
}

/** What "Tidy layout" would arrange: the editable cards and regions of the selection, and the arrows between them. */
export function tidyTargets(editor: Editor): { boxes: TLShape[]; arrows: TLArrowShape[] } {
  const boxes = tidyBoxes(editor)
  const ids = new Set(boxes.map((s) => s.id))
  const arrows = editor
    .getCurrentPageShapes()
    .filter((s): s is TLArrowShape => s.type === 'arrow' && isEditable(editor, s))
    .filter((arrow) => {
      const ends = endsOf(editor, arrow)
      return ends !== null && ids.has(ends.from) && ids.has(ends.to)
    })
  return { boxes, arrows }
}

export function canTidy(editor: Editor): boolean {
  return (
    !editor.getIsReadonly() && tidyBoxes(editor).filter((s) => s.type === COMPONENT_SHAPE_TYPE).length >= 2
  )
}

function endsOf(editor: Editor, arrow: TLArrowShape): { from: TLShapeId; to: TLShapeId } | null {
  const bindings = editor.getBindingsFromShape<TLArrowBinding>(arrow, 'arrow')
  const from = bindings.find((b) => b.props.terminal === 'start')?.toId
  const to = bindings.find((b) => b.props.terminal === 'end')?.toId
  return from && to ? { from, to } : null
}

/**
 * Lays the selection out the way scenario boards are laid out (left to right along its flows, each
 * region around its members, labels with room), keeping its top-left where it was. One undoable
 * step. Resolves false when there was nothing to arrange.
 */
export async function tidyLayout(editor: Editor): Promise<boolean> {
  const { boxes, arrows } = tidyTargets(editor)
  if (boxes.length < 2) return false
  const ids = new Set<string>(boxes.map((s) => s.id))
  const groupOf = (shape: TLShape) => (ids.has(shape.parentId) ? shape.parentId : undefined)
  const input: LayoutInput = {
    nodes: boxes
      .filter((s) => s.type === COMPONENT_SHAPE_TYPE)
      .map((s) => {
        const bounds = editor.getShapeGeometry(s).bounds
        return { id: s.id, size: { w: bounds.w, h: bounds.h }, group: groupOf(s) }
      }),
    groups: boxes.filter((s) => s.type === REGION_SHAPE_TYPE).map((s) => ({ id: s.id, group: groupOf(s) })),
    edges: arrows.flatMap((arrow) => {
      const ends = endsOf(editor, arrow)
      if (!ends) return []
      const text = richTextToPlain(arrow.props.richText).trim()
      return [{ id: arrow.id, from: ends.from, to: ends.to, label: text ? flowLabelBox(text) : undefined }]
    }),
  }
  const layout = await layoutGraph(input)

  // the selection's top-left stays where it was
  const before = editor.getShapesPageBounds(boxes.map((s) => s.id))
  if (!before) return false
  const page = (id: string) => {
    const box = layout.boxes.get(id)
    return box && { ...box, x: box.x + before.x, y: box.y + before.y }
  }
  const updates: TLShapePartial[] = []
  for (const shape of boxes) {
    const box = page(shape.id)
    if (!box) continue
    const parent = ids.has(shape.parentId) ? page(shape.parentId) : null
    // shapes outside a tidied region keep their parent; convert the page position into its space
    const local = parent
      ? { x: box.x - parent.x, y: box.y - parent.y }
      : editor.getPointInParentSpace(shape, { x: box.x, y: box.y })
    updates.push(
      shape.type === REGION_SHAPE_TYPE
        ? ({
            id: shape.id,
            type: shape.type,
            x: local.x,
            y: local.y,
            props: { w: box.w, h: box.h },
          } as TLShapePartial)
        : { id: shape.id, type: shape.type, x: local.x, y: local.y },
    )
  }
  for (const arrow of arrows) {
    const ends = endsOf(editor, arrow)
    const from = ends && page(ends.from)
    const to = ends && page(ends.to)
    const label = layout.labels.get(arrow.id)
    if (!from || !to) continue
    const { bend, labelPosition } = label
      ? arcThrough(from, to, { x: label.x + before.x, y: label.y + before.y })
      : { bend: 0, labelPosition: 0.5 }
    updates.push({ id: arrow.id, type: 'arrow', props: { bend, labelPosition } })
  }
  editor.markHistoryStoppingPoint('tidy layout')
  editor.run(() => editor.updateShapes(updates))
  return true
}
