import { Architecture, type ArchitectureComponent } from '@scaleboard/schema'
import {
  createBindingId,
  createShapeId,
  type TLArrowBinding,
  type TLArrowShape,
  type TLFrameShape,
  type TLPageId,
  type TLParentId,
  type TLShape,
  type TLShapeId,
  toRichText,
} from '@tldraw/tlschema'
import { getIndicesAbove, type IndexKey } from '@tldraw/utils'
import type { z } from 'zod'
import { COMPONENT_CATALOGUE } from '../catalogue/componentCatalogue.ts'
import { formatFlowLabel } from '../flows/flowLabel.ts'
import { FLOW_META_KEY, toFlowMeta } from '../flows/flowMeta.ts'
import type { ArchitectureLayout } from '../layout/layoutArchitecture.ts'
import { regionsOf } from '../layout/regionsOf.ts'
import {
  type CardKind,
  COMPONENT_SHAPE_TYPE,
  type ComponentShape,
  REGION_SHAPE_TYPE,
  type RegionShape,
} from '../shapes/componentShape.ts'
import { REFERENCE_META_KEY, type ReferenceMeta } from './referenceMeta.ts'

export interface ArchitectureToRecordsOptions {
  pageId: TLPageId
  /** top-left of the frame in page coordinates (default 0, 0) */
  origin?: { x: number; y: number }
  /** lock every shape, so the reference can be copied from but not changed (default true) */
  locked?: boolean
  /** the frame's heading (default "Current state") */
  frameLabel?: string
  /** prefix of every record id, so loading the same architecture twice overwrites, not duplicates */
  idPrefix?: string
  /** the frame's z-order among the page's shapes (default 'a1') */
  index?: IndexKey
  /** space between the components and the frame edge (default 48) */
  padding?: number
  /**
   * Multiplies positions and region sizes. Scenario layouts are drawn on a grid of nominal
   * 180 × 100 cards; real cards are wider and arrows need room for their labels (default 1.5 × 1.3).
   */
  spread?: { x: number; y: number }
  /**
   * Positions from `layoutArchitecture` (the automatic layout). Without one, the components'
   * legacy `x`/`y` are used, multiplied by `spread`.
   */
  layout?: ArchitectureLayout
}

export interface ArchitectureRecords {
  frameId: TLShapeId
  /** parents before children: frame, regions (outer first), components, arrows */
  shapes: TLShape[]
  bindings: TLArrowBinding[]
  /** shapes then bindings, ready for `store.put` */
  records: (TLShape | TLArrowBinding)[]
}

interface Placed {
  component: ArchitectureComponent
  id: TLShapeId
  /** position and size in the frame's coordinate space */
  x: number
  y: number
  w: number
  h: number
  parent: Placed | null
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'reference'
  )
}

function ancestorsOf(p: Placed): Placed[] {
  const chain: Placed[] = []
  for (let a = p.parent; a; a = a.parent) chain.push(a)
  return chain
}

function laidOutBox(layout: ArchitectureLayout, c: ArchitectureComponent, padding: number) {
  const box = layout.boxes.get(c.id)
  if (!box) throw new Error(`the layout has no place for "${c.id}"`)
  return { x: box.x + padding, y: box.y + padding, w: box.w, h: box.h }
}

/** Legacy: the architecture's own coordinates, spread to fit real cards. */
function handPlacedBox(arch: Architecture, i: number, spread: { x: number; y: number }, padding: number) {
  const c = arch.components[i]
  const size = COMPONENT_CATALOGUE[c.kind].defaultSize
  const minX = Math.min(...arch.components.map((a) => a.x ?? 0))
  const minY = Math.min(...arch.components.map((a) => a.y ?? 0))
  return {
    x: ((c.x ?? 0) - minX) * spread.x + padding,
    y: ((c.y ?? 0) - minY) * spread.y + padding,
    w: c.w ? c.w * spread.x : size.w,
    h: c.h ? c.h * spread.y : size.h,
  }
}

/**
 * Draws an architecture (a scenario's current state) as tldraw records: a frame with the given
 * label holding one `component` card per component, a `region` per region boundary (components
 * that lie inside one become its children), and one arrow per flow, bound at both ends and
 * labelled "mode · rps". Plain data in, plain records out: runs on a server without a DOM.
 */
export function architectureToRecords(
  architecture: z.input<typeof Architecture>,
  options: ArchitectureToRecordsOptions,
): ArchitectureRecords {
  const arch = Architecture.parse(architecture)
  const {
    pageId,
    origin = { x: 0, y: 0 },
    locked = true,
    frameLabel = 'Current state',
    idPrefix = slug(frameLabel),
    index = 'a1' as IndexKey,
    padding = 48,
    spread = { x: 1.5, y: 1.3 },
    layout,
  } = options

  const frameId = createShapeId(idPrefix)
  const reference = (id: TLShapeId): { [REFERENCE_META_KEY]: ReferenceMeta } => ({
    [REFERENCE_META_KEY]: { id, label: frameLabel },
  })

  const placed: Placed[] = arch.components.map((component, i) => ({
    component,
    id: createShapeId(`${idPrefix}--${component.id}`),
    ...(layout ? laidOutBox(layout, component, padding) : handPlacedBox(arch, i, spread, padding)),
    parent: null,
  }))
  const byComponentId = new Map(placed.map((p) => [p.component.id, p]))
  const regionOf = regionsOf(arch)
  for (const p of placed) p.parent = byComponentId.get(regionOf.get(p.component.id) ?? '') ?? null
  // outer regions before inner ones, so parents come before children
  const depth = (p: Placed) => ancestorsOf(p).length
  const regions = placed
    .filter((p) => p.component.kind === 'region-boundary')
    .sort((a, b) => depth(a) - depth(b))

  const parentIdOf = (p: Placed | null): TLParentId => (p ? p.id : frameId)
  const localX = (p: Placed, x: number) => x - (p.parent?.x ?? 0)
  const localY = (p: Placed, y: number) => y - (p.parent?.y ?? 0)

  const frameW = Math.max(...placed.map((p) => p.x + p.w)) + padding
  const frameH = Math.max(...placed.map((p) => p.y + p.h)) + padding
  const frame: TLFrameShape = {
    id: frameId,
    typeName: 'shape',
    type: 'frame',
    x: origin.x,
    y: origin.y,
    rotation: 0,
    index,
    parentId: pageId,
    isLocked: locked,
    opacity: 1,
    meta: reference(frameId),
    props: { w: frameW, h: frameH, name: frameLabel, color: 'black' },
  }

  // z-order inside each parent: regions behind components, arrows on top
  const childrenCount = new Map<TLParentId, number>()
  const nextIndex = (parentId: TLParentId): IndexKey => {
    const n = childrenCount.get(parentId) ?? 0
    childrenCount.set(parentId, n + 1)
    return getIndicesAbove(null, n + 1)[n]
  }

  const base = (p: Placed) => ({
    id: p.id,
    typeName: 'shape' as const,
    x: localX(p, p.x),
    y: localY(p, p.y),
    rotation: 0,
    index: nextIndex(parentIdOf(p.parent)),
    parentId: parentIdOf(p.parent),
    isLocked: locked,
    opacity: 1,
    meta: reference(p.id),
  })

  const regionShapes: RegionShape[] = regions.map((p) => ({
    ...base(p),
    type: REGION_SHAPE_TYPE,
    props: { name: p.component.name, detail: p.component.detail ?? '', w: p.w, h: p.h },
  }))
  const componentShapes: ComponentShape[] = placed
    .filter((p) => p.component.kind !== 'region-boundary')
    .map((p) => ({
      ...base(p),
      type: COMPONENT_SHAPE_TYPE,
      props: {
        kind: p.component.kind as CardKind,
        name: p.component.name,
        detail: p.component.detail ?? '',
        figures: { ...p.component.figures },
        w: p.w,
        h: p.h,
      },
    }))

  const arrows: TLArrowShape[] = []
  const bindings: TLArrowBinding[] = []
  arch.flows.forEach((flow, i) => {
    const from = byComponentId.get(flow.from) as Placed
    const to = byComponentId.get(flow.to) as Placed
    // tldraw keeps an arrow in the closest common ancestor of the shapes it binds
    const toAncestors = new Set(ancestorsOf(to))
    const holder = ancestorsOf(from).find((a) => toAncestors.has(a)) ?? null
    const start = { x: from.x + from.w / 2 - (holder?.x ?? 0), y: from.y + from.h / 2 - (holder?.y ?? 0) }
    const end = { x: to.x + to.w / 2 - (holder?.x ?? 0), y: to.y + to.h / 2 - (holder?.y ?? 0) }
    const arrowId = createShapeId(`${idPrefix}--flow-${i + 1}`)
    const parentId = parentIdOf(holder)
    arrows.push({
      id: arrowId,
      typeName: 'shape',
      type: 'arrow',
      x: start.x,
      y: start.y,
      rotation: 0,
      index: nextIndex(parentId),
      parentId,
      isLocked: locked,
      opacity: 1,
      meta: { ...reference(arrowId), [FLOW_META_KEY]: toFlowMeta(flow) },
      props: {
        kind: 'arc',
        labelColor: 'black',
        color: 'grey',
        fill: 'none',
        dash: flow.mode === 'async' ? 'dashed' : 'solid',
        size: 's',
        arrowheadStart: 'none',
        arrowheadEnd: 'arrow',
        font: 'sans',
        start: { x: 0, y: 0 },
        end: { x: end.x - start.x, y: end.y - start.y },
        bend: layout?.arrows.get(i)?.bend ?? 0,
        richText: toRichText(formatFlowLabel(flow)),
        labelPosition: layout?.arrows.get(i)?.labelPosition ?? 0.5,
        scale: 1,
        elbowMidPoint: 0.5,
      },
    })
    for (const [terminal, target] of [
      ['start', from],
      ['end', to],
    ] as const) {
      bindings.push({
        id: createBindingId(`${idPrefix}--flow-${i + 1}-${terminal}`),
        typeName: 'binding',
        type: 'arrow',
        fromId: arrowId,
        toId: target.id,
        meta: {},
        props: {
          terminal,
          normalizedAnchor: { x: 0.5, y: 0.5 },
          isExact: false,
          isPrecise: false,
          snap: 'none',
        },
      })
    }
  })

  const shapes: TLShape[] = [frame, ...regionShapes, ...componentShapes, ...arrows]
  return { frameId, shapes, bindings, records: [...shapes, ...bindings] }
}
