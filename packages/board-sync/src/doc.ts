/**
 * @scaleboard/board-sync/doc: the board doc format alone, without tldraw's runtime (only its
 * types), for servers and scripts that read or seed board docs.
 */
export {
  openBoardRecords,
  readBoardRecords,
  readBoardSchema,
  replaceBoardRecords,
  TLDRAW_VERSION,
  writeBoardMeta,
} from './boardDoc.ts'
export { compareSchemas, type SchemaCompat } from './schemaCompat.ts'
