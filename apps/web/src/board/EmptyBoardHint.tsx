import { MousePointerClick } from 'lucide-react'
import { type Editor, useValue } from 'tldraw'

interface Props {
  editor: Editor | null
  /** observers cannot draw: they are told what they will see instead */
  canEdit: boolean
}

/** On a blank board, how to begin; it goes away with the first shape. */
export function EmptyBoardHint({ editor, canEdit }: Props) {
  const empty = useValue(
    'board is empty',
    () => editor !== null && editor.getCurrentPageShapeIds().size === 0,
    [editor],
  )
  if (!empty) return null
  return (
    <div className="empty-board-hint" data-testid="empty-board-hint" role="note">
      <MousePointerClick size={18} aria-hidden />
      {canEdit ? (
        <p>
          <strong>A blank board.</strong> Add components from the library below (or type to search it), then
          connect them with arrows: press <kbd>A</kbd>, drag from one component to another, and describe the
          flow in the inspector.
        </p>
      ) : (
        <p>
          <strong>Nothing drawn yet.</strong> The candidate's design appears here as they draw it.
        </p>
      )}
    </div>
  )
}
