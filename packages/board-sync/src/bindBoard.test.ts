import { readFileSync } from 'node:fs'
import { BOARD_FORMAT_VERSION, BOARD_META, BoardMetaKey } from '@scaleboard/schema'
import { createShapeId, type SerializedSchema, type TLRecord, type TLStore } from 'tldraw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { type BindBoardOptions, bindBoard } from './bindBoard.ts'
import { openBoardRecords, readBoardRecords, readBoardSchema, TLDRAW_VERSION } from './boardDoc.ts'
import { createBoardStore } from './createBoardStore.ts'
import { geoShape, type Link, linkDocs } from './testPeers.ts'

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

interface Peer {
  doc: Y.Doc
  store: TLStore
  skipped: Array<{ record: unknown; error: Error }>
}

function newPeer(readonly = false): Peer {
  return { doc: new Y.Doc(), store: createBoardStore({ readonly }), skipped: [] }
}

function bind(peer: Peer, options: Partial<BindBoardOptions> = {}) {
  const binding = bindBoard({
    store: peer.store,
    doc: peer.doc,
    onSkippedRecord: (record, error) => peer.skipped.push({ record, error }),
    ...options,
  })
  cleanups.push(() => binding.dispose())
  return binding
}

function link(a: Peer, b: Peer): Link {
  const l = linkDocs(a.doc, b.doc)
  cleanups.push(() => l.dispose())
  return l
}

/** A writer that created the board, and a second writer that joined after the first sync. */
function twoWriters() {
  const a = newPeer()
  const b = newPeer()
  bind(a)
  const ab = link(a, b)
  bind(b)
  return { a, b, ab }
}

function withGeoVersion(schema: SerializedSchema, version: number): SerializedSchema {
  if (schema.schemaVersion !== 2) throw new Error('unexpected schema version')
  return { ...schema, sequences: { ...schema.sequences, 'com.tldraw.shape.geo': version } }
}

/** A doc as a writer with an older tldraw (geo shapes before flipX/flipY, version 11) left it. */
function oldBoardDoc(ourSchema: SerializedSchema, shapeJson: Record<string, unknown>) {
  const fresh = newPeer()
  bind(fresh)
  const doc = new Y.Doc()
  const records = openBoardRecords(doc)
  doc.transact(() => {
    for (const [id, record] of readBoardRecords(fresh.doc)) records.set(id, record)
    records.set(shapeJson.id as string, shapeJson)
    const meta = doc.getMap(BOARD_META)
    meta.set(BoardMetaKey.formatVersion, BOARD_FORMAT_VERSION)
    meta.set(BoardMetaKey.schema, withGeoVersion(ourSchema, 11))
    meta.set(BoardMetaKey.tldrawVersion, '5.3.0')
  })
  return doc
}

function withoutFlipProps(shape: TLRecord): Record<string, unknown> {
  const json = structuredClone(shape) as unknown as { props: Record<string, unknown> }
  delete json.props.flipX
  delete json.props.flipY
  return json as unknown as Record<string, unknown>
}

describe('bindBoard', () => {
  it('fills an empty doc with a document and a page, and never writes the meta (the server owns it)', () => {
    const a = newPeer()
    bind(a)
    const stored = readBoardRecords(a.doc)
    expect([...stored.keys()].sort()).toEqual(['document:document', 'page:page'])
    a.store.put([geoShape(a.store, createShapeId('x'))])
    expect(readBoardRecords(a.doc).size).toBe(3)
    expect(a.doc.getMap(BOARD_META).size).toBe(0)
  })

  it('reads the records of a doc without meta as its own schema, and leaves the meta alone', () => {
    const a = newPeer()
    const shape = geoShape(a.store, createShapeId('seeded'), { w: 123 })
    const records = openBoardRecords(a.doc)
    const seed = newPeer()
    bind(seed)
    for (const [id, record] of readBoardRecords(seed.doc)) records.set(id, record)
    records.set(shape.id, shape)

    bind(a)
    expect(a.store.get(shape.id)).toEqual(shape)
    expect(a.skipped).toEqual([])
    a.store.update(shape.id, (s) => ({ ...s, x: 50 }))
    expect(readBoardRecords(a.doc).get(shape.id)).toMatchObject({ x: 50, props: { w: 123 } })
    expect(a.doc.getMap(BOARD_META).size).toBe(0)
  })

  it('leaves the server-written meta exactly as it is', () => {
    const a = newPeer()
    const meta = a.doc.getMap(BOARD_META)
    meta.set(BoardMetaKey.formatVersion, BOARD_FORMAT_VERSION)
    meta.set(BoardMetaKey.schema, a.store.schema.serialize())
    meta.set(BoardMetaKey.tldrawVersion, TLDRAW_VERSION)
    const metaWrites: Y.Transaction[] = []
    meta.observe((_event, transaction) => metaWrites.push(transaction))
    bind(a)
    a.store.put([geoShape(a.store, createShapeId('x'))])
    expect(metaWrites).toEqual([])
    expect(readBoardRecords(a.doc).size).toBe(3)
  })

  it('pins the tldraw version that is installed', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../node_modules/tldraw/package.json', import.meta.url), 'utf8'),
    )
    expect(TLDRAW_VERSION).toBe(pkg.version)
  })

  it('shows a shape created in A in B with the same props', () => {
    const { a, b } = twoWriters()
    const id = createShapeId('box')
    a.store.put([geoShape(a.store, id, { x: 120, y: 40, w: 300, color: 'blue', text: 'GPU pool' })])
    const inB = b.store.get(id)
    expect(inB).toEqual(a.store.get(id))
    expect(inB).toMatchObject({ x: 120, y: 40, props: { w: 300, color: 'blue' } })
  })

  it('propagates updates and deletes both ways', () => {
    const { a, b } = twoWriters()
    const id = createShapeId('box')
    a.store.put([geoShape(a.store, id)])
    b.store.update(id, (shape) => ({ ...shape, x: 500 }))
    expect(a.store.get(id)).toMatchObject({ x: 500 })
    a.store.remove([id])
    expect(b.store.has(id)).toBe(false)
    expect(readBoardRecords(b.doc).has(id)).toBe(false)
  })

  it('does not echo remote changes back', () => {
    const { a, b } = twoWriters()
    const updates = { a: 0, b: 0 }
    a.doc.on('update', () => updates.a++)
    b.doc.on('update', () => updates.b++)
    const userChangesInB = vi.fn()
    cleanups.push(b.store.listen(userChangesInB, { source: 'user', scope: 'document' }))

    a.store.put([geoShape(a.store, createShapeId('box'))])

    // One local update in A, the same update applied in B, nothing written back.
    expect(updates).toEqual({ a: 1, b: 1 })
    expect(userChangesInB).not.toHaveBeenCalled()
  })

  it('skips a remote record it cannot validate and keeps syncing the rest', () => {
    const { a, b } = twoWriters()
    const good = geoShape(a.store, createShapeId('good'))
    const bad = { ...geoShape(a.store, createShapeId('bad')), props: { w: -5, geo: 'blob' } }
    // Another client writes both in one transaction.
    const records = openBoardRecords(a.doc)
    a.doc.transact(() => {
      records.set(bad.id, bad)
      records.set(good.id, good)
    })

    expect(b.store.get(good.id)).toEqual(good)
    expect(b.store.has(bad.id)).toBe(false)
    expect(b.skipped.map((s) => s.record)).toEqual([bad])
    expect(b.skipped[0].error.message).toMatch(/props/)

    const later = createShapeId('later')
    a.store.put([geoShape(a.store, later)])
    expect(b.store.has(later)).toBe(true)
  })

  it('refuses records stored under another id or of a session type', () => {
    const { a, b } = twoWriters()
    const records = openBoardRecords(a.doc)
    const shape = geoShape(a.store, createShapeId('x'))
    const instance = a.store.allRecords().find((r) => r.typeName === 'instance')
    a.doc.transact(() => {
      records.set('shape:elsewhere', shape)
      if (instance) records.set(instance.id, { ...instance, isReadonly: true })
    })
    expect(b.store.has('shape:elsewhere' as TLRecord['id'])).toBe(false)
    expect(b.store.has(shape.id)).toBe(false)
    expect(b.skipped).toHaveLength(2)
  })

  it('loads a doc that holds an invalid record, skipping only that record', () => {
    const a = newPeer()
    bind(a)
    const good = geoShape(a.store, createShapeId('good'))
    a.store.put([good])
    openBoardRecords(a.doc).set('shape:broken', { id: 'shape:broken', typeName: 'shape', type: 'geo' })

    const c = newPeer()
    link(a, c)
    bind(c)
    expect(c.store.get(good.id)).toEqual(good)
    expect(c.skipped).toHaveLength(1)
    expect(c.skipped[0].record).toMatchObject({ id: 'shape:broken' })
  })

  it('migrates records of an older schema as it reads them, and writes in that schema (writer)', () => {
    const c = newPeer()
    const shape = geoShape(c.store, createShapeId('old'), { w: 240 })
    c.doc = oldBoardDoc(c.store.schema.serialize(), withoutFlipProps(shape))
    const olderSchema = readBoardSchema(c.doc)
    const before = Y.encodeStateAsUpdate(c.doc)

    bind(c)

    expect(c.store.get(shape.id)).toMatchObject({ props: { w: 240, flipX: false, flipY: false } })
    expect(c.skipped).toEqual([])
    // Only the server upgrades a doc: binding wrote nothing, not even the meta.
    expect(Y.encodeStateAsUpdate(c.doc)).toEqual(before)
    expect(readBoardSchema(c.doc)).toEqual(olderSchema)

    // A local edit is stored as the doc's schema has it, so old and new records never mix.
    c.store.update(shape.id, (s) => ({ ...s, x: 77 }))
    const written = readBoardRecords(c.doc).get(shape.id) as { x: number; props: Record<string, unknown> }
    expect(written.x).toBe(77)
    expect(written.props).not.toHaveProperty('flipX')
    expect(readBoardSchema(c.doc)).toEqual(olderSchema)
  })

  it('migrates records of an older schema without writing (observer)', () => {
    const o = newPeer(true)
    const shape = geoShape(o.store, createShapeId('old'))
    const oldJson = withoutFlipProps(shape)
    o.doc = oldBoardDoc(o.store.schema.serialize(), oldJson)
    const before = Y.encodeStateAsUpdate(o.doc)

    bind(o, { readonly: true })

    expect(o.store.get(shape.id)).toMatchObject({ props: { flipX: false } })
    expect(Y.encodeStateAsUpdate(o.doc)).toEqual(before)

    // A record written later by an old client is migrated too.
    const later = withoutFlipProps(geoShape(o.store, createShapeId('later')))
    openBoardRecords(o.doc).set(later.id as string, later)
    expect(o.store.get(later.id as TLRecord['id'])).toMatchObject({ props: { flipY: false } })
  })

  it('reports a doc written by a newer schema and stops writing to it', () => {
    const n = newPeer()
    const ourSchema = n.store.schema.serialize()
    const tooNew = withGeoVersion(ourSchema, 99)
    n.doc.getMap(BOARD_META).set(BoardMetaKey.schema, tooNew)
    const onSchemaTooNew = vi.fn()

    const binding = bind(n, { onSchemaTooNew })

    expect(onSchemaTooNew).toHaveBeenCalledWith(tooNew)
    expect(binding.schemaTooNew).toBe(true)
    n.store.put([geoShape(n.store, createShapeId('local'))])
    expect(readBoardRecords(n.doc).size).toBe(0)
    expect(readBoardSchema(n.doc)).toEqual(tooNew)
  })

  it('notices when another client upgrades the doc past our schema', () => {
    const a = newPeer()
    const b = newPeer()
    bind(a)
    link(a, b)
    const onSchemaTooNew = vi.fn()
    bind(b, { onSchemaTooNew })
    expect(onSchemaTooNew).not.toHaveBeenCalled()
    a.doc.getMap(BOARD_META).set(BoardMetaKey.schema, withGeoVersion(a.store.schema.serialize(), 99))
    expect(onSchemaTooNew).toHaveBeenCalledTimes(1)
  })

  it('never writes for an observer, even to an empty doc', () => {
    const o = newPeer(true)
    bind(o, { readonly: true })
    o.store.put([geoShape(o.store, createShapeId('x'))])
    expect(readBoardRecords(o.doc).size).toBe(0)
    expect(o.doc.getMap(BOARD_META).size).toBe(0)
    // The store itself is usable: it has its own document and page.
    expect(o.store.has('page:page' as TLRecord['id'])).toBe(true)
  })

  it('converges when two writers start on empty docs and meet later', () => {
    const a = newPeer()
    const b = newPeer()
    bind(a)
    bind(b)
    a.store.put([geoShape(a.store, createShapeId('a'))])
    b.store.put([geoShape(b.store, createShapeId('b'))])
    link(a, b)
    const ids = (s: TLStore) =>
      s
        .allRecords()
        .filter((r) => s.scopedTypes.document.has(r.typeName))
        .map((r) => r.id)
        .sort()
    expect(ids(a.store)).toEqual(['document:document', 'page:page', 'shape:a', 'shape:b'])
    expect(ids(b.store)).toEqual(ids(a.store))
  })

  it('merges edits made while offline when the link returns', () => {
    const { a, b, ab: l } = twoWriters()
    l.cut()
    a.store.put([geoShape(a.store, createShapeId('offline-a'))])
    b.store.put([geoShape(b.store, createShapeId('offline-b'))])
    expect(b.store.has(createShapeId('offline-a'))).toBe(false)
    l.restore()
    expect(a.store.has(createShapeId('offline-b'))).toBe(true)
    expect(b.store.has(createShapeId('offline-a'))).toBe(true)
  })

  it('drops store document records the doc does not have when binding to a non-empty doc', () => {
    const a = newPeer()
    bind(a)
    const c = newPeer()
    const leftover = geoShape(c.store, createShapeId('leftover'))
    c.store.put([leftover])
    link(a, c)
    bind(c)
    expect(c.store.has(leftover.id)).toBe(false)
    expect(readBoardRecords(a.doc).has(leftover.id)).toBe(false)
  })

  it('stops syncing after dispose', () => {
    const a = newPeer()
    const b = newPeer()
    bind(a)
    link(a, b)
    const binding = bindBoard({ store: b.store, doc: b.doc })
    binding.dispose()
    const id = createShapeId('after')
    a.store.put([geoShape(a.store, id)])
    expect(b.store.has(id)).toBe(false)
  })
})

describe('bindBoard with two layers in one store', () => {
  const isNote = (record: TLRecord) => 'meta' in record && record.meta.layer === 'notes'

  /** One store showing a board doc and a notes doc, as the web app shows the board and annotations. */
  function layeredPeer() {
    const peer = newPeer()
    const notesDoc = new Y.Doc()
    bind(peer, { owns: (r) => !isNote(r) })
    const notesSkipped: Error[] = []
    const notes = bindBoard({
      store: peer.store,
      doc: notesDoc,
      owns: isNote,
      onSkippedRecord: (_record, error) => notesSkipped.push(error),
    })
    cleanups.push(() => notes.dispose())
    return { peer, notesDoc, notes, notesSkipped }
  }

  it('writes each record to the doc of its layer only, and never seeds the second doc with a page', () => {
    const { peer, notesDoc } = layeredPeer()
    const board = createShapeId('board')
    const note = createShapeId('note')
    peer.store.put([geoShape(peer.store, board)])
    peer.store.put([{ ...geoShape(peer.store, note), meta: { layer: 'notes' } }])
    expect([...readBoardRecords(peer.doc).keys()]).toContain(board)
    expect(readBoardRecords(peer.doc).has(note)).toBe(false)
    expect([...readBoardRecords(notesDoc).keys()]).toEqual([note])
    peer.store.remove([note])
    expect(readBoardRecords(notesDoc).size).toBe(0)
    expect(readBoardRecords(peer.doc).has(board)).toBe(true)
  })

  it('ignores a record of the other layer arriving in its doc, and keeps the other layer on rebind', () => {
    const { peer, notesDoc, notesSkipped } = layeredPeer()
    const note = createShapeId('note')
    peer.store.put([{ ...geoShape(peer.store, note), meta: { layer: 'notes' } }])
    const stray = createShapeId('stray')
    openBoardRecords(notesDoc).set(stray, geoShape(peer.store, stray))
    expect(peer.store.has(stray)).toBe(false)
    expect(notesSkipped.map((e) => e.message)).toEqual([expect.stringContaining('another layer')])
    // A fresh board binding (e.g. after a reconnect) must not drop the notes as stale.
    const again = bindBoard({ store: peer.store, doc: peer.doc, owns: (r) => !isNote(r) })
    cleanups.push(() => again.dispose())
    expect(peer.store.has(note)).toBe(true)
  })

  it('writes records applied as remote changes when asked to', () => {
    const { peer, notesDoc, notes } = layeredPeer()
    const note = createShapeId('note')
    peer.store.put([{ ...geoShape(peer.store, note), meta: { layer: 'notes' } }])
    peer.store.mergeRemoteChanges(() => peer.store.update(note, (r) => ({ ...r, x: 777 })))
    expect(readBoardRecords(notesDoc).get(note)).toMatchObject({ x: 0 })
    notes.write([peer.store.get(note) as TLRecord])
    expect(readBoardRecords(notesDoc).get(note)).toMatchObject({ x: 777 })
  })
})
