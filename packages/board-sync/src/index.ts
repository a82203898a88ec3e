/**
 * @scaleboard/board-sync: keeps a tldraw 5 store in step with a Yjs board doc, and shares
 * presence through Yjs awareness.
 *
 * Board doc format (public contract, constants in @scaleboard/schema):
 * - `doc.getArray(BOARD_RECORDS)` holds a y-utility YKeyValue: record id -> tldraw record JSON
 *   (document-scoped records only: document, pages, shapes, bindings, assets, users).
 * - `doc.getMap(BOARD_META)` holds `formatVersion`, `schema` (tldraw `store.schema.serialize()` the
 *   records follow) and `tldrawVersion`. Only the server writes it (`writeBoardMeta`, when a session's
 *   first board is made); bindBoard reads it and never writes it.
 *
 * Servers that only read or seed docs import '@scaleboard/board-sync/doc' (no tldraw runtime).
 *
 * Typical client wiring, after the provider's first sync:
 * ```ts
 * const store = createBoardStore({ readonly: role === 'observer', user })
 * const board = bindBoard({ store, doc, readonly: role === 'observer', onSchemaTooNew })
 * // once the editor is mounted on `store`:
 * const presence = bindPresence({ store, awareness: provider.awareness, user })
 * // later: presence.dispose(); board.dispose()
 * ```
 */
export { type BindBoardOptions, type BoardBinding, bindBoard } from './bindBoard.ts'
export {
  type AwarenessBoardState,
  type BindPresenceOptions,
  bindPresence,
  type PresenceBinding,
  type PresenceUser,
  presenceIdForClient,
} from './bindPresence.ts'
export {
  openBoardRecords,
  readBoardRecords,
  readBoardSchema,
  replaceBoardRecords,
  TLDRAW_VERSION,
  writeBoardMeta,
} from './boardDoc.ts'
export { type ConnectionStatus, type CreateBoardStoreOptions, createBoardStore } from './createBoardStore.ts'
export { type IncomingResult, prepareIncomingRecord } from './incomingRecord.ts'
export { compareSchemas, type SchemaCompat } from './schemaCompat.ts'
