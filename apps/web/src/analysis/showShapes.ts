import { Box, type Editor, type TLShapeId } from 'tldraw'

/**
 * Selects the shapes a finding or a figure is about and moves the camera to them (never zooming in
 * past 100 %), so the person sees what the line means. Shapes no longer on this page are skipped.
 */
export function showShapes(editor: Editor, shapeIds: readonly string[]): void {
  const page = editor.getCurrentPageId()
  const present = shapeIds.flatMap((id) => {
    const shape = editor.getShape(id as TLShapeId)
    return shape && editor.getAncestorPageId(shape) === page ? [shape] : []
  })
  if (present.length === 0) return
  editor.select(...present.map((shape) => shape.id))
  const boxes = present.flatMap((shape) => editor.getShapePageBounds(shape) ?? [])
  if (boxes.length)
    editor.zoomToBounds(Box.Common(boxes), { animation: { duration: 320 }, inset: 120, targetZoom: 1 })
}

/** A shape's name as the board shows it (a component's or region's `name`), for sentences. */
export function shapeNameOf(editor: Editor | null, fallback: string): (shapeId: string) => string {
  return (shapeId) => {
    const props = editor?.getShape(shapeId as TLShapeId)?.props as { name?: unknown } | undefined
    return typeof props?.name === 'string' && props.name.trim() ? props.name.trim() : fallback
  }
}
