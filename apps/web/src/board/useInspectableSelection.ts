import { COMPONENT_SHAPE_TYPE, REGION_SHAPE_TYPE } from '@scaleboard/components'
import { type Editor, useValue } from 'tldraw'

/** True while exactly one component or region is selected: what the inspector can show. */
export function useInspectableSelection(editor: Editor | null): boolean {
  return useValue('inspectable selection', () => {
    const shape = editor?.getOnlySelectedShape()
    return !!shape && (shape.type === COMPONENT_SHAPE_TYPE || shape.type === REGION_SHAPE_TYPE)
  }, [editor])
}
