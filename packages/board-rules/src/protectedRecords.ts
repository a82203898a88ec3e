import { getReferenceMeta } from '@scaleboard/components/schema'

/** The record every board has; without it no client can open the board. */
export const DOCUMENT_RECORD_ID = 'document:document'

type AnyRecord = { id?: unknown; typeName?: unknown; meta?: unknown }

/**
 * Part of the scenario's locked "Current state": a shape drawn from the scenario keeps its own id
 * in `meta.reference.id` (a pasted copy keeps the meta but gets a new id), and a binding belongs
 * to it when its arrow does.
 */
export function isReferenceOriginal(record: unknown, recordsById: (id: string) => unknown): boolean {
  const r = record as AnyRecord
  if (r?.typeName === 'shape') return isReferenceShape(r)
  if (r?.typeName === 'binding') {
    const fromId = (record as { fromId?: unknown }).fromId
    return typeof fromId === 'string' && isReferenceShape(recordsById(fromId) as AnyRecord)
  }
  return false
}

function isReferenceShape(shape: AnyRecord | undefined): boolean {
  if (shape?.typeName !== 'shape' || typeof shape.meta !== 'object' || shape.meta === null) return false
  const meta = getReferenceMeta(shape as Parameters<typeof getReferenceMeta>[0])
  return meta !== undefined && meta.id === shape.id
}
