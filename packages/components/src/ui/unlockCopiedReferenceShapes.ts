import type { Editor } from 'tldraw'
import { isCopyOfReference, REFERENCE_META_KEY } from '../records/referenceMeta.ts'

/**
 * The "current state" drawing is locked so it can't be broken by accident, and a candidate
 * copies parts of it into their design. Pasted copies would stay locked and marked as reference;
 * this side effect unlocks them and drops the marker as they are created. Returns the cleanup.
 */
export function unlockCopiedReferenceShapes(editor: Editor): () => void {
  return editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
    // remote copies were already unlocked by the editor that pasted them
    if (source !== 'user' || !isCopyOfReference(shape)) return shape
    const { [REFERENCE_META_KEY]: _reference, ...meta } = shape.meta
    return { ...shape, isLocked: false, meta }
  })
}
