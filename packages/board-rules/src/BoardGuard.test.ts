import { openBoardRecords, writeBoardMeta } from '@scaleboard/board-sync/doc'
import {
  architectureToRecords,
  createBoardSchema,
  getDefaultComponentProps,
} from '@scaleboard/components/schema'
import type { Architecture } from '@scaleboard/schema'
import { DocumentRecordType, PageRecordType, type TLPageId, type TLShape } from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { z } from 'zod'
import { BoardGuard } from './BoardGuard.ts'

const PAGE_ID = 'page:page' as TLPageId
const ARCHITECTURE: z.input<typeof Architecture> = {
  components: [
    { id: 'web', kind: 'client', name: 'Web shop', x: 0, y: 0 },
    { id: 'api', kind: 'api-gateway', name: 'Gateway', x: 300, y: 0 },
  ],
  flows: [{ from: 'web', to: 'api', rps: 800 }],
}

/** The room's document and a client's copy, both starting from a scenario board. */
function setUp() {
  const schema = createBoardSchema()
  const { records, frameId } = architectureToRecords(ARCHITECTURE, {
    pageId: PAGE_ID,
    origin: { x: 0, y: 0 },
    locked: true,
    frameLabel: 'Current state',
  })
  const room = new Y.Doc()
  room.transact(() => {
    const board = openBoardRecords(room)
    board.set('document:document', DocumentRecordType.create({ id: 'document:document' as never }))
    board.set(PAGE_ID, PageRecordType.create({ id: PAGE_ID, name: 'Design', index: 'a1' as IndexKey }))
    for (const record of records) board.set(record.id, schema.types[record.typeName].validate(record))
    writeBoardMeta(room, schema.serialize())
  })
  const guard = new BoardGuard(Y.encodeStateAsUpdate(room), {
    currentState: () => Y.encodeStateAsUpdate(room),
    limits: { maxRecords: 40, maxRecordBytes: 64 * 1024 },
  })
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room))
  const locked = records.find((r) => r.typeName === 'shape' && r.id !== frameId) as TLShape
  return { room, guard, client, board: openBoardRecords(client), locked, frameId }
}

/** What a client's transaction would send, and whether the guard lets the room apply it. */
function attempt(ctx: ReturnType<typeof setUp>, writer: 'candidate' | 'interviewer', change: () => void) {
  const before = Y.encodeStateVector(ctx.client)
  ctx.client.transact(change)
  const update = Y.encodeStateAsUpdate(ctx.client, before)
  const verdict = ctx.guard.check(update, writer)
  if (verdict.ok) Y.applyUpdate(ctx.room, update)
  return verdict
}

function card(id: string, name = 'Redis') {
  return {
    id,
    typeName: 'shape',
    type: 'component',
    x: 900,
    y: 0,
    rotation: 0,
    index: 'a5',
    parentId: PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { ...getDefaultComponentProps('cache'), name },
  }
}

describe('BoardGuard', () => {
  let ctx: ReturnType<typeof setUp>
  beforeEach(() => {
    ctx = setUp()
  })

  it('lets a candidate add, change and delete their own valid records', () => {
    expect(attempt(ctx, 'candidate', () => ctx.board.set('shape:mine', card('shape:mine')))).toEqual({
      ok: true,
    })
    expect(attempt(ctx, 'candidate', () => ctx.board.set('shape:mine', card('shape:mine', 'Cache')))).toEqual(
      {
        ok: true,
      },
    )
    expect(attempt(ctx, 'candidate', () => ctx.board.delete('shape:mine'))).toEqual({ ok: true })
    expect(ctx.guard.recordCount).toBe(openBoardRecords(ctx.room).map.size)
  })

  it('refuses a candidate moving or deleting a locked current-state shape, and allows the interviewer', () => {
    const moved = { ...ctx.locked, x: ctx.locked.x + 50 }
    expect(attempt(ctx, 'candidate', () => ctx.board.set(ctx.locked.id, moved))).toMatchObject({
      ok: false,
      kind: 'change-refused',
    })
    const fresh = setUp()
    expect(attempt(fresh, 'candidate', () => fresh.board.delete(fresh.locked.id))).toMatchObject({
      ok: false,
    })
    expect(openBoardRecords(fresh.room).get(fresh.locked.id)).toBeDefined()
    const third = setUp()
    expect(attempt(third, 'interviewer', () => third.board.set(third.locked.id, moved))).toEqual({ ok: true })
  })

  it('lets a candidate copy a locked shape (same reference meta, new id)', () => {
    const copy = { ...ctx.locked, id: 'shape:copy', isLocked: false, x: 2000 }
    expect(attempt(ctx, 'candidate', () => ctx.board.set('shape:copy', copy))).toEqual({ ok: true })
  })

  it('refuses client writes to meta, to other root types, and records that fail the schema', () => {
    expect(
      attempt(ctx, 'interviewer', () => ctx.client.getMap('meta').set('schema', { schemaVersion: 99 })),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('meta') })
    const b = setUp()
    expect(attempt(b, 'candidate', () => b.client.getMap('evil').set('x', 1))).toMatchObject({ ok: false })
    const c = setUp()
    expect(
      attempt(c, 'candidate', () => c.board.set('shape:bad', { ...card('shape:bad'), x: 'left' })),
    ).toMatchObject({ ok: false, kind: 'change-refused', reason: expect.stringContaining('invalid shape') })
    const d = setUp()
    expect(attempt(d, 'candidate', () => d.board.set('shape:a', card('shape:b')))).toMatchObject({
      ok: false,
    })
    const e = setUp()
    expect(
      attempt(e, 'candidate', () => e.board.set('instance:x', { id: 'instance:x', typeName: 'instance' })),
    ).toMatchObject({ ok: false })
  })

  it('refuses deleting the document record or the last page', () => {
    expect(attempt(ctx, 'interviewer', () => ctx.board.delete('document:document'))).toMatchObject({
      ok: false,
    })
    const b = setUp()
    expect(attempt(b, 'interviewer', () => b.board.delete(PAGE_ID))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('last page'),
    })
  })

  it('enforces the record size and record count limits', () => {
    const huge = { ...card('shape:huge'), props: { ...card('shape:huge').props, detail: 'x'.repeat(70_000) } }
    expect(attempt(ctx, 'candidate', () => ctx.board.set('shape:huge', huge))).toMatchObject({
      ok: false,
      kind: 'limit-exceeded',
    })
    const b = setUp()
    const room = 40 - b.guard.recordCount
    expect(
      attempt(b, 'candidate', () => {
        for (let i = 0; i <= room; i++) b.board.set(`shape:n${i}`, card(`shape:n${i}`))
      }),
    ).toMatchObject({ ok: false, kind: 'limit-exceeded' })
  })

  it('refuses an update whose dependencies the server has not seen, and stays usable after refusals', () => {
    const before = Y.encodeStateVector(ctx.client)
    ctx.board.set('shape:one', card('shape:one'))
    const first = Y.encodeStateAsUpdate(ctx.client, before)
    const middle = Y.encodeStateVector(ctx.client)
    ctx.board.set('shape:two', card('shape:two'))
    const second = Y.encodeStateAsUpdate(ctx.client, middle)
    expect(ctx.guard.check(second, 'candidate')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not received'),
    })
    expect(ctx.guard.check(first, 'candidate')).toEqual({ ok: true })
    Y.applyUpdate(ctx.room, first)
    expect(ctx.guard.check(second, 'candidate')).toEqual({ ok: true })
  })

  it('follows trusted updates mirrored from the room', () => {
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(ctx.room))
    const before = Y.encodeStateVector(other)
    openBoardRecords(other).set(ctx.locked.id, { ...ctx.locked, x: 1 })
    const update = Y.encodeStateAsUpdate(other, before)
    Y.applyUpdate(ctx.room, update)
    ctx.guard.mirror(update)
    Y.applyUpdate(ctx.client, update)
    // The candidate may still not touch it, judged against its new value.
    expect(attempt(ctx, 'candidate', () => ctx.board.delete(ctx.locked.id))).toMatchObject({ ok: false })
  })
})

/** An interviewer's shape on the annotations layer (any shape type can be an annotation). */
function annotation(id: string, extra: Record<string, unknown> = {}) {
  return { ...card(id), meta: { annotation: { author: 'interviewer', createdAt: 1, ...extra } } }
}

function arrowBinding(id: string, fromId: string, toId: string) {
  return {
    id,
    typeName: 'binding',
    type: 'arrow',
    fromId,
    toId,
    meta: { annotation: { author: 'interviewer', createdAt: 1 } },
    props: {
      terminal: 'end',
      normalizedAnchor: { x: 0.5, y: 0.5 },
      isExact: false,
      isPrecise: false,
      snap: 'none',
    },
  }
}

/** An empty annotations layer, as a session's second document starts. */
function setUpAnnotations() {
  const room = new Y.Doc()
  const guard = new BoardGuard(Y.encodeStateAsUpdate(room), {
    currentState: () => Y.encodeStateAsUpdate(room),
    layer: 'annotations',
  })
  const client = new Y.Doc()
  return { room, guard, client, board: openBoardRecords(client) } as unknown as ReturnType<typeof setUp>
}

describe('BoardGuard on the annotations layer', () => {
  it('lets the interviewer add, change and delete annotations', () => {
    const ctx = setUpAnnotations()
    expect(attempt(ctx, 'interviewer', () => ctx.board.set('shape:n', annotation('shape:n')))).toEqual({
      ok: true,
    })
    const pinned = annotation('shape:n', { pin: { shapeId: 'shape:web', dx: 10, dy: -40 } })
    expect(attempt(ctx, 'interviewer', () => ctx.board.set('shape:n', pinned))).toEqual({ ok: true })
    expect(attempt(ctx, 'interviewer', () => ctx.board.delete('shape:n'))).toEqual({ ok: true })
  })

  it('refuses any other writer, records without annotation meta, and non-shape records', () => {
    const a = setUpAnnotations()
    expect(attempt(a, 'candidate', () => a.board.set('shape:n', annotation('shape:n')))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('only the interviewer'),
    })
    const b = setUpAnnotations()
    expect(attempt(b, 'interviewer', () => b.board.set('shape:c', card('shape:c')))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('meta.annotation'),
    })
    const c = setUpAnnotations()
    const forged = annotation('shape:f', { author: 'candidate' })
    expect(attempt(c, 'interviewer', () => c.board.set('shape:f', forged))).toMatchObject({ ok: false })
    const d = setUpAnnotations()
    expect(
      attempt(d, 'interviewer', () =>
        d.board.set(PAGE_ID, {
          ...PageRecordType.create({ id: PAGE_ID, name: 'x', index: 'a1' as IndexKey }),
        }),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('do not belong in the annotations') })
  })

  it('allows a binding between two annotations and refuses one to a board shape', () => {
    const ctx = setUpAnnotations()
    expect(
      attempt(ctx, 'interviewer', () => {
        ctx.board.set('shape:a', annotation('shape:a'))
        ctx.board.set('shape:b', annotation('shape:b'))
        ctx.board.set('binding:ab', arrowBinding('binding:ab', 'shape:a', 'shape:b'))
      }),
    ).toEqual({ ok: true })
    expect(
      attempt(ctx, 'interviewer', () =>
        ctx.board.set('binding:x', arrowBinding('binding:x', 'shape:a', 'shape:candidates-card')),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('never a board shape') })
  })

  it('keeps the interviewer look off the board: no board record may carry meta.annotation', () => {
    const ctx = setUp()
    expect(attempt(ctx, 'candidate', () => ctx.board.set('shape:n', annotation('shape:n')))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("interviewer's layer"),
    })
    const b = setUp()
    expect(attempt(b, 'interviewer', () => b.board.set('shape:n', annotation('shape:n')))).toMatchObject({
      ok: false,
    })
  })
})
