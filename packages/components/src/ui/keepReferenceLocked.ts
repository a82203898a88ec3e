import type { Editor, TLBinding, TLShape } from 'tldraw'
import { getReferenceMeta } from '../records/referenceMeta.ts'

function isOriginal(shape: TLShape | undefined): boolean {
  return shape !== undefined && getReferenceMeta(shape)?.id === shape.id
}

/**
 * The candidate may copy the scenario's locked current state but never change or delete it; the
 * server refuses such a change and closes the connection. This makes the editor keep to the same
 * rule locally (e.g. the lock toggle, or deleting an arrow's binding), so an honest candidate never
 * meets the server's refusal. Only the user's own changes are held back. Returns the cleanup.
 */
export function keepReferenceLocked(editor: Editor): () => void {
  const fromOriginal = (binding: TLBinding) => isOriginal(editor.getShape(binding.fromId))
  const cleanups = [
    editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) =>
      source === 'user' && isOriginal(prev) ? prev : next,
    ),
    editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) =>
      source === 'user' && isOriginal(shape) ? false : undefined,
    ),
    editor.sideEffects.registerBeforeChangeHandler('binding', (prev, next, source) =>
      source === 'user' && fromOriginal(prev) ? prev : next,
    ),
    editor.sideEffects.registerBeforeDeleteHandler('binding', (binding, source) =>
      source === 'user' && fromOriginal(binding) ? false : undefined,
    ),
  ]
  return () => {
    for (const cleanup of cleanups) cleanup()
  }
}
