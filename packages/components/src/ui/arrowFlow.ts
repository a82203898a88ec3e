import { type Editor, type TLArrowShape, type TLShapeId, toRichText } from 'tldraw'
import { type FlowLabelParts, formatFlowLabel, parseFlowLabel, richTextToPlain } from '../flows/flowLabel.ts'

/**
 * Labels an arrow as a data flow ("sync · 800 rps") and draws async flows dashed, sync solid.
 * Returns false when the shape is not an arrow or cannot be changed (read-only, locked).
 */
export function setArrowFlow(editor: Editor, arrowId: TLShapeId, flow: FlowLabelParts): boolean {
  const arrow = editor.getShape(arrowId)
  if (arrow?.type !== 'arrow' || editor.getIsReadonly() || editor.isShapeOrAncestorLocked(arrow)) return false
  editor.markHistoryStoppingPoint('label flow')
  editor.updateShape<TLArrowShape>({
    id: arrowId,
    type: 'arrow',
    props: { richText: toRichText(formatFlowLabel(flow)), dash: flow.mode === 'async' ? 'dashed' : 'solid' },
  })
  return true
}

/** The flow an arrow's label describes, if it reads as one. */
export function getArrowFlow(arrow: TLArrowShape): FlowLabelParts | undefined {
  return parseFlowLabel(richTextToPlain(arrow.props.richText))
}
