import { ComponentInspector, FlowInspector } from '@scaleboard/components'
import { MousePointerClick } from 'lucide-react'
import type { Editor } from 'tldraw'
import { useInspectableSelection } from './useInspectableSelection.ts'

interface Props {
  /** null until the canvas has mounted */
  editor: Editor | null
  canEdit: boolean
}

/** The right panel: the selected component's figures or data flow, or what to do to see them. */
export function InspectorPanel({ editor, canEdit }: Props) {
  const inspectable = useInspectableSelection(editor)
  if (editor && inspectable === 'component') return <ComponentInspector editor={editor} />
  if (editor && inspectable === 'flow') return <FlowInspector editor={editor} />
  return (
    <div className="board-inspector-empty" data-testid="inspector-empty">
      <MousePointerClick size={20} aria-hidden />
      <p>
        {canEdit
          ? 'Select a component to see and edit its figures, or an arrow to describe its data flow.'
          : 'Select a component to read its figures, or an arrow to read its data flow.'}
      </p>
      {canEdit && (
        <p className="board-inspector-empty__hint">
          Add components from the library under the board, or copy one from the current state.
        </p>
      )}
    </div>
  )
}
