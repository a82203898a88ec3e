import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

type DeleteSet = ReturnType<typeof Y.createDeleteSet>

/**
 * Consecutive document updates of one author that the log stores as one entry (a drag's frames,
 * a word's keystrokes). The room opens a window with an update and extends it, within a short
 * span, with the next ones, and asks for its stored form (`encodeWindow`) each time.
 */
export interface UpdateWindow {
  /** the time of the window's first update (ms, the room's clock) */
  readonly firstAt: number
  readonly updates: Uint8Array[]
  /** Which clocks the window wrote and what it deleted: computed when a second update joins. */
  range: WindowRange | null
}

interface WindowRange {
  /** per client: the first clock the window wrote */
  from: Map<number, number>
  /** per client: the clock after the last one the window wrote */
  to: Map<number, number>
  deletes: DeleteSet
}

export function openWindow(update: Uint8Array, at: number): UpdateWindow {
  return { firstAt: at, updates: [update], range: null }
}

/** Whether an update at `at` may still join the window: its span stays under `windowMs`. */
export function fitsWindow(window: UpdateWindow, at: number, windowMs: number): boolean {
  return at - window.firstAt < windowMs
}

/** Adds the next update to the window. It must be the document's very next change after the window's last. */
export function extendWindow(window: UpdateWindow, update: Uint8Array): void {
  const range = window.range ?? rangeOf(window.updates[0])
  const next = rangeOf(update)
  for (const [client, clock] of next.from) if (!range.from.has(client)) range.from.set(client, clock)
  for (const [client, clock] of next.to) range.to.set(client, clock)
  range.deletes = Y.mergeDeleteSets([range.deletes, next.deletes])
  window.range = range
  window.updates.push(update)
}

function rangeOf(update: Uint8Array): WindowRange {
  const { from, to } = Y.parseUpdateMeta(update)
  return { from, to, deletes: Y.decodeUpdate(update).ds }
}

/**
 * The window as one update: what `Y.mergeUpdates` of its updates would give, minus the content
 * of what the window itself inserted and then deleted (a drag frame's record, replaced by the next
 * frame's), which the room's garbage-collected document no longer holds either.
 *
 * Call it right after the window's last update was applied to `doc` and before any other change:
 * the window's structs are read from the document as it is then. Applied after the log's earlier
 * entries, the result makes exactly the document the window's updates make. If the document does
 * not match the window (it moved on), or the result does not span exactly the window's clocks,
 * it falls back to `Y.mergeUpdates`, which is always right but keeps the deleted content.
 */
export function encodeWindow(doc: Y.Doc, window: UpdateWindow): Uint8Array {
  if (window.updates.length === 1 || window.range === null) return window.updates[0]
  try {
    const compact = encodeCompact(doc, window.range)
    if (compact && spansExactly(compact, window.range)) return compact
  } catch {
    // an internal of Yjs we rely on changed: the merged form below is still correct
  }
  return Y.mergeUpdates(window.updates)
}

/**
 * The V1 update format (yjs 13: structs per client, then the delete set), written as Yjs's own
 * `writeStructs` and `writeDeleteSet` write it, with the structs' own public `write`.
 */
function encodeCompact(doc: Y.Doc, range: WindowRange): Uint8Array | null {
  const clients = [...range.from]
    .filter(([client, from]) => (range.to.get(client) ?? from) > from)
    .sort((a, b) => b[0] - a[0])
  for (const [client] of clients) if (Y.getState(doc.store, client) !== range.to.get(client)) return null
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, clients.length)
  for (const [client, from] of clients) {
    const structs = doc.store.clients.get(client)
    if (!structs) return null
    const first = Y.findIndexSS(structs, from)
    encoding.writeVarUint(encoder.restEncoder, structs.length - first)
    encoder.writeClient(client)
    encoding.writeVarUint(encoder.restEncoder, from)
    structs[first].write(encoder, from - structs[first].id.clock)
    for (let i = first + 1; i < structs.length; i++) structs[i].write(encoder, 0)
  }
  const deletes = [...range.deletes.clients].sort((a, b) => b[0] - a[0])
  encoding.writeVarUint(encoder.restEncoder, deletes.length)
  for (const [client, items] of deletes) {
    encoder.resetDsCurVal()
    encoding.writeVarUint(encoder.restEncoder, client)
    encoding.writeVarUint(encoder.restEncoder, items.length)
    for (const item of items) {
      encoder.writeDsClock(item.clock)
      encoder.writeDsLen(item.len)
    }
  }
  return encoder.toUint8Array()
}

function spansExactly(update: Uint8Array, range: WindowRange): boolean {
  const { from, to } = Y.parseUpdateMeta(update)
  const same = (a: Map<number, number>, b: Map<number, number>) =>
    a.size === b.size && [...a].every(([client, clock]) => b.get(client) === clock)
  const written = (m: Map<number, number>) =>
    new Map(
      [...m].filter(([client, clock]) => (range.to.get(client) ?? clock) > (range.from.get(client) ?? clock)),
    )
  return same(from, written(range.from)) && same(to, written(range.to))
}
