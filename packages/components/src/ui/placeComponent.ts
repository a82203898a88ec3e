import type { ComponentKind } from '@scaleboard/schema'
import { createShapeId, type Editor, type TLShapeId, type VecLike } from 'tldraw'
import { COMPONENT_CATALOGUE } from '../catalogue/componentCatalogue.ts'
import {
  type CardKind,
  COMPONENT_SHAPE_TYPE,
  getDefaultComponentProps,
  getDefaultRegionProps,
  REGION_SHAPE_TYPE,
} from '../shapes/componentShape.ts'

/**
 * Adds a component of the given kind centred on a page point (default: the viewport's centre),
 * selects it and returns its id, or undefined when the editor is read-only. tldraw parents the new
 * shape to an unlocked region or frame under that point, so a card dropped into a region lands in it.
 */
export function placeComponent(editor: Editor, kind: ComponentKind, point?: VecLike): TLShapeId | undefined {
  if (editor.getIsReadonly()) return undefined
  const entry = COMPONENT_CATALOGUE[kind]
  const center = point ?? editor.getViewportPageBounds().center
  const { w, h } = entry.defaultSize
  const id = createShapeId()
  const base = { id, x: center.x - w / 2, y: center.y - h / 2 }
  editor.run(() => {
    editor.markHistoryStoppingPoint(`place ${kind}`)
    if (entry.shapeType === REGION_SHAPE_TYPE) {
      editor.createShape({
        ...base,
        type: REGION_SHAPE_TYPE,
        props: { ...getDefaultRegionProps(), name: entry.label },
      })
      // a new boundary goes behind what it will hold
      editor.sendToBack([id])
    } else {
      editor.createShape({
        ...base,
        type: COMPONENT_SHAPE_TYPE,
        props: getDefaultComponentProps(kind as CardKind),
      })
    }
    editor.setCurrentTool('select')
    editor.select(id)
  })
  return editor.getShape(id) ? id : undefined
}
