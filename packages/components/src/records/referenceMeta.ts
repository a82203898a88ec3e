import type { TLShape } from '@tldraw/tlschema'

/**
 * Shapes drawn from a scenario's architecture carry `meta.reference = { id, label }`, the id
 * being their own. A copy the candidate pastes keeps the meta but gets a new id, which is how a
 * copy is told apart from the locked original (see unlockCopiedReferenceShapes).
 */
export const REFERENCE_META_KEY = 'reference'

export interface ReferenceMeta {
  [key: string]: string
  /** the shape's own id when it was drawn */
  id: string
  /** the frame's heading, e.g. "Current state" */
  label: string
}

export function getReferenceMeta(shape: TLShape): ReferenceMeta | undefined {
  const value = shape.meta[REFERENCE_META_KEY]
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined
  const { id, label } = value as Record<string, unknown>
  return typeof id === 'string' && typeof label === 'string' ? { id, label } : undefined
}

/** True for a shape that was copied from a reference drawing rather than being part of it. */
export function isCopyOfReference(shape: TLShape): boolean {
  const meta = getReferenceMeta(shape)
  return meta !== undefined && meta.id !== shape.id
}
