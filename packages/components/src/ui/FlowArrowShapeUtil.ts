import { ArrowShapeUtil, getFontFamily, type TLArrowShape } from 'tldraw'
import { FLOW_LABEL_FONT_SIZE } from '../layout/flowLabelBox.ts'
import { getArrowFlow } from './arrowFlow.ts'

/**
 * tldraw's arrow, except that an arrow carrying a data flow writes its label in the sans font at
 * the size of a card's detail text, whatever the arrow's own style: flows read as part of the
 * diagram, not as handwriting laid over it. Other arrows keep tldraw's look.
 */
export const FlowArrowShapeUtil = ArrowShapeUtil.configure({
  getCustomDisplayValues(_editor, shape: TLArrowShape, theme) {
    if (!getArrowFlow(shape)) return {}
    // tldraw multiplies the label size by the arrow's scale
    return {
      labelFontSize: FLOW_LABEL_FONT_SIZE / shape.props.scale,
      labelFontFamily: getFontFamily(theme, 'sans'),
    }
  },
})
