import { DefaultStylePanel, type TLUiStylePanelProps, useEditor, useValue } from 'tldraw'

/** Tools that show nothing to style: with these and nothing selected, the panel stays closed. */
const STYLELESS_TOOLS = new Set(['select', 'hand', 'laser', 'zoom', 'eraser'])

/**
 * tldraw's style panel, only when there is something to style: a selection, or a drawing tool in
 * hand. Otherwise the canvas stays clear (it used to sit open over the top-right of the board).
 */
export function CalmStylePanel(props: TLUiStylePanelProps) {
  const editor = useEditor()
  const wanted = useValue(
    'style panel wanted',
    () => editor.getSelectedShapeIds().length > 0 || !STYLELESS_TOOLS.has(editor.getCurrentToolId()),
    [editor],
  )
  return wanted ? <DefaultStylePanel {...props} /> : null
}
