export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** Space between the current state and a component moved beside it, and between stacked components. */
export const BESIDE_GAP = 64
export const STACK_GAP = 24
const MAX_STEPS = 40

export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/**
 * Where a component that landed on the locked current state should go instead: just right of it,
 * at the same height (kept within the current state's top and bottom), moved down past anything
 * already there. Null when it doesn't overlap the current state, i.e. it stays where it is.
 */
export function spotBesideReference(
  placed: Rect,
  reference: Rect,
  others: Rect[],
): { x: number; y: number } | null {
  if (!overlaps(placed, reference)) return null
  const x = reference.x + reference.w + BESIDE_GAP
  let y = Math.min(Math.max(placed.y, reference.y), reference.y + Math.max(0, reference.h - placed.h))
  for (let step = 0; step < MAX_STEPS; step++) {
    const candidate = { x, y, w: placed.w, h: placed.h }
    const blocker = others.find((other) => overlaps(candidate, other))
    if (!blocker) break
    y = blocker.y + blocker.h + STACK_GAP
  }
  return { x, y }
}

/**
 * Where a new component should go so it covers nothing: its own spot if that is free, else the
 * first free spot to its right (then the next row down). Null when it is already clear.
 */
export function spotClearOf(placed: Rect, others: Rect[]): { x: number; y: number } | null {
  if (!others.some((other) => overlaps(placed, other))) return null
  const columns = 6
  for (let step = 1; step < MAX_STEPS; step++) {
    const x = placed.x + (step % columns) * (placed.w + STACK_GAP)
    const y = placed.y + Math.floor(step / columns) * (placed.h + STACK_GAP)
    const candidate = { x, y, w: placed.w, h: placed.h }
    if (!others.some((other) => overlaps(candidate, other))) return { x, y }
  }
  return null
}
