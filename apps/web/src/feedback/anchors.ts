import {
  COMPONENT_SHAPE_TYPE,
  getCatalogueEntry,
  getReferenceMeta,
  REGION_SHAPE_TYPE,
  richTextToPlain,
} from '@scaleboard/components/schema'
import { hasAnnotationMeta } from '@scaleboard/schema'
import type { TLRichText, TLShape } from 'tldraw'

/** The API's cap on a feedback point's anchors (`FeedbackPoint.shapeIds`). */
export const MAX_ANCHORS = 50

/** What a chip shows for an anchored shape that has been deleted from the board since. */
export const REMOVED_NAME = 'removed component'

/** The longest name a chip shows before it is cut with an ellipsis. */
const NAME_MAX = 40

/** One anchor of a feedback point, as the board has it now. */
export interface ResolvedAnchor {
  id: string
  /** readable: the component's name, "Flow: Gateway → Ranker", or "shape" */
  name: string
  /** false once the shape is gone from the board: shown as removed, skipped when highlighting */
  present: boolean
}

/**
 * The selected shapes a feedback point may anchor to: everything on the board layer. The
 * interviewer's annotations (`meta.annotation`) live on a layer of their own and are skipped.
 * The scenario's locked "current state" originals are kept: feedback often points at them
 * ("the single feature store in the current state is still the bottleneck"), and highlighting
 * them changes nothing on the board.
 */
export function anchorableIds(selected: readonly TLShape[]): string[] {
  return selected.filter((shape) => !hasAnnotationMeta(shape)).map((shape) => shape.id)
}

/** The anchors with `added` appended: no duplicates, the first ones kept, at most MAX_ANCHORS. */
export function addAnchors(current: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...current, ...added])].slice(0, MAX_ANCHORS)
}

export function sameAnchors(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index])
}

/** The names of an arrow's ends, when they are bound to shapes. */
export interface ArrowEnds {
  start?: string
  end?: string
}

/**
 * A readable name for a shape: a component's or region's own name (or its kind's label when
 * unnamed), an arrow as the flow between its ends (or by its label), a note or text by its first words, else "shape".
 * The scenario's locked originals say so, since a copy may carry the same name.
 */
export function shapeName(shape: TLShape, ends: ArrowEnds = {}): string {
  const name = baseName(shape, ends)
  const reference = getReferenceMeta(shape)
  return reference && reference.id === shape.id ? `${name} (${reference.label.toLowerCase()})` : name
}

function baseName(shape: TLShape, ends: ArrowEnds): string {
  const props = shape.props as Record<string, unknown>
  const own = typeof props.name === 'string' ? props.name.trim() : ''
  if (shape.type === COMPONENT_SHAPE_TYPE) {
    return clip(own || getCatalogueEntry(shape.props.kind).label)
  }
  if (shape.type === REGION_SHAPE_TYPE) return clip(own || 'Region')
  if (shape.type === 'arrow') {
    if (ends.start && ends.end) return `${ends.start} → ${ends.end}`
    const label = richTextToPlain(shape.props.richText).trim()
    return label ? `Flow: ${clip(label)}` : 'Flow'
  }
  if (own) return clip(own)
  const text = isRichText(props.richText) ? richTextToPlain(props.richText).trim() : ''
  return text ? clip(text) : 'shape'
}

function isRichText(value: unknown): value is TLRichText {
  return typeof value === 'object' && value !== null && 'type' in value
}

function clip(text: string): string {
  const single = text.replace(/\s+/g, ' ')
  return single.length > NAME_MAX ? `${single.slice(0, NAME_MAX - 1).trimEnd()}…` : single
}

/**
 * The anchors as the board has them now. `lookup` returns the shape (undefined once deleted) and,
 * for an arrow, the names of the shapes its ends are bound to.
 */
export function resolveAnchors(
  ids: readonly string[],
  lookup: (id: string) => { shape: TLShape; ends?: ArrowEnds } | undefined,
): ResolvedAnchor[] {
  return ids.map((id) => {
    const found = lookup(id)
    return found
      ? { id, name: shapeName(found.shape, found.ends), present: true }
      : { id, name: REMOVED_NAME, present: false }
  })
}

/** A rectangle in viewport pixels (relative to the editor's container). */
export interface ViewportRect {
  x: number
  y: number
  w: number
  h: number
}

/** The smallest rectangle around all of them, or null for none. */
export function unionRect(rects: readonly ViewportRect[]): ViewportRect | null {
  if (rects.length === 0) return null
  const minX = Math.min(...rects.map((r) => r.x))
  const minY = Math.min(...rects.map((r) => r.y))
  const maxX = Math.max(...rects.map((r) => r.x + r.w))
  const maxY = Math.max(...rects.map((r) => r.y + r.h))
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
}

/** `rect` grown by `pad` on every side. */
export function padRect(rect: ViewportRect, pad: number): ViewportRect {
  return { x: rect.x - pad, y: rect.y - pad, w: rect.w + 2 * pad, h: rect.h + 2 * pad }
}
