import { openBoardRecords, writeBoardMeta } from '@scaleboard/board-sync/doc'
import { architectureToRecords, createBoardSchema, layoutArchitecture } from '@scaleboard/components/schema'
import type { Scenario } from '@scaleboard/schema'
import { DocumentRecordType, PageRecordType, TLDOCUMENT_ID, type TLPageId } from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import * as Y from 'yjs'

const PAGE_ID = 'page:page' as TLPageId

/**
 * The first state of a session's board as one Yjs update: the document and page records and, for
 * a scenario, its current architecture, laid out automatically, as a locked, labelled "Current
 * state" frame. Written to the log when the session is created, so every client, browser or not,
 * sees the same starting board.
 */
export async function initialBoardUpdate(scenario: Scenario | null): Promise<Uint8Array> {
  const schema = createBoardSchema()
  const records = scenario
    ? architectureToRecords(scenario.currentArchitecture, {
        pageId: PAGE_ID,
        origin: { x: 0, y: 0 },
        locked: true,
        frameLabel: 'Current state',
        layout: await layoutArchitecture(scenario.currentArchitecture),
      }).records
    : []
  const doc = new Y.Doc()
  const board = openBoardRecords(doc)
  doc.transact(() => {
    board.set(TLDOCUMENT_ID, DocumentRecordType.create({ id: TLDOCUMENT_ID }))
    board.set(PAGE_ID, PageRecordType.create({ id: PAGE_ID, name: 'Design', index: 'a1' as IndexKey }))
    for (const record of records) board.set(record.id, schema.types[record.typeName].validate(record))
    writeBoardMeta(doc, schema.serialize())
  })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

/**
 * The first board of every scenario (and of a blank session, under `null`), built once at start:
 * the layout takes tens of milliseconds, creating a session then copies bytes.
 */
export async function prepareInitialBoards(
  scenarios: Iterable<Scenario>,
): Promise<Map<string | null, Uint8Array>> {
  const boards = new Map<string | null, Uint8Array>([[null, await initialBoardUpdate(null)]])
  for (const scenario of scenarios) {
    try {
      boards.set(scenario.id, await initialBoardUpdate(scenario))
    } catch (error) {
      // stop the start with a message that names the scenario, as a broken scenario file does
      throw new Error(`Scenario "${scenario.id}": its current architecture could not be laid out`, {
        cause: error,
      })
    }
  }
  return boards
}
