import { type Editor, type TLArrowBinding, type TLArrowShape, type TLShapeId, toRichText } from 'tldraw'
import { type FlowLabelParts, formatFlowLabel, parseFlowLabel, richTextToPlain } from '../flows/flowLabel.ts'
import { FLOW_META_KEY, readFlowMeta, toFlowMeta } from '../flows/flowMeta.ts'
import { ARROW_LABEL_MARGIN, flowLabelBox } from '../layout/flowLabelBox.ts'
import { getReferenceMeta } from '../records/referenceMeta.ts'

/**
 * Makes an arrow a data flow: the flow in `meta.flow`, the label drawn from it ("sync · 5.4k rps")
 * and async flows dashed, sync solid. Returns false when the shape is not an arrow or cannot be
 * changed (read-only, locked).
 */
export function setArrowFlow(editor: Editor, arrowId: TLShapeId, flow: FlowLabelParts): boolean {
  const arrow = editor.getShape(arrowId)
  if (arrow?.type !== 'arrow' || editor.getIsReadonly() || editor.isShapeOrAncestorLocked(arrow)) return false
  editor.markHistoryStoppingPoint('label flow')
  const text = formatFlowLabel(flow)
  editor.run(() => {
    editor.updateShape<TLArrowShape>({
      id: arrowId,
      type: 'arrow',
      meta: { ...arrow.meta, [FLOW_META_KEY]: toFlowMeta(flow) },
      props: { richText: toRichText(text), dash: flow.mode === 'async' ? 'dashed' : 'solid' },
    })
    makeRoomForLabel(editor, arrow as TLArrowShape, text)
  })
  return true
}

/** Space kept between a label and the cards at either end of its arrow (px). */
const LABEL_CLEARANCE = 16

/**
 * A label on an arrow too short for it would be squeezed into a column and break mid-word, so the
 * card at the arrow's end moves away until the label fits (or the start card, if the end one is
 * locked or part of the scenario's current state). Part of the same undoable step.
 */
function makeRoomForLabel(editor: Editor, arrow: TLArrowShape, text: string): void {
  const bindings = editor.getBindingsFromShape<TLArrowBinding>(arrow, 'arrow')
  const start = bindings.find((b) => b.props.terminal === 'start')?.toId
  const end = bindings.find((b) => b.props.terminal === 'end')?.toId
  if (!start || !end || start === end) return
  const a = editor.getShapePageBounds(start)
  const b = editor.getShapePageBounds(end)
  if (!a || !b) return
  const dx = b.center.x - a.center.x
  const dy = b.center.y - a.center.y
  const label = flowLabelBox(text)
  const horizontal = Math.abs(dx) >= Math.abs(dy)
  const gap = horizontal
    ? Math.max(b.minX - a.maxX, a.minX - b.maxX)
    : Math.max(b.minY - a.maxY, a.minY - b.maxY)
  const needed = horizontal ? label.w + ARROW_LABEL_MARGIN : label.h + 2 * LABEL_CLEARANCE
  if (gap >= needed) return
  const movable = (id: TLShapeId) => {
    const shape = editor.getShape(id)
    return !!shape && !editor.isShapeOrAncestorLocked(shape) && getReferenceMeta(shape)?.id !== shape.id
  }
  const [mover, sign] = movable(end) ? [end, 1] : movable(start) ? [start, -1] : [null, 0]
  if (!mover) return
  const shift = needed - gap
  const shape = editor.getShape(mover)
  if (!shape) return
  const direction = Math.sign(horizontal ? dx : dy) || 1
  const offset = shift * direction * sign
  editor.updateShape({
    id: mover,
    type: shape.type,
    ...(horizontal ? { x: shape.x + offset } : { y: shape.y + offset }),
  })
}

/**
 * The flow an arrow carries: its `meta.flow` while the label still says the same thing, else what
 * the label says (arrows from before `meta.flow`, or a label the candidate retyped by hand).
 */
export function getArrowFlow(arrow: TLArrowShape): FlowLabelParts | undefined {
  const text = richTextToPlain(arrow.props.richText)
  const stored = readFlowMeta(arrow.meta)
  if (stored && formatFlowLabel(stored) === text) return stored
  return parseFlowLabel(text)
}
