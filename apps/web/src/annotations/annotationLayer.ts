import { ANNOTATION_META_KEY, type AnnotationMeta, readAnnotationMeta } from '@scaleboard/schema'
import { getIndexBetween, type IndexKey, type TLRecord } from 'tldraw'

/**
 * The interviewer's layer shares the board's editor and page; these say which records belong to
 * it and keep its shapes above the candidate's drawing.
 */

/** The interviewer's colour: every annotation that has a colour is drawn in it. */
export const ANNOTATION_COLOR = 'violet'

/**
 * Shapes on a page are drawn in index order. Annotations take indexes from here up, the board's
 * shapes stay below: a board of a hundred thousand shapes only reaches "c…" (fractional indexes
 * grow slowly), so the two ranges never meet.
 */
export const ANNOTATION_INDEX_FLOOR = `x${'0'.repeat(24)}` as IndexKey

/** True for a record of the interviewer's layer (it carries `meta.annotation`). */
export function isAnnotation(record: TLRecord | undefined): boolean {
  return record !== undefined && 'meta' in record && ANNOTATION_META_KEY in record.meta
}

/** The annotation meta of a shape or binding, or null for a board record. */
export function annotationOf(record: TLRecord | undefined): AnnotationMeta | null {
  return record && 'meta' in record ? readAnnotationMeta(record) : null
}

/** Where a page-level shape of this layer may sit, given its siblings' indexes (sorted). */
export function indexInLayer(
  index: IndexKey,
  annotation: boolean,
  siblingIndexes: readonly IndexKey[],
): IndexKey {
  if (annotation) {
    if (index >= ANNOTATION_INDEX_FLOOR) return index
    const top = siblingIndexes.filter((i) => i >= ANNOTATION_INDEX_FLOOR).at(-1)
    return getIndexBetween(top ?? ANNOTATION_INDEX_FLOOR, null)
  }
  if (index < ANNOTATION_INDEX_FLOOR) return index
  const top = siblingIndexes.filter((i) => i < ANNOTATION_INDEX_FLOOR).at(-1)
  return getIndexBetween(top ?? null, ANNOTATION_INDEX_FLOOR)
}
