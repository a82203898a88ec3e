/*
 * The board layer of a revision as the diff reads it: shapes by id and, for each arrow, the shapes
 * its two ends are bound to. Records arrive as unknown JSON; anything that is not a readable shape
 * or arrow binding is left out here, so the rest of the diff never meets odd input.
 */

export type Terminal = 'start' | 'end'

export interface BoardShape {
  id: string
  /** tldraw shape type: 'component', 'region', 'arrow', 'note', 'geo', 'text', 'frame', … */
  type: string
  /** a page or a parent shape */
  parentId: string
  /** relative to the parent, as tldraw stores them */
  x: number
  y: number
  /** radians */
  rotation: number
  props: Readonly<Record<string, unknown>>
  meta: Readonly<Record<string, unknown>>
}

/** The shapes an arrow's ends are bound to; an end left out is loose. */
export type ArrowEnds = Partial<Record<Terminal, string>>

export interface BoardView {
  shapes: ReadonlyMap<string, BoardShape>
  ends: ReadonlyMap<string, ArrowEnds>
}

// parent chains are short; the cap only guards against a cycle in corrupt records
const MAX_PARENT_DEPTH = 64

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function finiteOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

function readShape(record: Record<string, unknown>, id: string): BoardShape | undefined {
  if (typeof record.type !== 'string') return undefined
  const meta = isObject(record.meta) ? record.meta : {}
  // interviewer annotations live in their own document; one found here is not the candidate's design
  if (meta.annotation !== undefined) return undefined
  return {
    id,
    type: record.type,
    parentId: typeof record.parentId === 'string' ? record.parentId : '',
    x: finiteOr(record.x, 0),
    y: finiteOr(record.y, 0),
    rotation: finiteOr(record.rotation, 0),
    props: isObject(record.props) ? record.props : {},
    meta,
  }
}

interface ArrowBinding {
  id: string
  arrowId: string
  shapeId: string
  terminal: Terminal
}

function readArrowBinding(record: Record<string, unknown>, id: string): ArrowBinding | undefined {
  if (record.type !== 'arrow') return undefined
  const terminal = isObject(record.props) ? record.props.terminal : undefined
  if (terminal !== 'start' && terminal !== 'end') return undefined
  if (typeof record.fromId !== 'string' || typeof record.toId !== 'string') return undefined
  return { id, arrowId: record.fromId, shapeId: record.toId, terminal }
}

export function readBoard(records: ReadonlyMap<string, unknown>): BoardView {
  const shapes = new Map<string, BoardShape>()
  const bindings: ArrowBinding[] = []
  for (const record of records.values()) {
    if (!isObject(record) || typeof record.id !== 'string') continue
    if (record.typeName === 'shape') {
      const shape = readShape(record, record.id)
      if (shape) shapes.set(shape.id, shape)
    } else if (record.typeName === 'binding') {
      const binding = readArrowBinding(record, record.id)
      if (binding) bindings.push(binding)
    }
  }
  // two bindings on one terminal is corrupt; keep the same one whatever order the records came in
  bindings.sort((a, b) => byCodeUnits(a.id, b.id))
  const ends = new Map<string, ArrowEnds>()
  for (const { arrowId, shapeId, terminal } of bindings) {
    if (shapes.get(arrowId)?.type !== 'arrow' || !shapes.has(shapeId)) continue
    const arrowEnds = ends.get(arrowId) ?? {}
    arrowEnds[terminal] ??= shapeId
    ends.set(arrowId, arrowEnds)
  }
  return { shapes, ends }
}

export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The shape's parents, nearest first (pages are not shapes, so a chain ends at its page). */
export function ancestorsOf(board: BoardView, shape: BoardShape): BoardShape[] {
  const chain: BoardShape[] = []
  let parent = board.shapes.get(shape.parentId)
  while (parent && chain.length < MAX_PARENT_DEPTH && parent !== shape && !chain.includes(parent)) {
    chain.push(parent)
    parent = board.shapes.get(parent.parentId)
  }
  return chain
}

/** The region a shape sits in (the nearest one when regions nest). */
export function regionOf(board: BoardView, shape: BoardShape): BoardShape | undefined {
  return ancestorsOf(board, shape).find((a) => a.type === 'region')
}

/** The shape's top-left on the page, through its parents' positions and rotations. */
export function pagePosition(board: BoardView, shape: BoardShape): { x: number; y: number } {
  let { x, y } = shape
  for (const parent of ancestorsOf(board, shape)) {
    const cos = Math.cos(parent.rotation)
    const sin = Math.sin(parent.rotation)
    ;[x, y] = [parent.x + x * cos - y * sin, parent.y + x * sin + y * cos]
  }
  return { x, y }
}
