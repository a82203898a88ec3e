import { openBoardRecords } from '@scaleboard/board-sync/doc'
import { DocumentRecordType, PageRecordType, TLDOCUMENT_ID, type TLPageId } from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import * as Y from 'yjs'
import type { HistoryUpdate } from '../history/BoardHistory.ts'

export const TEST_PAGE_ID = 'page:page' as TLPageId

/**
 * A board document that logs its own updates the way the server's log does (seq from 1, a time
 * per update), for tests of what is built on the log. Writes go through YKeyValue, as the board
 * binding's do.
 */
export function createBoardLog(startAt = 1_000_000) {
  const doc = new Y.Doc()
  const board = openBoardRecords(doc)
  const updates: HistoryUpdate[] = []
  let now = startAt
  doc.on('update', (update: Uint8Array) => {
    updates.push({ seq: updates.length + 1, at: now, update })
  })
  return {
    doc,
    updates,
    /** sets the time the next updates are logged at */
    at(time: number) {
      now = time
    },
    /** writes records in one transaction (one logged update) */
    put<R extends { readonly id: string }>(...records: R[]) {
      doc.transact(() => {
        for (const record of records) board.set(record.id, record)
      })
    },
    remove(...ids: string[]) {
      doc.transact(() => {
        for (const id of ids) board.delete(id)
      })
    },
    /** the document and page every board starts with */
    putDocumentAndPage() {
      this.put<{ id: string }>(
        DocumentRecordType.create({ id: TLDOCUMENT_ID }),
        PageRecordType.create({ id: TEST_PAGE_ID, name: 'Design', index: 'a1' as IndexKey }),
      )
    },
  }
}

/** A valid component card record (the board schema's `component` shape). */
export function componentRecord(
  id: string,
  fields: { name: string; kind?: string; x?: number; y?: number; figures?: Record<string, unknown> },
) {
  return {
    id,
    typeName: 'shape',
    type: 'component',
    x: fields.x ?? 0,
    y: fields.y ?? 0,
    rotation: 0,
    index: 'a1',
    parentId: TEST_PAGE_ID,
    isLocked: false,
    opacity: 1,
    props: {
      kind: fields.kind ?? 'model-server-gpu',
      name: fields.name,
      detail: '',
      figures: fields.figures ?? {},
      w: 220,
      h: 120,
    },
    meta: {},
  }
}
