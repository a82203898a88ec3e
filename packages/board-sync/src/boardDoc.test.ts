import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openBoardRecords, readBoardRecords, replaceBoardRecords } from './boardDoc.ts'

const record = (id: string, name: string) => ({ id, typeName: 'shape', props: { name } })

describe('replaceBoardRecords', () => {
  it('makes the records exactly the target, writing only what differs, and peers converge', () => {
    const doc = new Y.Doc()
    const peer = new Y.Doc()
    doc.on('update', (update: Uint8Array) => Y.applyUpdate(peer, update))
    const board = openBoardRecords(doc)
    doc.transact(() => {
      board.set('shape:same', record('shape:same', 'Same'))
      board.set('shape:changed', record('shape:changed', 'Now'))
      board.set('shape:extra', record('shape:extra', 'Added later'))
    })
    const target = new Map<string, unknown>([
      ['shape:same', record('shape:same', 'Same')],
      ['shape:changed', record('shape:changed', 'Before')],
      ['shape:gone', record('shape:gone', 'Deleted later')],
    ])
    let updates = 0
    doc.on('update', () => {
      updates += 1
    })
    const result = doc.transact(() => replaceBoardRecords(doc, target))
    expect(result).toEqual({ written: 2, removed: 1 })
    expect(updates).toBe(1)
    expect(readBoardRecords(doc)).toEqual(target)
    expect(readBoardRecords(peer)).toEqual(target)
    // a YKeyValue already open on the doc sees the same
    expect(board.get('shape:changed')).toEqual(record('shape:changed', 'Before'))
    expect(board.has('shape:extra')).toBe(false)
  })

  it('writes nothing when the board already is the target', () => {
    const doc = new Y.Doc()
    openBoardRecords(doc).set('shape:a', record('shape:a', 'A'))
    let updates = 0
    doc.on('update', () => {
      updates += 1
    })
    expect(replaceBoardRecords(doc, readBoardRecords(doc))).toEqual({ written: 0, removed: 0 })
    expect(updates).toBe(0)
  })
})
