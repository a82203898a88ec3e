import type { Architecture, ArchitectureComponent } from '@scaleboard/schema'

/** A card's nominal footprint in legacy hand-placed scenarios (board units). */
const LEGACY_CARD = { w: 180, h: 100 }

/**
 * The region boundary each component sits in: its `region`, or for legacy hand-placed
 * architectures the smallest boundary whose rectangle holds it.
 */
export function regionsOf(arch: Architecture): Map<string, string> {
  const regionOf = new Map<string, string>()
  const boundaries = arch.components
    .filter((c) => c.kind === 'region-boundary' && hasRect(c))
    .sort((a, b) => area(b) - area(a))
  for (const c of arch.components) {
    if (c.region) {
      regionOf.set(c.id, c.region)
      continue
    }
    if (c.x === undefined || c.y === undefined) continue
    const holders = boundaries.filter((r) => r !== c && area(r) > area(c) && contains(r, c))
    const holder = holders.at(-1)
    if (holder) regionOf.set(c.id, holder.id)
  }
  return regionOf
}

function hasRect(c: ArchitectureComponent): boolean {
  return c.x !== undefined && c.y !== undefined && c.w !== undefined && c.h !== undefined
}

function size(c: ArchitectureComponent): { w: number; h: number } {
  return c.kind === 'region-boundary' ? { w: c.w ?? 0, h: c.h ?? 0 } : LEGACY_CARD
}

function area(c: ArchitectureComponent): number {
  const { w, h } = size(c)
  return w * h
}

function contains(outer: ArchitectureComponent, inner: ArchitectureComponent): boolean {
  const o = size(outer)
  const i = size(inner)
  const [ox, oy, ix, iy] = [outer.x ?? 0, outer.y ?? 0, inner.x ?? 0, inner.y ?? 0]
  return ix >= ox && iy >= oy && ix + i.w <= ox + o.w && iy + i.h <= oy + o.h
}
