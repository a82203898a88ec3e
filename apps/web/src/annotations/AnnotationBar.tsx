import { MessageSquarePlus, PenLine } from 'lucide-react'
import { type Editor, useValue } from 'tldraw'
import type { ConnectionState } from '../board/connectionState.ts'
import { isAnnotation } from './annotationLayer.ts'
import { pinCommentTo } from './pinnedComments.ts'

interface Props {
  editor: Editor | null
  /** the interviewer's display name, stamped on what they pin */
  name: string
  state: ConnectionState
}

/**
 * The interviewer's annotation controls over the board: a reminder that what they draw is an
 * annotation (the candidate sees it and cannot change it), and "Pin comment" for the selected
 * component.
 */
export function AnnotationBar({ editor, name, state }: Props) {
  const target = useValue('pin target', () => {
    const only = editor?.getOnlySelectedShape()
    return only && !isAnnotation(only) && only.type !== 'arrow' ? only.id : null
  }, [editor])
  if (!editor) return null
  return (
    <fieldset className="annotation-bar" aria-label="Annotations (interviewer only)">
      <span
        className="annotation-bar__tag"
        title="What you draw goes on your annotation layer: everyone sees it, only interviewers can change it."
      >
        <PenLine size={14} aria-hidden />
        <span>Annotating</span>
        {state !== 'live' && <span className="annotation-bar__state">({state})</span>}
      </span>
      <button
        type="button"
        className="sb-button sb-button--small"
        disabled={!target}
        title={target ? 'Add a comment that follows the selected component' : 'Select one component first'}
        onClick={() => target && pinCommentTo(editor, target, name)}
      >
        <MessageSquarePlus size={14} aria-hidden /> Pin comment
      </button>
    </fieldset>
  )
}
