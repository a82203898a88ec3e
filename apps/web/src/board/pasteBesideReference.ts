import { defaultHandleExternalTldrawContent, type Editor } from 'tldraw'
import { isReferenceOriginal, moveBesideReference } from './besideReference.ts'

/**
 * Copying cards of the locked current state and pasting them is how a candidate builds on it.
 * tldraw pastes into the parent of the selected shape, which here is the locked current state, so
 * the copy would land inside it, centred over the originals, unable to move. Copies of the current
 * state are pasted onto the page instead, and then moved beside it. Other pastes are tldraw's own.
 */
export function pasteBesideReference(editor: Editor): void {
  editor.registerExternalContentHandler('tldraw', async ({ content, point }) => {
    if (!content.shapes.some(isReferenceOriginal)) {
      await defaultHandleExternalTldrawContent(editor, { content, point })
      return
    }
    editor.selectNone()
    await defaultHandleExternalTldrawContent(editor, { content, point })
    const pageId = editor.getCurrentPageId()
    // Anything tldraw still dropped into a locked container comes out onto the page.
    const stuck = editor
      .getSelectedShapeIds()
      .filter((id) => editor.getShape(id)?.parentId !== pageId && editor.isShapeOrAncestorLocked(id))
    if (stuck.length > 0) editor.reparentShapes(stuck, pageId)
    moveBesideReference(editor, editor.getSelectedShapeIds())
  })
}
