import type { WhatIf } from '@scaleboard/schema'
import { formatNumber } from './format.ts'

/** The what-if with its empty fields dropped, or null when nothing is left to inject. */
export function normaliseWhatIf(whatIf: WhatIf | null | undefined): WhatIf | null {
  if (!whatIf) return null
  const next: WhatIf = {}
  if (whatIf.trafficMultiplier !== undefined && whatIf.trafficMultiplier !== 1)
    next.trafficMultiplier = whatIf.trafficMultiplier
  if (whatIf.lostRegionIds?.length) next.lostRegionIds = [...whatIf.lostRegionIds]
  if (whatIf.coldCache) next.coldCache = true
  if (whatIf.extraModelLatencyMs) next.extraModelLatencyMs = whatIf.extraModelLatencyMs
  if (whatIf.lostReplicaShapeIds?.length) next.lostReplicaShapeIds = [...whatIf.lostReplicaShapeIds]
  return Object.keys(next).length ? next : null
}

/**
 * The injection in force with one change: the server keeps a single what-if, so every control
 * sends the whole combination (an `undefined` field in `change` removes it).
 */
export function changeWhatIf(current: WhatIf | null, change: Partial<WhatIf>): WhatIf | null {
  return normaliseWhatIf({ ...(current ?? {}), ...change })
}

/** Toggles a region in the lost list. */
export function toggleLostRegion(current: WhatIf | null, regionId: string): WhatIf | null {
  const lost = current?.lostRegionIds ?? []
  const next = lost.includes(regionId) ? lost.filter((id) => id !== regionId) : [...lost, regionId]
  return changeWhatIf(current, { lostRegionIds: next })
}

/** One more replica of the component lost (the analysis counts repeats). */
export function loseReplica(current: WhatIf | null, shapeId: string): WhatIf | null {
  return changeWhatIf(current, { lostReplicaShapeIds: [...(current?.lostReplicaShapeIds ?? []), shapeId] })
}

/** The injection in words, one part per field: "traffic × 10", "EU region lost", … */
export function describeWhatIf(whatIf: WhatIf | null, nameOf: (shapeId: string) => string): string[] {
  const w = normaliseWhatIf(whatIf)
  if (!w) return []
  const parts: string[] = []
  if (w.trafficMultiplier !== undefined) parts.push(`traffic × ${formatNumber(w.trafficMultiplier)}`)
  for (const id of w.lostRegionIds ?? []) parts.push(`${nameOf(id)} lost`)
  if (w.coldCache) parts.push('cold cache')
  if (w.extraModelLatencyMs) parts.push(`model latency + ${formatNumber(w.extraModelLatencyMs)} ms`)
  const lost = new Map<string, number>()
  for (const id of w.lostReplicaShapeIds ?? []) lost.set(id, (lost.get(id) ?? 0) + 1)
  for (const [id, n] of lost) parts.push(`${nameOf(id)} − ${n} ${n === 1 ? 'replica' : 'replicas'}`)
  return parts
}
