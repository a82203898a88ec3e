/*
 * The board as the analysis reads it: component cards are nodes with their figures, arrows bound
 * at both ends to cards are flows, region shapes group the cards inside them. Records arrive as
 * unknown JSON (a stored board, a revision, the live store's records); anything unreadable is left
 * out, so the model never meets odd input. This is the analysis' own small reader: the one in
 * @scaleboard/revisions (diff/boardView.ts) is not exported and carries what a diff needs.
 */

import {
  COMPONENT_CATALOGUE,
  formatFlowLabel,
  parseFlowLabel,
  readFlowMeta,
  richTextToPlain,
} from '@scaleboard/components/schema'
import { type ComponentFigures, ComponentKind, type FlowMode } from '@scaleboard/schema'
import type { AnalysisScope } from '../types.ts'

export interface BoardNode {
  id: string
  kind: ComponentKind
  name: string
  figures: ComponentFigures
  /** the nearest region shape it sits in */
  regionId: string | null
}

export interface BoardFlow {
  /** the arrow's shape id */
  id: string
  from: string
  to: string
  mode: FlowMode
  /** the peak rate written on the arrow, if any */
  rps?: number
  /** calls along the arrow per request its source receives (default 1) */
  callsPerRequest: number
}

export interface BoardRegion {
  id: string
  name: string
}

export interface BoardGraph {
  scope: AnalysisScope
  /** in the order the records came, which the model keeps wherever order shows */
  nodes: Map<string, BoardNode>
  flows: BoardFlow[]
  regions: Map<string, BoardRegion>
}

/** Board records as a store snapshot (id → record) or a plain list. */
export type BoardRecords = ReadonlyMap<string, unknown> | Iterable<unknown>

/** `auto`: the candidate's design once it has a component card, else the reference drawing. */
export type ScopeOption = AnalysisScope | 'auto'

/** A shape record as stored: only what the reader checked is typed. */
interface RawShape {
  id: string
  type: string
  parentId?: unknown
  props: Record<string, unknown>
  meta?: Record<string, unknown>
}

const KINDS = new Set<string>(ComponentKind.options)
// parent chains are short; the cap only guards against a cycle in corrupt records
const MAX_PARENT_DEPTH = 64

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Part of the scenario's reference drawing: it carries `meta.reference` naming itself (a copy names its original). */
function isReference(shape: RawShape): boolean {
  const reference = shape.meta?.reference
  return isObject(reference) && reference.id === shape.id
}

function readFigures(value: unknown): ComponentFigures {
  if (!isObject(value)) return {}
  const figures: Record<string, number | string> = {}
  for (const [name, figure] of Object.entries(value)) {
    if (name === 'hardware') {
      if (typeof figure === 'string') figures.hardware = figure
    } else if (typeof figure === 'number' && Number.isFinite(figure) && figure >= 0) {
      if ((name === 'availability' || name === 'cacheHitRate') && figure > 1) continue
      figures[name] = figure
    }
  }
  return figures as ComponentFigures
}

function labelText(props: Record<string, unknown>): string {
  const richText = props.richText
  if (isObject(richText)) return richTextToPlain(richText as Parameters<typeof richTextToPlain>[0])
  return typeof props.text === 'string' ? props.text : ''
}

/**
 * An arrow's flow: its `meta.flow`, exact, while the label still says what the meta would draw;
 * else what its label says (the same rule as the canvas' getArrowFlow). An arrow with neither is a
 * plain call: sync, or async when drawn dashed or dotted, as the canvas draws async flows.
 */
type ArrowFlow = Pick<BoardFlow, 'mode' | 'rps' | 'callsPerRequest'>

// Store records are immutable (a change replaces the record), so what is read from a record is
// kept for as long as the record lives: a recompute after an edit reads only what changed, and
// allocates little. Keyed weakly, so nothing is kept for records the store has dropped.
const flowCache = new WeakMap<object, BoardFlow>()
const nodeCache = new WeakMap<object, BoardNode>()

/** The arrow's flow between these two cards, the one read last time when nothing changed. */
function readFlow(arrow: RawShape, from: string, to: string): BoardFlow {
  const cached = flowCache.get(arrow)
  if (cached && cached.from === from && cached.to === to) return cached
  const flow = { id: arrow.id, from, to, ...parseArrowFlow(arrow) }
  flowCache.set(arrow, flow)
  return flow
}

function readNode(card: RawShape, regionId: string | null): BoardNode {
  const cached = nodeCache.get(card)
  if (cached && cached.regionId === regionId) return cached
  const kind = card.props.kind as ComponentKind
  const name = typeof card.props.name === 'string' ? card.props.name.trim() : ''
  const node = {
    id: card.id,
    kind,
    name: name || COMPONENT_CATALOGUE[kind].label,
    figures: readFigures(card.props.figures),
    regionId,
  }
  nodeCache.set(card, node)
  return node
}

function parseArrowFlow(arrow: RawShape): ArrowFlow {
  const text = labelText(arrow.props)
  const stored = readFlowMeta(arrow.meta)
  const flow = stored && formatFlowLabel(stored) === text ? stored : parseFlowLabel(text)
  if (!flow) {
    const dash = arrow.props.dash
    return { mode: dash === 'dashed' || dash === 'dotted' ? 'async' : 'sync', callsPerRequest: 1 }
  }
  return {
    mode: flow.mode,
    ...(flow.rps === undefined ? {} : { rps: flow.rps }),
    callsPerRequest: flow.callsPerRequest ?? 1,
  }
}

function isShape(record: unknown): record is RawShape {
  if (!isObject(record) || record.typeName !== 'shape') return false
  if (typeof record.id !== 'string' || typeof record.type !== 'string' || !isObject(record.props))
    return false
  // interviewer annotations are not the candidate's design
  return !(isObject(record.meta) && record.meta.annotation !== undefined)
}

/** Records by id: a store snapshot already is one; a list is indexed once. */
function byId(records: BoardRecords): ReadonlyMap<string, unknown> {
  if (records instanceof Map) return records
  const map = new Map<string, unknown>()
  for (const record of records as Iterable<unknown>)
    if (isObject(record) && typeof record.id === 'string') map.set(record.id, record)
  return map
}

export function readBoardGraph(records: BoardRecords, scopeOption: ScopeOption = 'auto'): BoardGraph {
  const all = byId(records)
  const shapeOf = (id: unknown) => {
    if (typeof id !== 'string') return undefined
    const record = all.get(id)
    return isShape(record) ? record : undefined
  }
  const cards: RawShape[] = []
  const regionShapes: RawShape[] = []
  const ends = new Map<string, { start?: string; end?: string }>()
  for (const record of all.values()) {
    if (isShape(record)) {
      if (
        record.type === 'component' &&
        typeof record.props.kind === 'string' &&
        KINDS.has(record.props.kind)
      )
        cards.push(record)
      else if (record.type === 'region') regionShapes.push(record)
    } else if (isObject(record) && record.typeName === 'binding' && record.type === 'arrow') {
      const terminal = isObject(record.props) ? record.props.terminal : undefined
      if ((terminal !== 'start' && terminal !== 'end') || typeof record.fromId !== 'string') continue
      if (typeof record.toId !== 'string') continue
      let arrowEnds = ends.get(record.fromId)
      if (!arrowEnds) {
        arrowEnds = {}
        ends.set(record.fromId, arrowEnds)
      }
      // two bindings on one terminal is corrupt; keep the same end whatever the record order
      const known = arrowEnds[terminal]
      if (known === undefined || record.toId < known) arrowEnds[terminal] = record.toId
    }
  }

  const scope: AnalysisScope =
    scopeOption === 'auto' ? (cards.some((s) => !isReference(s)) ? 'design' : 'reference') : scopeOption
  const inScope = (s: RawShape) => scope === 'all' || isReference(s) === (scope === 'reference')

  const regions = new Map<string, BoardRegion>()
  for (const shape of regionShapes)
    if (inScope(shape))
      regions.set(shape.id, {
        id: shape.id,
        name: typeof shape.props.name === 'string' ? shape.props.name : '',
      })

  const regionOf = (shape: RawShape): string | null => {
    let parent = shapeOf(shape.parentId)
    for (let depth = 0; parent && depth < MAX_PARENT_DEPTH; depth++) {
      if (regions.has(parent.id)) return parent.id
      parent = shapeOf(parent.parentId)
    }
    return null
  }

  const nodes = new Map<string, BoardNode>()
  for (const card of cards) if (inScope(card)) nodes.set(card.id, readNode(card, regionOf(card)))

  const flows: BoardFlow[] = []
  for (const [arrowId, { start, end }] of ends) {
    const arrow = shapeOf(arrowId)
    if (arrow?.type !== 'arrow' || !inScope(arrow) || !start || !end || start === end) continue
    if (!nodes.has(start) || !nodes.has(end)) continue
    flows.push(readFlow(arrow, start, end))
  }
  // the same board gives the same result whatever order its bindings were stored in
  flows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { scope, nodes, flows, regions }
}
