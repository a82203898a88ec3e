import type { Architecture } from '@scaleboard/schema'
import { Store } from '@tldraw/store'
import {
  PageRecordType,
  type TLArrowBinding,
  type TLArrowShape,
  type TLPageId,
  type TLRecord,
  type TLShape,
} from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { richTextToPlain } from '../flows/flowLabel.ts'
import { createBoardSchema } from '../shapes/boardSchema.ts'
import type { ComponentShape, RegionShape } from '../shapes/componentShape.ts'
import { architectureToRecords } from './architectureToRecords.ts'
import { isCopyOfReference } from './referenceMeta.ts'

const pageId = 'page:board' as TLPageId

/** A small current state: two clients → gateway → a region holding two servers and a DB. */
const ARCHITECTURE: z.input<typeof Architecture> = {
  components: [
    { id: 'web', kind: 'client', name: 'Web shop', x: 0, y: 140 },
    { id: 'gw', kind: 'api-gateway', name: 'Gateway', detail: 'nginx', x: 300, y: 140 },
    { id: 'dc', kind: 'region-boundary', name: 'On-prem DC', x: 600, y: 0, w: 700, h: 420 },
    {
      id: 'flask',
      kind: 'model-server-cpu',
      name: 'Flask recommender',
      detail: 'Flask + scikit-learn',
      figures: { replicas: 2, capacityRpsPerReplica: 40, latencyP99Ms: 900, costPerReplicaHourUsd: 0.2 },
      x: 640,
      y: 60,
    },
    { id: 'db', kind: 'database', name: 'Postgres', figures: { storageGb: 500 }, x: 1000, y: 60 },
    { id: 'batch', kind: 'batch-job', name: 'Nightly batch', x: 0, y: 500 },
  ],
  flows: [
    { from: 'web', to: 'gw', rps: 800 },
    { from: 'gw', to: 'flask', mode: 'sync', rps: 800 },
    { from: 'flask', to: 'db', rps: 1600, label: 'features' },
    { from: 'batch', to: 'db', mode: 'async' },
  ],
}

// Positions below are checked as drawn: no spread, unless a test asks for it.
const asDrawn = { x: 1, y: 1 }

function convert(options: Partial<Parameters<typeof architectureToRecords>[1]> = {}) {
  return architectureToRecords(ARCHITECTURE, {
    pageId,
    origin: { x: 100, y: -50 },
    spread: asDrawn,
    ...options,
  })
}

function byId(shapes: TLShape[]) {
  return new Map(shapes.map((s) => [s.id as string, s]))
}

describe('architectureToRecords', () => {
  it('produces records the board schema accepts, in a store with a page', () => {
    const { records } = convert()
    const store = new Store<TLRecord, unknown>({ schema: createBoardSchema(), props: {} })
    store.put([PageRecordType.create({ id: pageId, name: 'Board', index: 'a1' as never })])
    expect(() => store.put(records)).not.toThrow()
    expect(store.allRecords()).toHaveLength(records.length + 1)
    for (const record of records) expect(store.get(record.id)).toEqual(record)
  })

  it('wraps everything in one locked frame with the given label at the origin', () => {
    const { frameId, shapes } = convert()
    const frame = shapes[0]
    expect(frame).toMatchObject({
      id: frameId,
      type: 'frame',
      parentId: pageId,
      x: 100,
      y: -50,
      isLocked: true,
      props: { name: 'Current state' },
    })
    const shapesById = byId(shapes)
    for (const shape of shapes.slice(1)) {
      expect(shape.isLocked).toBe(true)
      // every other shape has the frame as an ancestor
      let parent = shapesById.get(shape.parentId)
      while (parent && parent.id !== frameId) parent = shapesById.get(parent.parentId)
      expect(parent?.id).toBe(frameId)
    }
  })

  it('sizes the frame around the components with padding', () => {
    const { shapes } = convert({ padding: 40 })
    const frame = shapes[0] as TLShape<'frame'>
    // content spans x 0..1300 (the region's right edge) and y 0..(500 + batch card height)
    expect(frame.props.w).toBe(1300 + 80)
    expect(frame.props.h).toBe(500 + 112 + 80)
  })

  it('draws each component as a card with its kind, name, detail and figures', () => {
    const { shapes } = convert()
    const cards = shapes.filter((s): s is ComponentShape => s.type === 'component')
    expect(cards.map((c) => c.props.kind).sort()).toEqual(
      ['api-gateway', 'batch-job', 'client', 'database', 'model-server-cpu'].sort(),
    )
    const flask = cards.find((c) => c.props.name === 'Flask recommender')
    expect(flask?.props).toMatchObject({
      detail: 'Flask + scikit-learn',
      figures: { replicas: 2, capacityRpsPerReplica: 40, latencyP99Ms: 900, costPerReplicaHourUsd: 0.2 },
      w: 248,
      h: 112,
    })
    expect(cards.find((c) => c.props.name === 'Gateway')?.props.detail).toBe('nginx')
  })

  it('puts components inside a region boundary into the region, with coordinates relative to it', () => {
    const { shapes, frameId } = convert({ padding: 40 })
    const region = shapes.find((s): s is RegionShape => s.type === 'region')
    const shapesById = byId(shapes)
    expect(region).toMatchObject({
      parentId: frameId,
      x: 640,
      y: 40,
      props: { name: 'On-prem DC', w: 700, h: 420 },
    })
    const flask = shapes.find((s) => s.type === 'component' && s.props.name === 'Flask recommender')
    expect(flask).toMatchObject({ parentId: region?.id, x: 40, y: 60 })
    const web = shapes.find((s) => s.type === 'component' && s.props.name === 'Web shop')
    expect(web).toMatchObject({ parentId: frameId, x: 40, y: 180 })
    // regions are behind the cards that share their parent
    const gateway = shapes.find((s) => s.type === 'component' && s.props.name === 'Gateway')
    expect(region && gateway && region.index < gateway.index).toBe(true)
    expect(shapesById.size).toBe(shapes.length)
  })

  it('binds one arrow per flow to the right cards, labelled with mode and rate', () => {
    const { shapes, bindings } = convert()
    const nameOf = new Map(shapes.map((s) => [s.id, 'name' in s.props ? String(s.props.name) : s.type]))
    const arrows = shapes.filter((s): s is TLArrowShape => s.type === 'arrow')
    expect(arrows).toHaveLength(4)
    const flows = arrows.map((arrow) => {
      const ends = bindings.filter((b: TLArrowBinding) => b.fromId === arrow.id)
      expect(ends.map((b) => b.props.terminal).sort()).toEqual(['end', 'start'])
      const end = (t: 'start' | 'end') => nameOf.get(ends.find((b) => b.props.terminal === t)?.toId as never)
      return `${end('start')} → ${end('end')}: ${richTextToPlain(arrow.props.richText)} (${arrow.props.dash})`
    })
    expect(flows).toEqual([
      'Web shop → Gateway: sync · 800 rps (solid)',
      'Gateway → Flask recommender: sync · 800 rps (solid)',
      'Flask recommender → Postgres: features · sync · 1.6k rps (solid)',
      'Nightly batch → Postgres: async (dashed)',
    ])
    for (const b of bindings)
      expect(b.props).toEqual({
        terminal: b.props.terminal,
        normalizedAnchor: { x: 0.5, y: 0.5 },
        isExact: false,
        isPrecise: false,
        snap: 'none',
      })
  })

  it('keeps an arrow in the closest common parent of its ends, pointing centre to centre', () => {
    const { shapes, frameId } = convert({ padding: 40 })
    const region = shapes.find((s) => s.type === 'region') as RegionShape
    const arrows = shapes.filter((s): s is TLArrowShape => s.type === 'arrow')
    expect(arrows.map((a) => a.parentId)).toEqual([frameId, frameId, region.id, frameId])
    // flask (40,60 in the region) → db (400,60 in the region): both cards are 248 × 112
    const inRegion = arrows[2]
    expect({ x: inRegion.x, y: inRegion.y }).toEqual({ x: 40 + 124, y: 60 + 56 })
    expect(inRegion.props.end).toEqual({ x: 360, y: 0 })
  })

  it('marks every shape as part of the reference; a pasted copy is told apart by its new id', () => {
    const { shapes } = convert()
    for (const s of shapes) {
      expect(s.meta.reference).toEqual({ id: s.id, label: 'Current state' })
      expect(isCopyOfReference(s)).toBe(false)
    }
    expect(isCopyOfReference({ ...shapes[1], id: 'shape:pasted' as never })).toBe(true)
  })

  it('uses stable ids from the prefix, so loading twice replaces rather than duplicates', () => {
    const first = convert({ frameLabel: 'Today', idPrefix: 'today' })
    const second = convert({ frameLabel: 'Today', idPrefix: 'today' })
    expect(second.records.map((r) => r.id)).toEqual(first.records.map((r) => r.id))
    expect(first.frameId).toBe('shape:today')
    expect(convert({ frameLabel: 'Current state' }).frameId).toBe('shape:current-state')
  })

  it('spreads a nominal-grid layout apart so wide cards and flow labels fit, keeping regions around their cards', () => {
    const spread = { x: 2, y: 1.5 }
    const drawn = convert({ padding: 0 })
    const spreadOut = convert({ padding: 0, spread })
    const position = (records: typeof drawn, name: string) => {
      const shape = records.shapes.find((s) => 'name' in s.props && s.props.name === name)
      if (!shape) throw new Error(`no shape named ${name}`)
      return shape
    }
    for (const shape of drawn.shapes.filter((s) => s.type === 'component' && s.parentId === drawn.frameId)) {
      const name = (shape.props as { name: string }).name
      const moved = position(spreadOut, name)
      expect(moved.x, name).toBeCloseTo(shape.x * spread.x)
      expect(moved.y, name).toBeCloseTo(shape.y * spread.y)
      expect((moved.props as { w: number }).w, 'cards keep their size').toBe((shape.props as { w: number }).w)
    }
    expect(spreadOut.shapes.map((s) => s.parentId)).toEqual(drawn.shapes.map((s) => s.parentId))
  })

  it('nests a zone in its region and a card in the innermost boundary around it', () => {
    const { shapes } = architectureToRecords(
      {
        components: [
          { id: 'region', kind: 'region-boundary', name: 'eu-west-1', x: 0, y: 0, w: 900, h: 500 },
          { id: 'zone', kind: 'region-boundary', name: 'Zone A', x: 40, y: 60, w: 400, h: 300 },
          { id: 'gpu', kind: 'model-server-gpu', name: 'Ranker', x: 80, y: 120 },
          { id: 'db', kind: 'database', name: 'Primary DB', x: 600, y: 120 },
        ],
        flows: [{ from: 'gpu', to: 'db', rps: 300 }],
      },
      { pageId, padding: 0, spread: asDrawn },
    )
    const parentName = (name: string) => {
      const shape = shapes.find((s) => 'name' in s.props && s.props.name === name)
      const parent = shapes.find((s) => s.id === shape?.parentId)
      return parent && 'name' in parent.props ? parent.props.name : parent?.id
    }
    expect(parentName('eu-west-1')).toBe('Current state')
    expect(parentName('Zone A')).toBe('eu-west-1')
    expect(parentName('Ranker')).toBe('Zone A')
    expect(parentName('Primary DB')).toBe('eu-west-1')
    // relative to the zone, which is at 40,60 in the region
    expect(shapes.find((s) => s.type === 'component' && s.props.name === 'Ranker')).toMatchObject({
      x: 40,
      y: 60,
    })
    // the arrow from the zone to the region's DB lives in the region
    const arrow = shapes.find((s) => s.type === 'arrow')
    expect(arrow?.parentId).toBe(shapes.find((s) => s.type === 'region' && s.props.name === 'eu-west-1')?.id)
  })

  it('can leave the shapes unlocked', () => {
    expect(convert({ locked: false }).shapes.every((s) => !s.isLocked)).toBe(true)
  })

  it('rejects an architecture whose flows name unknown components', () => {
    expect(() =>
      architectureToRecords({ ...ARCHITECTURE, flows: [{ from: 'web', to: 'nowhere' }] }, { pageId }),
    ).toThrow(/nowhere/)
  })
})
