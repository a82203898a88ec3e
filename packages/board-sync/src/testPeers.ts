/**
 * Test helpers (not exported from the package): peers whose docs and awareness talk directly,
 * as they would through the sync server, with a switch to cut the link.
 */
import { type TLRecord, type TLShapeId, type TLStore, toRichText } from 'tldraw'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'

const LINK = Symbol('test link')

export interface Link {
  /** Stop forwarding updates (as if offline); updates made meanwhile stay local. */
  cut(): void
  /** Forward again, exchanging everything missed in both directions. */
  restore(): void
  /** Stop for good. */
  dispose(): void
}

/** Forwards every doc update between a and b, like two clients of one sync room. */
export function linkDocs(a: Y.Doc, b: Y.Doc): Link {
  let connected = true
  const forward = (to: Y.Doc) => (update: Uint8Array, origin: unknown) => {
    if (connected && origin !== LINK) Y.applyUpdate(to, update, LINK)
  }
  const toB = forward(b)
  const toA = forward(a)
  const exchange = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), LINK)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), LINK)
  }
  a.on('update', toB)
  b.on('update', toA)
  exchange()
  return {
    cut: () => {
      connected = false
    },
    restore: () => {
      connected = true
      exchange()
    },
    dispose: () => {
      a.off('update', toB)
      b.off('update', toA)
    },
  }
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] }

/** Forwards awareness changes between a and b. */
export function linkAwareness(a: Awareness, b: Awareness): () => void {
  const forward = (from: Awareness, to: Awareness) => (change: AwarenessChange, origin: unknown) => {
    if (origin === LINK) return
    const clients = [...change.added, ...change.updated, ...change.removed]
    applyAwarenessUpdate(to, encodeAwarenessUpdate(from, clients), LINK)
  }
  const toB = forward(a, b)
  const toA = forward(b, a)
  a.on('update', toB)
  b.on('update', toA)
  applyAwarenessUpdate(b, encodeAwarenessUpdate(a, [a.clientID]), LINK)
  applyAwarenessUpdate(a, encodeAwarenessUpdate(b, [b.clientID]), LINK)
  return () => {
    a.off('update', toB)
    b.off('update', toA)
  }
}

export function newAwareness(doc: Y.Doc): Awareness {
  return new Awareness(doc)
}

/** A complete geo shape record on the default page, as tldraw 5.4.2 stores it. */
export function geoShape(
  store: TLStore,
  id: TLShapeId,
  overrides: { x?: number; y?: number; w?: number; h?: number; color?: string; text?: string } = {},
): TLRecord {
  return store.schema.types.shape.create({
    id,
    type: 'geo',
    parentId: 'page:page',
    index: 'a1',
    x: overrides.x ?? 0,
    y: overrides.y ?? 0,
    props: {
      w: overrides.w ?? 100,
      h: overrides.h ?? 80,
      geo: 'rectangle',
      dash: 'draw',
      growY: 0,
      url: '',
      scale: 1,
      flipX: false,
      flipY: false,
      color: overrides.color ?? 'black',
      labelColor: 'black',
      fill: 'none',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: toRichText(overrides.text ?? ''),
    },
  } as never) as TLRecord
}
