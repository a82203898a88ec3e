import { z } from 'zod'

/**
 * The board document format (a public contract, see docs/board-format.md).
 * tldraw records live in a YKeyValue over `doc.getArray(BOARD_RECORDS)`, keyed by record id,
 * each value the record's JSON. Schema and version info live in `doc.getMap(BOARD_META)`.
 */
export const BOARD_RECORDS = 'records'
export const BOARD_META = 'meta'
export const BOARD_FORMAT_VERSION = 1

export const BoardMetaKey = {
  /** number: BOARD_FORMAT_VERSION of the writer that created the board */
  formatVersion: 'formatVersion',
  /** SerializedSchema of tldraw's store (record versions and migrations) */
  schema: 'schema',
  /** string: the tldraw version that wrote the schema */
  tldrawVersion: 'tldrawVersion',
} as const

/**
 * A session has two documents of the same format: the candidate's `board` and the interviewer's
 * `annotations` layer, drawn above it in the same editor. Only interviewer tokens write the layer.
 */
export const DocumentLayer = z.enum(['board', 'annotations'])
export type DocumentLayer = z.infer<typeof DocumentLayer>

/** The document id (in the log, and the room) of a session's layer: `<id>` or `<id>/annotations`. */
export function documentIdOf(sessionId: string, layer: DocumentLayer): string {
  return layer === 'board' ? sessionId : `${sessionId}/${layer}`
}

/** The session and layer of a document id made by documentIdOf. */
export function parseDocumentId(docId: string): { sessionId: string; layer: DocumentLayer } {
  const slash = docId.indexOf('/')
  if (slash === -1) return { sessionId: docId, layer: 'board' }
  const layer = DocumentLayer.parse(docId.slice(slash + 1))
  return { sessionId: docId.slice(0, slash), layer }
}

/** Every record of the annotations layer carries `meta.annotation`; no board record may. */
export const ANNOTATION_META_KEY = 'annotation'

/** Where a pinned comment sits: offset (dx, dy) from the top-left of the board shape it follows. */
export const AnnotationPin = z
  .object({
    shapeId: z.string().startsWith('shape:').max(100),
    dx: z.number().min(-100_000).max(100_000),
    dy: z.number().min(-100_000).max(100_000),
  })
  .strict()
export type AnnotationPin = z.infer<typeof AnnotationPin>

/** `meta.annotation` of an annotation record: who drew it, and for a pinned comment, what it follows. */
export const AnnotationMeta = z
  .object({
    author: z.literal('interviewer'),
    /** the interviewer's display name at the time */
    name: z.string().max(80).optional(),
    /** when it was drawn (ms since the epoch, the drawing browser's clock) */
    createdAt: z.number().int().nonnegative(),
    pin: AnnotationPin.optional(),
  })
  .strict()
export type AnnotationMeta = z.infer<typeof AnnotationMeta>

/** The annotation meta of a record, or null when it has none (a board record) or it is malformed. */
export function readAnnotationMeta(record: unknown): AnnotationMeta | null {
  const meta = (record as { meta?: unknown } | null)?.meta
  if (typeof meta !== 'object' || meta === null) return null
  const value = (meta as Record<string, unknown>)[ANNOTATION_META_KEY]
  if (value === undefined) return null
  const parsed = AnnotationMeta.safeParse(value)
  return parsed.success ? parsed.data : null
}

/** True for a record that claims to belong to the annotations layer (well-formed or not). */
export function hasAnnotationMeta(record: unknown): boolean {
  const meta = (record as { meta?: unknown } | null)?.meta
  return typeof meta === 'object' && meta !== null && ANNOTATION_META_KEY in meta
}
