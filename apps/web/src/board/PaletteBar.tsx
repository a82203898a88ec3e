import { ComponentPalette } from '@scaleboard/components'
import { useCallback } from 'react'
import type { Editor, TLShapeId } from 'tldraw'
import { moveBesideReference, moveClearOfOthers } from './besideReference.ts'

/**
 * The component library in a bar under the board, beside tldraw's own toolbar (never over it):
 * the components that fit in one row, and all of them, by group, a click away above it.
 * Rendered before the editor exists so the board doesn't change size when the palette arrives.
 */
export function PaletteBar({ editor }: { editor: Editor | null }) {
  const onPlace = useCallback(
    (id: TLShapeId) => editor && (moveBesideReference(editor, [id]) || moveClearOfOthers(editor, id)),
    [editor],
  )

  return (
    <div className="board-palette" data-testid="palette-bar">
      {editor && <ComponentPalette editor={editor} onPlace={onPlace} />}
    </div>
  )
}
