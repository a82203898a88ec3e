import { COMPONENT_SHAPE_TYPE, REGION_SHAPE_TYPE } from '@scaleboard/components'
import { type Editor, useValue } from 'tldraw'

/** What the inspector can show for the selection: one component or region, one arrow (a data flow), or nothing. */
export type Inspectable = 'component' | 'flow' | null

export function useInspectableSelection(editor: Editor | null): Inspectable {
  return useValue('inspectable selection', () => {
    const shape = editor?.getOnlySelectedShape()
    if (!shape) return null
    if (shape.type === COMPONENT_SHAPE_TYPE || shape.type === REGION_SHAPE_TYPE) return 'component'
    return shape.type === 'arrow' ? 'flow' : null
  }, [editor])
}
