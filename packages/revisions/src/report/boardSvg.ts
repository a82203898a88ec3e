import {
  COMPONENT_CATALOGUE,
  formatFigures,
  formatFlowLabel,
  GROUP_LABELS,
  readFlowMeta,
} from '@scaleboard/components/schema'
import type { ComponentKind } from '@scaleboard/schema'
import {
  apply,
  type BoardScene,
  invert,
  type Matrix,
  type Point,
  readBoardScene,
  type SceneShape,
  type Terminal,
  textFontSize,
} from './boardScene.ts'
import { escapeXml } from './escape.ts'
import { finite, isObject } from './read.ts'
import { shapeText, textWidth, truncate, wrapText } from './svgText.ts'

/**
 * An SVG document made by `boardSvg`: only such a string is inlined into a report's HTML, so the
 * type says where it came from (every text in it escaped, no script, no external reference).
 */
export type BoardSvg = string & { readonly __brand: 'BoardSvg' }

export interface BoardSvgOptions {
  /** the page to draw (default: the board's first page) */
  pageId?: string
  /** the accessible name of the image, e.g. the revision's label (default "Board") */
  title?: string
  /** the largest width and height attributes, in px; the drawing is scaled down to fit (default 1200 × 1600) */
  maxWidth?: number
  maxHeight?: number
  /** space around the content, in board units (default 32) */
  margin?: number
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
const INK = '#111827'
const MUTED = '#5b6475'
const CARD_BORDER = '#c9d0db'
const LINE = '#4b5563'
const ANNOTATION = '#7c3aed'
const CARD_RADIUS = 10
const REGION_RADIUS = 14

// the cards' group accents, as on the live board (components.css)
const GROUP_ACCENTS: Record<string, string> = {
  traffic: '#2563eb',
  compute: '#7c3aed',
  data: '#0f766e',
  async: '#c2410c',
  operations: '#475569',
}

// tldraw's light-theme colours, for notes, geo shapes, lines and plain arrows
const TL_COLOURS: Record<string, string> = {
  black: '#1d1d1d',
  grey: '#9fa8b2',
  'light-violet': '#e085f4',
  violet: '#ae3ec9',
  blue: '#4465e9',
  'light-blue': '#4ba1f1',
  yellow: '#f1ac4b',
  orange: '#e16919',
  green: '#099268',
  'light-green': '#4cb05e',
  'light-red': '#f87777',
  red: '#e03131',
  white: '#ffffff',
}

/** Rounded to a tenth, never "-0": the output is the same on every machine. */
function num(n: number): string {
  const r = Math.round(n * 10) / 10
  return String(r === 0 ? 0 : r)
}

function colour(name: unknown, fallback: string): string {
  return TL_COLOURS[String(name)] ?? fallback
}

/** `hex` mixed with white: the soft fills of notes and filled shapes. */
function tint(hex: string, amount: number): string {
  const channel = (i: number) => {
    const value = Number.parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16)
    return Math.round(value + (255 - value) * amount)
      .toString(16)
      .padStart(2, '0')
  }
  return `#${channel(0)}${channel(1)}${channel(2)}`
}

class Bounds {
  minX = Number.POSITIVE_INFINITY
  minY = Number.POSITIVE_INFINITY
  maxX = Number.NEGATIVE_INFINITY
  maxY = Number.NEGATIVE_INFINITY

  add(p: Point) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return
    this.minX = Math.min(this.minX, p.x)
    this.minY = Math.min(this.minY, p.y)
    this.maxX = Math.max(this.maxX, p.x)
    this.maxY = Math.max(this.maxY, p.y)
  }

  /** a box in a shape's own coordinates, through its page transform */
  addBox(m: Matrix, x: number, y: number, w: number, h: number) {
    for (const corner of [
      { x, y },
      { x: x + w, y },
      { x, y: y + h },
      { x: x + w, y: y + h },
    ])
      this.add(apply(m, corner))
  }

  get empty() {
    return this.minX > this.maxX
  }
}

function transformAttr(m: Matrix): string {
  const rigidNoRotation = Math.abs(m[0] - 1) < 1e-9 && Math.abs(m[1]) < 1e-9 && Math.abs(m[2]) < 1e-9
  return rigidNoRotation
    ? `translate(${num(m[4])} ${num(m[5])})`
    : `matrix(${[m[0], m[1], m[2], m[3]].map((v) => String(Math.round(v * 1e4) / 1e4 || 0)).join(' ')} ${num(m[4])} ${num(m[5])})`
}

interface TextLine {
  text: string
  size: number
  bold?: boolean
  fill?: string
}

/** Lines of text from (x, y) downwards, `y` being the top of the first line. */
function textBlock(
  lines: TextLine[],
  x: number,
  y: number,
  anchor: 'start' | 'middle' | 'end' = 'start',
): string {
  let top = y
  const parts: string[] = []
  for (const line of lines) {
    top += line.size * 1.05
    if (line.text === '') {
      top += line.size * 0.25
      continue
    }
    const weight = line.bold ? ' font-weight="600"' : ''
    const anchorAttr = anchor === 'start' ? '' : ` text-anchor="${anchor}"`
    parts.push(
      `<text x="${num(x)}" y="${num(top)}" font-size="${num(line.size)}" fill="${line.fill ?? INK}"${weight}${anchorAttr}>${escapeXml(line.text)}</text>`,
    )
    top += line.size * 0.3
  }
  return parts.join('')
}

function group(shape: SceneShape, body: string, label: string): string {
  return `<g transform="${transformAttr(shape.transform)}" data-shape="${escapeXml(shape.type)}" aria-label="${escapeXml(label)}">${body}</g>`
}

function componentCard(shape: SceneShape, w: number, h: number): string {
  const kind = String(shape.props.kind)
  const entry = (COMPONENT_CATALOGUE as Partial<Record<string, (typeof COMPONENT_CATALOGUE)[ComponentKind]>>)[
    kind
  ]
  const kindLabel = entry?.label ?? kind
  const name =
    typeof shape.props.name === 'string' && shape.props.name.trim() ? shape.props.name.trim() : kindLabel
  const detail = typeof shape.props.detail === 'string' ? shape.props.detail.trim() : ''
  let figures = ''
  if (entry && isObject(shape.props.figures)) {
    try {
      figures = formatFigures(kind as ComponentKind, shape.props.figures)
    } catch {
      // figures that do not read are left off the schematic, not fatal to the report
    }
  }
  const accent = shape.annotation ? ANNOTATION : (GROUP_ACCENTS[entry?.group ?? ''] ?? MUTED)
  const inner = Math.max(8, w - 26)
  const lines: TextLine[] = []
  let room = h - 16
  const push = (line: TextLine) => {
    const height = line.size * 1.35
    if (room < height) return false
    lines.push(line)
    room -= height
    return true
  }
  if (name !== kindLabel) push({ text: truncate(kindLabel.toUpperCase(), inner, 10), size: 10, fill: MUTED })
  for (const text of wrapText(name, inner, 14, 2, true)) push({ text, size: 14, bold: true })
  if (detail) for (const text of wrapText(detail, inner, 12, 2)) push({ text, size: 12, fill: MUTED })
  if (figures) for (const text of wrapText(figures, inner, 11, 2)) push({ text, size: 11, fill: MUTED })
  const stroke = shape.annotation ? ANNOTATION : CARD_BORDER
  const groupLabel = entry ? GROUP_LABELS[entry.group] : ''
  return group(
    shape,
    `<rect width="${num(w)}" height="${num(h)}" rx="${CARD_RADIUS}" fill="#ffffff" stroke="${stroke}" stroke-width="1.2"/>` +
      `<rect x="4" y="8" width="3.5" height="${num(Math.max(4, h - 16))}" rx="1.75" fill="${accent}"/>` +
      textBlock(lines, 16, 8),
    [kindLabel, name, detail, groupLabel].filter(Boolean).join(', '),
  )
}

function region(shape: SceneShape, w: number, h: number): string {
  const name = typeof shape.props.name === 'string' ? shape.props.name.trim() : ''
  const detail = typeof shape.props.detail === 'string' ? shape.props.detail.trim() : ''
  const stroke = shape.annotation ? ANNOTATION : '#94a3b8'
  const lines: TextLine[] = []
  if (name) lines.push({ text: truncate(name, w - 24, 13, true), size: 13, bold: true, fill: '#334155' })
  if (detail) lines.push({ text: truncate(detail, w - 24, 11), size: 11, fill: MUTED })
  return group(
    shape,
    `<rect width="${num(w)}" height="${num(h)}" rx="${REGION_RADIUS}" fill="#f1f5f9" fill-opacity="0.6" stroke="${stroke}" stroke-width="1.2" stroke-dasharray="8 5"/>` +
      textBlock(lines, 12, 6),
    `Region ${name}`,
  )
}

function frame(shape: SceneShape, w: number, h: number, bounds: Bounds): string {
  const name = typeof shape.props.name === 'string' ? shape.props.name.trim() : ''
  bounds.addBox(shape.transform, 0, -22, w, 22)
  const label = name
    ? `<text x="0" y="-8" font-size="12" fill="${MUTED}">${escapeXml(truncate(name, w, 12))}</text>`
    : ''
  return group(
    shape,
    `<rect width="${num(w)}" height="${num(h)}" rx="4" fill="none" stroke="${shape.annotation ? ANNOTATION : '#9ca3af'}" stroke-width="1.2"/>${label}`,
    `Frame ${name}`,
  )
}

function textInBox(text: string, w: number, h: number, size: number, fill: string, centre = true): string {
  const lineHeight = size * 1.35
  const lines = wrapText(text, Math.max(8, w - 16), size, Math.max(1, Math.floor((h - 12) / lineHeight)))
  const blockHeight = lines.length * lineHeight
  const top = centre ? Math.max(6, (h - blockHeight) / 2) : 8
  return textBlock(
    lines.map((line) => ({ text: line, size, fill })),
    centre ? w / 2 : 8,
    top,
    centre ? 'middle' : 'start',
  )
}

function note(shape: SceneShape, w: number, h: number): string {
  const base = shape.annotation ? ANNOTATION : colour(shape.props.color, TL_COLOURS.yellow)
  const scale = finite(shape.props.scale, 1)
  const text = shapeText(shape.props)
  return group(
    shape,
    `<rect width="${num(w)}" height="${num(h)}" rx="4" fill="${tint(base, 0.72)}" stroke="${tint(base, 0.3)}" stroke-width="1"/>` +
      textInBox(text, w, h, 15 * scale, INK),
    `Note ${text}`,
  )
}

function geo(shape: SceneShape, w: number, h: number): string {
  const stroke = shape.annotation ? ANNOTATION : colour(shape.props.color, TL_COLOURS.black)
  const fill = shape.props.fill && shape.props.fill !== 'none' ? tint(stroke, 0.8) : 'none'
  const dash = dashArray(shape.props.dash)
  const common = `fill="${fill}" stroke="${stroke}" stroke-width="1.6"${dash}`
  const kind = String(shape.props.geo)
  let outline: string
  if (kind === 'ellipse' || kind === 'oval')
    outline = `<ellipse cx="${num(w / 2)}" cy="${num(h / 2)}" rx="${num(w / 2)}" ry="${num(h / 2)}" ${common}/>`
  else if (kind === 'diamond')
    outline = `<polygon points="${num(w / 2)},0 ${num(w)},${num(h / 2)} ${num(w / 2)},${num(h)} 0,${num(h / 2)}" ${common}/>`
  else outline = `<rect width="${num(w)}" height="${num(h)}" rx="4" ${common}/>`
  const text = shapeText(shape.props)
  const size = 15 * finite(shape.props.scale, 1)
  return group(shape, outline + (text ? textInBox(text, w, h, size, INK) : ''), `Shape ${text}`)
}

function text(shape: SceneShape, w: number): string {
  const size = textFontSize(shape.props)
  const fill = shape.annotation ? ANNOTATION : colour(shape.props.color, TL_COLOURS.black)
  const align =
    shape.props.textAlign === 'middle' ? 'middle' : shape.props.textAlign === 'end' ? 'end' : 'start'
  const x = align === 'middle' ? w / 2 : align === 'end' ? w : 0
  const content = shapeText(shape.props)
  const lines = wrapText(content, w, size).map((line) => ({ text: line, size, fill }))
  return group(shape, textBlock(lines, x, 0, align), `Text ${content}`)
}

function placeholder(shape: SceneShape, w: number, h: number): string {
  return group(
    shape,
    `<rect width="${num(w)}" height="${num(h)}" rx="4" fill="#f3f4f6" stroke="${CARD_BORDER}"/>` +
      textInBox(shape.type, w, h, 12, MUTED),
    shape.type,
  )
}

function line(shape: SceneShape, bounds: Bounds): string {
  const points = isObject(shape.props.points) ? Object.values(shape.props.points) : []
  const ordered = points
    .filter(isObject)
    .map((p) => ({ index: typeof p.index === 'string' ? p.index : '', x: finite(p.x, 0), y: finite(p.y, 0) }))
    .sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0))
  if (ordered.length < 2) return ''
  for (const p of ordered) bounds.add(apply(shape.transform, p))
  const stroke = shape.annotation ? ANNOTATION : colour(shape.props.color, TL_COLOURS.black)
  return group(
    shape,
    `<polyline points="${ordered.map((p) => `${num(p.x)},${num(p.y)}`).join(' ')}" fill="none" stroke="${stroke}" stroke-width="1.6"${dashArray(shape.props.dash)}/>`,
    'Line',
  )
}

function dashArray(dash: unknown): string {
  if (dash === 'dashed') return ' stroke-dasharray="7 5"'
  if (dash === 'dotted') return ' stroke-dasharray="1.5 4" stroke-linecap="round"'
  return ''
}

// ------------------------------------------------------------------------------------------------
// Arrows: from the shapes their bindings point to, or their own loose ends

function sub(a: Point, b: Point): Point {
  return { x: a.x - b.x, y: a.y - b.y }
}

function unit(v: Point): Point {
  const length = Math.hypot(v.x, v.y)
  return length ? { x: v.x / length, y: v.y / length } : { x: 1, y: 0 }
}

function lerp(a: Point, b: Point, t: number): Point {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t }
}

/**
 * Where the segment from `inside` (in the shape's box) towards `toward` leaves the shape's box:
 * the arrow then starts or ends at the card's edge, not its centre. Unchanged when `toward` is
 * inside the box too (overlapping shapes).
 */
function exitPoint(target: SceneShape, inside: Point, toward: Point): Point {
  if (!target.size) return inside
  const { w, h } = target.size
  const back = invert(target.transform)
  const p0 = apply(back, inside)
  const p1 = apply(back, toward)
  const isIn = (p: Point) => p.x >= 0 && p.x <= w && p.y >= 0 && p.y <= h
  if (!isIn(p0) || isIn(p1)) return inside
  const d = sub(p1, p0)
  let t = 1
  if (d.x > 0) t = Math.min(t, (w - p0.x) / d.x)
  if (d.x < 0) t = Math.min(t, -p0.x / d.x)
  if (d.y > 0) t = Math.min(t, (h - p0.y) / d.y)
  if (d.y < 0) t = Math.min(t, -p0.y / d.y)
  return apply(target.transform, lerp(p0, p1, Math.max(0, t)))
}

function arrowhead(tip: Point, direction: Point, fill: string): string {
  const u = unit(direction)
  const base = { x: tip.x - u.x * 10, y: tip.y - u.y * 10 }
  const left = { x: base.x - u.y * 4.5, y: base.y + u.x * 4.5 }
  const right = { x: base.x + u.y * 4.5, y: base.y - u.x * 4.5 }
  return `<polygon points="${[tip, left, right].map((p) => `${num(p.x)},${num(p.y)}`).join(' ')}" fill="${fill}"/>`
}

function arrow(shape: SceneShape, scene: BoardScene, bounds: Bounds): string {
  const ends = scene.bindings.get(shape.id) ?? {}
  const loose = (terminal: Terminal): Point => {
    const p = isObject(shape.props[terminal]) ? (shape.props[terminal] as Record<string, unknown>) : {}
    return apply(shape.transform, { x: finite(p.x, 0), y: finite(p.y, 0) })
  }
  const anchorOf = (terminal: Terminal): { point: Point; target: SceneShape | null; exact: boolean } => {
    const binding = ends[terminal]
    const target = binding ? scene.byId.get(binding.toId) : undefined
    if (!binding || !target?.size) return { point: loose(terminal), target: null, exact: true }
    const anchor = binding.isPrecise ? binding.anchor : { x: 0.5, y: 0.5 }
    return {
      point: apply(target.transform, { x: anchor.x * target.size.w, y: anchor.y * target.size.h }),
      target,
      exact: binding.isExact,
    }
  }
  const start = anchorOf('start')
  const end = anchorOf('end')
  const bend = finite(shape.props.bend, 0)
  const u = unit(sub(end.point, start.point))
  // tldraw puts the arc's middle at bend × the left-hand normal of start → end
  const middle = {
    x: (start.point.x + end.point.x) / 2 - u.y * bend,
    y: (start.point.y + end.point.y) / 2 + u.x * bend,
  }
  const a = start.target && !start.exact ? exitPoint(start.target, start.point, middle) : start.point
  const b = end.target && !end.exact ? exitPoint(end.target, end.point, middle) : end.point
  if (Math.hypot(b.x - a.x, b.y - a.y) < 1) return ''
  const curved = Math.abs(bend) >= 1
  // a quadratic through `middle` at t = ½: the arc, near enough for a schematic
  const control = curved
    ? { x: 2 * middle.x - (a.x + b.x) / 2, y: 2 * middle.y - (a.y + b.y) / 2 }
    : lerp(a, b, 0.5)
  const at = (t: number): Point =>
    curved
      ? {
          x: (1 - t) ** 2 * a.x + 2 * (1 - t) * t * control.x + t ** 2 * b.x,
          y: (1 - t) ** 2 * a.y + 2 * (1 - t) * t * control.y + t ** 2 * b.y,
        }
      : lerp(a, b, t)
  for (const p of [a, b, control]) bounds.add(p)

  const flow = readFlowMeta(shape.meta as Record<string, unknown>)
  const stroke = shape.annotation ? ANNOTATION : flow ? LINE : colour(shape.props.color, LINE)
  const dash = flow ? (flow.mode === 'async' ? dashArray('dashed') : '') : dashArray(shape.props.dash)
  const d = curved
    ? `M${num(a.x)},${num(a.y)} Q${num(control.x)},${num(control.y)} ${num(b.x)},${num(b.y)}`
    : `M${num(a.x)},${num(a.y)} L${num(b.x)},${num(b.y)}`
  const parts = [`<path d="${d}" fill="none" stroke="${stroke}" stroke-width="1.6"${dash}/>`]
  if (shape.props.arrowheadEnd !== 'none') parts.push(arrowhead(b, sub(b, control), stroke))
  if (shape.props.arrowheadStart !== undefined && shape.props.arrowheadStart !== 'none')
    parts.push(arrowhead(a, sub(a, control), stroke))

  const label = flow ? formatFlowLabel(flow) : shapeText(shape.props)
  if (label) {
    const place = at(Math.min(1, Math.max(0, finite(shape.props.labelPosition, 0.5))))
    const lines = wrapText(label, 300, 12, 3)
    const w = Math.max(...lines.map((l) => textWidth(l, 12))) + 10
    const h = lines.length * 12 * 1.35 + 6
    const box = { x: place.x - w / 2, y: place.y - h / 2 }
    bounds.add(box)
    bounds.add({ x: box.x + w, y: box.y + h })
    parts.push(
      `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(w)}" height="${num(h)}" rx="3" fill="#ffffff" fill-opacity="0.92"/>`,
      textBlock(
        lines.map((l) => ({ text: l, size: 12, fill: shape.annotation ? ANNOTATION : '#374151' })),
        place.x,
        box.y + 1,
        'middle',
      ),
    )
  }
  const describe = flow ? `Flow ${label}` : label ? `Arrow ${label}` : 'Arrow'
  return `<g data-shape="arrow" aria-label="${escapeXml(describe)}">${parts.join('')}</g>`
}

// ------------------------------------------------------------------------------------------------

function svgDocument(
  viewBox: [number, number, number, number],
  width: number,
  height: number,
  title: string,
  body: string,
): BoardSvg {
  return (`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox.map(num).join(' ')}" width="${Math.round(width)}" height="${Math.round(height)}" role="img" aria-label="${escapeXml(title)}" font-family="${FONT}">` +
    `<title>${escapeXml(title)}</title>` +
    `<rect x="${num(viewBox[0])}" y="${num(viewBox[1])}" width="${num(viewBox[2])}" height="${num(viewBox[3])}" fill="#ffffff"/>` +
    body +
    '</svg>') as BoardSvg
}

/**
 * A schematic drawing of a board as a self-contained SVG document, for the interview report: the
 * server has no browser, so this is not tldraw's renderer. Regions are labelled dashed frames,
 * components rounded cards (kind, name, detail, key figures), flows arrows between the shapes they
 * are bound to (dashed when async) with their label; notes, geo shapes and text show their text.
 * Interviewer annotations are drawn in violet. Freehand drawings are not drawn (a line says how
 * many were left out). Deterministic: the same records give the same string.
 */
export function boardSvg(
  records: ReadonlyMap<string, unknown> | readonly unknown[],
  options: BoardSvgOptions = {},
): BoardSvg {
  const { title = 'Board', maxWidth = 1200, maxHeight = 1600, margin = 32, pageId } = options
  const scene = readBoardScene(records, pageId)
  const bounds = new Bounds()
  const body: string[] = []
  const arrows: SceneShape[] = []
  let freehand = 0
  for (const shape of scene.shapes) {
    const { w, h } = shape.size ?? { w: 0, h: 0 }
    if (shape.size && shape.type !== 'text') bounds.addBox(shape.transform, 0, 0, w, h)
    switch (shape.type) {
      case 'component':
        body.push(componentCard(shape, w, h))
        break
      case 'region':
        body.push(region(shape, w, h))
        break
      case 'frame':
        body.push(frame(shape, w, h, bounds))
        break
      case 'note':
        body.push(note(shape, w, h))
        break
      case 'geo':
        body.push(geo(shape, w, h))
        break
      case 'text':
        if (shapeText(shape.props)) {
          bounds.addBox(shape.transform, 0, 0, w, h)
          body.push(text(shape, w))
        }
        break
      case 'arrow':
        // drawn last: a flow is never hidden under a card drawn after it
        arrows.push(shape)
        break
      case 'line':
        body.push(line(shape, bounds))
        break
      case 'draw':
      case 'highlight':
        freehand += 1
        break
      case 'group':
        break
      default:
        if (shape.size) body.push(placeholder(shape, w, h))
    }
  }
  for (const shape of arrows) body.push(arrow(shape, scene, bounds))

  if (bounds.empty) {
    return svgDocument(
      [0, 0, 320, 120],
      320,
      120,
      title,
      `<rect x="8" y="8" width="304" height="104" rx="10" fill="none" stroke="${CARD_BORDER}" stroke-dasharray="6 4"/>` +
        `<text x="160" y="66" font-size="15" fill="${MUTED}" text-anchor="middle">Empty board</text>`,
    )
  }
  if (freehand > 0) {
    const note = `${freehand} freehand ${freehand === 1 ? 'drawing' : 'drawings'} not shown`
    body.push(
      `<text x="${num(bounds.minX)}" y="${num(bounds.maxY + 20)}" font-size="12" fill="${MUTED}">${escapeXml(note)}</text>`,
    )
    bounds.add({ x: bounds.minX + textWidth(note, 12), y: bounds.maxY + 26 })
  }
  const x = bounds.minX - margin
  const y = bounds.minY - margin
  const w = bounds.maxX - bounds.minX + 2 * margin
  const h = bounds.maxY - bounds.minY + 2 * margin
  const scale = Math.min(1, maxWidth / w, maxHeight / h)
  return svgDocument([x, y, w, h], w * scale, h * scale, title, body.join(''))
}
