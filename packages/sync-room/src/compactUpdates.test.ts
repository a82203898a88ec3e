import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeWindow, extendWindow, fitsWindow, openWindow, type UpdateWindow } from './compactUpdates.ts'

type Entry = { key: string; val: Record<string, unknown> }

/** What y-utility's YKeyValue.set does to the board's `records` array: delete the old entry, push the new. */
function setRecord(doc: Y.Doc, val: Record<string, unknown> & { id: string }): void {
  const records = doc.getArray<Entry>('records')
  doc.transact(() => {
    const at = records.toArray().findIndex((entry) => entry.key === val.id)
    if (at >= 0) records.delete(at, 1)
    records.push([{ key: val.id, val }])
  })
}

function removeRecord(doc: Y.Doc, id: string): void {
  const records = doc.getArray<Entry>('records')
  const at = records.toArray().findIndex((entry) => entry.key === id)
  if (at >= 0) records.delete(at, 1)
}

const card = (id: string, x: number) => ({
  id,
  typeName: 'shape',
  type: 'component',
  x,
  y: 40,
  props: { name: `Ranking model ${id}`, figures: { replicas: 4, latencyP99Ms: 80 }, w: 220, h: 120 },
  meta: {},
})

const records = (doc: Y.Doc) => JSON.stringify(doc.getArray('records').toJSON())

/** The server side: a GC'd doc that logs windows the way the room does, and a log of what it stored. */
class Server {
  readonly doc = new Y.Doc({ gc: true })
  readonly log: Array<{ update: Uint8Array; records: string; sv: Uint8Array }> = []
  /** windows stored in the compact form (smaller than Y.mergeUpdates of their updates) */
  compacted = 0
  #window: UpdateWindow | null = null

  /** Applies a client's update; `join` says whether it may extend the open window. */
  receive(update: Uint8Array, join: boolean): void {
    let emitted: Uint8Array | null = null
    const listener = (u: Uint8Array) => {
      emitted = u
    }
    this.doc.on('update', listener)
    Y.applyUpdate(this.doc, update)
    this.doc.off('update', listener)
    if (emitted === null) return
    if (join && this.#window) {
      extendWindow(this.#window, emitted)
      const stored = encodeWindow(this.doc, this.#window)
      if (stored.byteLength < Y.mergeUpdates(this.#window.updates).byteLength) this.compacted += 1
      this.log[this.log.length - 1].update = stored
    } else {
      this.#window = openWindow(emitted, 0)
      this.log.push({ update: emitted, records: '', sv: new Uint8Array() })
    }
    // what a replay must show at this entry
    this.log[this.log.length - 1].records = records(this.doc)
    this.log[this.log.length - 1].sv = Y.encodeStateVector(this.doc)
  }

  /** Replays the log into a fresh doc and checks every entry's state and the final document. */
  expectReplayMatches(): void {
    const replica = new Y.Doc({ gc: true })
    for (const entry of this.log) {
      Y.applyUpdate(replica, entry.update)
      expect(replica.store.pendingStructs).toBeNull()
      expect(replica.store.pendingDs).toBeNull()
      expect(records(replica)).toBe(entry.records)
      expect(Y.encodeStateVector(replica)).toEqual(entry.sv)
    }
    expect(Y.encodeStateVector(replica)).toEqual(Y.encodeStateVector(this.doc))
    expect(
      Y.equalDeleteSets(
        Y.createDeleteSetFromStructStore(replica.store),
        Y.createDeleteSetFromStructStore(this.doc.store),
      ),
    ).toBe(true)
    expect(records(replica)).toBe(records(this.doc))
  }
}

/** A client doc whose every transaction is sent to the server at once. */
function clientOf(server: Server, join: () => boolean): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server.doc))
  doc.on('update', (update: Uint8Array) => server.receive(update, join()))
  return doc
}

describe('encodeWindow', () => {
  it('stores a window of drag frames as the last frame plus the deletions, and replays to the same doc', () => {
    const server = new Server()
    let joining = false
    const candidate = clientOf(server, () => joining)
    for (let i = 0; i < 5; i++) setRecord(candidate, card(`shape:c${i}`, i * 300))
    const rawFrames: Uint8Array[] = []
    candidate.on('update', (u: Uint8Array) => rawFrames.push(u))
    setRecord(candidate, card('shape:c2', 601))
    joining = true
    for (let f = 2; f <= 6; f++) setRecord(candidate, card('shape:c2', 600 + f))
    joining = false

    expect(server.log).toHaveLength(6)
    const stored = server.log[5].update
    const merged = Y.mergeUpdates(rawFrames)
    // One record's JSON instead of six.
    expect(stored.byteLength).toBeLessThan(merged.byteLength / 3)
    expect(stored.byteLength).toBeLessThan(rawFrames[0].byteLength + 40)
    server.expectReplayMatches()
    const replica = new Y.Doc()
    for (const { update } of server.log) Y.applyUpdate(replica, update)
    const c2 = replica
      .getArray<Entry>('records')
      .toArray()
      .find((e) => e.key === 'shape:c2')
    expect(c2?.val.x).toBe(606)
  })

  it('replays exactly under random edits by several clients and random windows', () => {
    let compacted = 0
    for (let seed = 1; seed <= 40; seed++) {
      let state = seed
      const random = () => {
        state = (state * 1103515245 + 12345) % 2147483648
        return state / 2147483648
      }
      const server = new Server()
      let join = false
      const clients = [0, 1, 2].map(() => clientOf(server, () => join))
      let last = -1
      for (let step = 0; step < 120; step++) {
        const who = Math.floor(random() * clients.length)
        const doc = clients[who]
        // A window only ever holds one client's consecutive changes, as in the room.
        join = who === last && random() < 0.7
        last = who
        const id = `shape:r${Math.floor(random() * 6)}`
        const roll = random()
        if (roll < 0.7) setRecord(doc, card(id, Math.floor(random() * 1000)))
        else if (roll < 0.85) doc.transact(() => removeRecord(doc, id))
        else doc.getText('t').insert(Math.floor(random() * (doc.getText('t').length + 1)), 'ab')
        // Peers hear of it (as the room's broadcast does), sometimes late.
        if (random() < 0.8)
          for (const other of clients)
            if (other !== doc)
              Y.applyUpdate(other, Y.encodeStateAsUpdate(server.doc, Y.encodeStateVector(other)))
      }
      server.expectReplayMatches()
      compacted += server.compacted
    }
    expect(compacted).toBeGreaterThan(200)
  })

  it('falls back to the merged updates when the document has moved on since the window', () => {
    const server = new Server()
    const candidate = clientOf(server, () => false)
    setRecord(candidate, card('shape:a', 1))
    const window = openWindow(server.log[0].update, 0)
    setRecord(candidate, card('shape:a', 2))
    extendWindow(window, server.log[1].update)
    setRecord(candidate, card('shape:a', 3)) // not part of the window
    const stored = encodeWindow(server.doc, window)
    expect(stored).toEqual(Y.mergeUpdates([server.log[0].update, server.log[1].update]))
  })

  it('keeps a window under its span', () => {
    const window = openWindow(new Uint8Array([0, 0]), 1000)
    expect(fitsWindow(window, 1099, 100)).toBe(true)
    expect(fitsWindow(window, 1100, 100)).toBe(false)
    expect(fitsWindow(window, 1150, 100)).toBe(false)
  })
})
