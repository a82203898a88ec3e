import type * as Y from 'yjs'

/**
 * A board shaped like a real session's document (docs/board-format.md): tldraw-like records in a
 * YKeyValue layout over `doc.getArray('records')` (entries `{ key, val }`; replacing a record
 * deletes its entry and pushes a new one, which is what y-utility's YKeyValue.set does), plus
 * the `meta` map. Written by hand so the bench needs no tldraw.
 */

type BoardRecord = Record<string, unknown> & { id: string }

function shapeRecord(i: number): BoardRecord {
  const kinds = ['geo', 'geo', 'geo', 'text', 'arrow'] as const
  const type = kinds[i % kinds.length]
  const base = {
    id: `shape:bench${i}`,
    typeName: 'shape',
    type,
    parentId: 'page:page',
    index: `a${i.toString(36).padStart(3, '0')}`,
    x: (i % 12) * 180,
    y: Math.floor(i / 12) * 140,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
  }
  if (type === 'arrow')
    return {
      ...base,
      props: {
        kind: 'arc',
        color: 'black',
        dash: 'draw',
        size: 'm',
        start: { x: 0, y: 0 },
        end: { x: 160, y: 0 },
      },
    }
  const label = `Component ${i}: model server, ${2 + (i % 6)} replicas, p99 ${40 + i} ms`
  return {
    ...base,
    props: {
      geo: 'rectangle',
      w: 160,
      h: 90,
      color: ['blue', 'green', 'orange', 'violet'][i % 4],
      fill: 'semi',
      dash: 'draw',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: label }] }] },
    },
  }
}

function setRecord(records: Y.Array<{ key: string; val: BoardRecord }>, record: BoardRecord): void {
  const at = records.toArray().findIndex((entry) => entry.key === record.id)
  if (at >= 0) records.delete(at, 1)
  records.push([{ key: record.id, val: record }])
}

/** Writes `shapes` shapes (plus page and document records), then `moves` single-shape edits. */
export function writeBoard(doc: Y.Doc, shapes: number, moves: number): void {
  const records = doc.getArray<{ key: string; val: BoardRecord }>('records')
  doc.transact(() => {
    setRecord(records, { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} })
    setRecord(records, { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} })
    for (let i = 0; i < shapes; i++) setRecord(records, shapeRecord(i))
  })
  // Each move is its own transaction, as a drag's changes arrive one by one in the real app.
  for (let m = 0; m < moves; m++) {
    const shape = shapeRecord((m * 7) % shapes)
    doc.transact(() =>
      setRecord(records, { ...shape, x: (shape.x as number) + m, y: (shape.y as number) + 1 }),
    )
  }
}

export function recordCount(doc: Y.Doc): number {
  return doc.getArray('records').length
}
