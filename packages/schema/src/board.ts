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
