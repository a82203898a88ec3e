export interface Point {
  x: number
  y: number
}

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** How a tldraw arc arrow between two bound shapes passes through a chosen label point. */
export interface ArcThrough {
  /** tldraw's `bend`: offset of the arc's middle from the chord's middle (0 is straight) */
  bend: number
  /** tldraw's `labelPosition`: the label's place along the visible body, 0 to 1 */
  labelPosition: number
}

const SAMPLES = 400
/** below this offset from the chord (px) the arrow stays straight */
const STRAIGHT_ENOUGH = 6

/**
 * The bend and label position that make the arrow from `from`'s centre to `to`'s centre run
 * through `label`, its label centred there. tldraw draws a bound arc arrow through the shapes'
 * centres and the point `bend` away from the chord's middle (to the left of start → end for a
 * positive bend), then cuts it where it leaves the shapes; the label sits at `labelPosition` of
 * the part that is left.
 */
export function arcThrough(from: Rect, to: Rect, label: Point): ArcThrough {
  const s = centre(from)
  const e = centre(to)
  const chord = { x: e.x - s.x, y: e.y - s.y }
  const length = Math.hypot(chord.x, chord.y)
  if (length === 0) return { bend: 0, labelPosition: 0.5 }
  // the left normal tldraw bends towards: (-u.y, u.x)
  const normal = { x: -chord.y / length, y: chord.x / length }
  const mid = { x: (s.x + e.x) / 2, y: (s.y + e.y) / 2 }
  const offset = (label.x - mid.x) * normal.x + (label.y - mid.y) * normal.y

  let bend = 0
  let path: (t: number) => Point = (t) => ({ x: s.x + chord.x * t, y: s.y + chord.y * t })
  if (Math.abs(offset) > STRAIGHT_ENOUGH) {
    const circle = circleThrough(s, label, e)
    if (circle) {
      const towardsLabel = Math.sign(offset)
      // the arc's middle: on the perpendicular bisector, on the label's side, on the circle
      const d = (mid.x - circle.x) * normal.x + (mid.y - circle.y) * normal.y
      bend = towardsLabel > 0 ? circle.r - d : -circle.r - d
      const middle = { x: mid.x + normal.x * bend, y: mid.y + normal.y * bend }
      path = arcPath(circle, s, middle, e)
    }
  }

  // the visible body: from where the path leaves `from` to where it enters `to`
  const points = Array.from({ length: SAMPLES + 1 }, (_, i) => path(i / SAMPLES))
  let first = points.findIndex((p) => !inside(from, p))
  let last = points.findLastIndex((p) => !inside(to, p))
  if (first < 0 || last <= first) {
    first = 0
    last = SAMPLES
  }
  let nearest = first
  for (let i = first; i <= last; i++)
    if (distance(points[i], label) < distance(points[nearest], label)) nearest = i
  const labelPosition = (nearest - first) / (last - first)
  return { bend: Math.round(bend * 100) / 100, labelPosition: Math.round(labelPosition * 1000) / 1000 }
}

function centre(r: Rect): Point {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 }
}

function inside(r: Rect, p: Point): boolean {
  return p.x > r.x && p.x < r.x + r.w && p.y > r.y && p.y < r.y + r.h
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y)
}

function circleThrough(a: Point, b: Point, c: Point): (Point & { r: number }) | null {
  const d = 2 * (a.x * (b.y - c.y) + b.x * (c.y - a.y) + c.x * (a.y - b.y))
  if (Math.abs(d) < 1e-9) return null
  const a2 = a.x * a.x + a.y * a.y
  const b2 = b.x * b.x + b.y * b.y
  const c2 = c.x * c.x + c.y * c.y
  const x = (a2 * (b.y - c.y) + b2 * (c.y - a.y) + c2 * (a.y - b.y)) / d
  const y = (a2 * (c.x - b.x) + b2 * (a.x - c.x) + c2 * (b.x - a.x)) / d
  return { x, y, r: Math.hypot(a.x - x, a.y - y) }
}

/** The arc of `circle` from `start` through `middle` to `end`, as t from 0 to 1. */
function arcPath(
  circle: Point & { r: number },
  start: Point,
  middle: Point,
  end: Point,
): (t: number) => Point {
  const angle = (p: Point) => Math.atan2(p.y - circle.y, p.x - circle.x)
  const a0 = angle(start)
  const am = angle(middle)
  const a1 = angle(end)
  const ccw = (from: number, to: number) => (((to - from) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)
  // go the way round that passes the middle
  const sweep = ccw(a0, am) <= ccw(a0, a1) ? ccw(a0, a1) : ccw(a0, a1) - 2 * Math.PI
  return (t) => ({
    x: circle.x + circle.r * Math.cos(a0 + sweep * t),
    y: circle.y + circle.r * Math.sin(a0 + sweep * t),
  })
}
