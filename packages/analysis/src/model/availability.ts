import type { BoardGraph } from '../board/boardGraph.ts'
import type { ComponentAnalysis } from '../types.ts'
import type { FlowOrder } from './flowOrder.ts'

/** The components a client's request reaches along sync flows (the clients themselves left out). */
export function syncPathComponents(graph: BoardGraph, order: FlowOrder): Set<string> {
  const reached = new Set<string>()
  const stack = [...graph.nodes.values()].filter((n) => n.kind === 'client').map((n) => n.id)
  const seen = new Set(stack)
  while (stack.length) {
    const id = stack.pop() as string
    for (const flow of order.allOutgoing.get(id) ?? []) {
      if (flow.mode !== 'sync' || seen.has(flow.to)) continue
      seen.add(flow.to)
      reached.add(flow.to)
      stack.push(flow.to)
    }
  }
  for (const id of reached) if (graph.nodes.get(id)?.kind === 'client') reached.delete(id)
  return reached
}

export interface PathAvailability {
  /** null when no component on the path states an availability */
  availability: number | null
  /** components on the path without an availability figure, counted as always up */
  unknownShapeIds: string[]
  /** true when two or more regions were counted as alternatives */
  regionsInParallel: boolean
}

/**
 * Availability of the sync request path: each component's replicas in parallel (computed per
 * component), the components in series. When the path runs through two or more regions that each
 * hold the same kinds of component, the regions are alternatives: the path is up when any region
 * is, times whatever sits outside the regions. A region that lacks a kind another has cannot serve
 * alone, so then everything is in series.
 */
export function pathAvailability(
  onPath: ReadonlySet<string>,
  components: ReadonlyMap<string, ComponentAnalysis>,
): PathAvailability {
  const unknownShapeIds: string[] = []
  let anyKnown = false
  const byRegion = new Map<string, ComponentAnalysis[]>()
  const shared: ComponentAnalysis[] = []
  for (const id of onPath) {
    const c = components.get(id) as ComponentAnalysis
    if (c.availability === null) unknownShapeIds.push(id)
    else anyKnown = true
    if (c.regionId === null) shared.push(c)
    else {
      const members = byRegion.get(c.regionId)
      if (members) members.push(c)
      else byRegion.set(c.regionId, [c])
    }
  }
  const series = (list: ComponentAnalysis[]) => list.reduce((a, c) => a * (c.availability ?? 1), 1)
  const kindsOf = (list: ComponentAnalysis[]) => [...new Set(list.map((c) => c.kind))].sort().join(',')
  const regions = [...byRegion.values()]
  const regionsInParallel = regions.length >= 2 && regions.every((r) => kindsOf(r) === kindsOf(regions[0]))
  if (!anyKnown) return { availability: null, unknownShapeIds, regionsInParallel }
  const availability = regionsInParallel
    ? series(shared) * (1 - regions.reduce((down, r) => down * (1 - series(r)), 1))
    : series([...shared, ...regions.flat()])
  return { availability, unknownShapeIds, regionsInParallel }
}
