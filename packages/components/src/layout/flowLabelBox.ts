/**
 * Flow labels are drawn in the sans font at the size of a card's detail text (see
 * `flowArrowShapeUtil`), so a diagram reads as one piece. The layout reserves room for them before
 * any browser has measured a glyph, so it estimates their size from the text.
 */
export const FLOW_LABEL_FONT_SIZE = 12.5
/** tldraw's padding around an arrow label, each side (ARROW_LABEL_PADDING) */
const LABEL_PADDING = 4.25
/** tldraw squeezes a label into the arrow's length minus this margin (arrowLabel.ts) */
export const ARROW_LABEL_MARGIN = 64
/** generous mean advance of a sans glyph at 1 px, so estimates err wide, never narrow */
const MEAN_GLYPH_WIDTH = 0.6
const LINE_HEIGHT = 1.35

export interface Size {
  w: number
  h: number
}

/**
 * Widest a flow label is laid out: longer labels wrap between words. tldraw wraps them the same
 * way once the arrow is shorter than the text (and never wider than 16 em on a steep arrow).
 */
export const MAX_FLOW_LABEL_WIDTH = 150

/** The box a flow label takes on the canvas, padding included, wrapped between words. */
export function flowLabelBox(text: string): Size {
  const advance = FLOW_LABEL_FONT_SIZE * MEAN_GLYPH_WIDTH
  const lines: number[] = []
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const width = word.length * advance
    const last = lines.length - 1
    if (last >= 0 && lines[last] + advance + width <= MAX_FLOW_LABEL_WIDTH) lines[last] += advance + width
    else lines.push(width)
  }
  const widest = Math.max(advance, ...lines)
  return {
    w: Math.ceil(widest + 2 * LABEL_PADDING),
    h: Math.ceil(Math.max(1, lines.length) * FLOW_LABEL_FONT_SIZE * LINE_HEIGHT + 2 * LABEL_PADDING),
  }
}
