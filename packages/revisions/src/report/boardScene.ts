import { finite, isObject } from './read.ts'
import { shapeText, wrapText } from './svgText.ts'

/*
 * A board's records read for drawing: the shapes of one page in painter's order, each with its
 * page transform (parents resolved) and its box, and each arrow's bindings. Records arrive as
 * unknown JSON (stored, possibly old or odd): anything unreadable is left out, never thrown on.
 */

/** A 2D affine transform: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = readonly [a: number, b: number, c: number, d: number, e: number, f: number]

export interface Point {
  x: number
  y: number
}

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0]

export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ]
}

export function apply(m: Matrix, p: Point): Point {
  return { x: m[0] * p.x + m[2] * p.y + m[4], y: m[1] * p.x + m[3] * p.y + m[5] }
}

/** Inverse of a rigid transform (rotation and translation, which is all tldraw shapes have). */
export function invert(m: Matrix): Matrix {
  const det = m[0] * m[3] - m[1] * m[2] || 1
  const a = m[3] / det
  const b = -m[1] / det
  const c = -m[2] / det
  const d = m[0] / det
  return [a, b, c, d, -(a * m[4] + c * m[5]), -(b * m[4] + d * m[5])]
}

function localTransform(x: number, y: number, rotation: number): Matrix {
  const cos = Math.cos(rotation)
  const sin = Math.sin(rotation)
  return [cos, sin, -sin, cos, x, y]
}

export type Terminal = 'start' | 'end'

export interface SceneBinding {
  /** the shape the arrow's end is bound to */
  toId: string
  /** where on it, 0–1 of its box; used when `isPrecise` */
  anchor: Point
  isPrecise: boolean
  /** the end sits exactly at the anchor, inside the shape (not clipped to its edge) */
  isExact: boolean
}

export interface SceneShape {
  id: string
  type: string
  props: Readonly<Record<string, unknown>>
  meta: Readonly<Record<string, unknown>>
  /** local → page coordinates, through every parent */
  transform: Matrix
  /** its box in its own coordinates, from (0, 0); null for shapes without one (arrows, lines, groups) */
  size: { w: number; h: number } | null
  /** drawn on the interviewer's annotations layer */
  annotation: boolean
}

export interface BoardScene {
  /** every shape of the page, parents before children, siblings in z-order */
  shapes: SceneShape[]
  byId: ReadonlyMap<string, SceneShape>
  bindings: ReadonlyMap<string, Partial<Record<Terminal, SceneBinding>>>
}

function positive(value: unknown, fallback: number): number {
  const n = finite(value, fallback)
  return n > 0 ? n : fallback
}

// tldraw's own sizes: a note is 200 × 200 (plus growY), text sizes by its size style
const NOTE_SIZE = 200
const TEXT_FONT_SIZES: Record<string, number> = { s: 18, m: 24, l: 36, xl: 44 }
export const TEXT_LINE_HEIGHT = 1.35

/** A text shape's font size on the page, as tldraw sizes it. */
export function textFontSize(props: Readonly<Record<string, unknown>>): number {
  return (TEXT_FONT_SIZES[String(props.size)] ?? TEXT_FONT_SIZES.m) * positive(props.scale, 1)
}
const BOX_TYPES = new Set(['component', 'region', 'frame', 'geo', 'image', 'video', 'embed', 'bookmark'])
// parent chains are short; the cap only guards against absurdly deep (corrupt) nesting
const MAX_DEPTH = 64

function sizeOf(type: string, props: Record<string, unknown>) {
  const scale = positive(props.scale, 1)
  if (type === 'note') {
    return { w: NOTE_SIZE * scale, h: (NOTE_SIZE + Math.max(0, finite(props.growY, 0))) * scale }
  }
  if (type === 'text') {
    const fontSize = textFontSize(props)
    const w = positive(props.w, 8) * scale
    return { w, h: Math.max(1, wrapText(shapeText(props), w, fontSize).length) * fontSize * TEXT_LINE_HEIGHT }
  }
  if (BOX_TYPES.has(type) || ('w' in props && 'h' in props)) {
    const growY = type === 'geo' ? Math.max(0, finite(props.growY, 0)) : 0
    return { w: positive(props.w, 1), h: positive(props.h, 1) + growY }
  }
  return null
}

interface RawShape {
  id: string
  type: string
  parentId: string
  index: string
  x: number
  y: number
  rotation: number
  props: Record<string, unknown>
  meta: Record<string, unknown>
}

function readShape(record: Record<string, unknown>): RawShape | null {
  if (typeof record.id !== 'string' || typeof record.type !== 'string' || typeof record.parentId !== 'string')
    return null
  return {
    id: record.id,
    type: record.type,
    parentId: record.parentId,
    index: typeof record.index === 'string' ? record.index : '',
    x: finite(record.x, 0),
    y: finite(record.y, 0),
    rotation: finite(record.rotation, 0),
    props: isObject(record.props) ? record.props : {},
    meta: isObject(record.meta) ? record.meta : {},
  }
}

function byIndexThenId(a: { index: string; id: string }, b: { index: string; id: string }): number {
  // tldraw's fractional indices sort as plain strings (code unit order, not the locale's)
  if (a.index !== b.index) return a.index < b.index ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * Which page to draw: the one asked for, else the first page record by index, else the page most
 * shapes sit on directly (records without their page record).
 */
function choosePage(
  pages: Array<{ id: string; index: string }>,
  shapes: RawShape[],
  wanted?: string,
): string | null {
  if (wanted) return wanted
  if (pages.length > 0) return [...pages].sort(byIndexThenId)[0].id
  const counts = new Map<string, number>()
  for (const shape of shapes)
    if (shape.parentId.startsWith('page:')) counts.set(shape.parentId, (counts.get(shape.parentId) ?? 0) + 1)
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  return ranked[0]?.[0] ?? null
}

export function readBoardScene(
  records: ReadonlyMap<string, unknown> | readonly unknown[],
  pageId?: string,
): BoardScene {
  const list = Array.isArray(records) ? records : [...(records as ReadonlyMap<string, unknown>).values()]
  const raw: RawShape[] = []
  const pages: Array<{ id: string; index: string }> = []
  const bindings = new Map<string, Partial<Record<Terminal, SceneBinding>>>()
  for (const record of list) {
    if (!isObject(record)) continue
    if (record.typeName === 'shape') {
      const shape = readShape(record)
      if (shape) raw.push(shape)
    } else if (record.typeName === 'page' && typeof record.id === 'string') {
      pages.push({ id: record.id, index: typeof record.index === 'string' ? record.index : '' })
    } else if (record.typeName === 'binding' && record.type === 'arrow') {
      const props = isObject(record.props) ? record.props : {}
      const terminal = props.terminal
      if (terminal !== 'start' && terminal !== 'end') continue
      if (typeof record.fromId !== 'string' || typeof record.toId !== 'string') continue
      const anchor = isObject(props.normalizedAnchor) ? props.normalizedAnchor : {}
      const ends = bindings.get(record.fromId) ?? {}
      ends[terminal] = {
        toId: record.toId,
        anchor: { x: finite(anchor.x, 0.5), y: finite(anchor.y, 0.5) },
        isPrecise: props.isPrecise === true,
        isExact: props.isExact === true,
      }
      bindings.set(record.fromId, ends)
    }
  }

  const page = choosePage(pages, raw, pageId)
  const children = new Map<string, RawShape[]>()
  for (const shape of raw) {
    const siblings = children.get(shape.parentId) ?? []
    siblings.push(shape)
    children.set(shape.parentId, siblings)
  }
  for (const siblings of children.values()) siblings.sort(byIndexThenId)

  const shapes: SceneShape[] = []
  const visit = (parentId: string, parentTransform: Matrix, depth: number) => {
    if (depth > MAX_DEPTH) return
    for (const shape of children.get(parentId) ?? []) {
      const transform = multiply(parentTransform, localTransform(shape.x, shape.y, shape.rotation))
      shapes.push({
        id: shape.id,
        type: shape.type,
        props: shape.props,
        meta: shape.meta,
        transform,
        size: sizeOf(shape.type, shape.props),
        annotation: shape.meta.annotation !== undefined,
      })
      visit(shape.id, transform, depth + 1)
    }
  }
  if (page) visit(page, IDENTITY, 0)
  return { shapes, byId: new Map(shapes.map((shape) => [shape.id, shape])), bindings }
}
