import type { BoardGraph } from '../board/boardGraph.ts'
import type { ComponentAnalysis, PathAnalysis } from '../types.ts'
import type { FlowOrder } from './flowOrder.ts'

interface Best {
  overloaded: boolean
  p99: number
  next: string | null
}

/**
 * The critical sync path from each client: of all paths along sync flows, the one with the
 * highest p99 estimate, an overloaded component outranking any finite figure. Async flows end a
 * path (the caller does not wait for them); flows that close a cycle and flows into a component
 * that is down are not followed. One pass over the acyclic order, longest path by dynamic
 * programming from the callees back.
 */
export function criticalPaths(
  graph: BoardGraph,
  order: FlowOrder,
  components: ReadonlyMap<string, ComponentAnalysis>,
): PathAnalysis[] {
  const best = new Map<string, Best>()
  for (let i = order.order.length - 1; i >= 0; i--) {
    const id = order.order[i]
    const component = components.get(id) as ComponentAnalysis
    // any callee beats none, so a path runs on through components of unknown latency
    let tail: Best | null = null
    let next: string | null = null
    for (const flow of order.outgoing.get(id) ?? []) {
      if (flow.mode !== 'sync' || components.get(flow.to)?.state === 'down') continue
      const candidate = best.get(flow.to) as Best
      if (!tail || outranks(candidate, tail)) {
        tail = candidate
        next = flow.to
      }
    }
    best.set(id, {
      overloaded: (tail?.overloaded ?? false) || component.state === 'overloaded',
      p99: (tail?.p99 ?? 0) + (component.p99LatencyMs ?? 0),
      next,
    })
  }

  const paths: PathAnalysis[] = []
  for (const node of graph.nodes.values()) {
    if (node.kind !== 'client') continue
    const shapeIds: string[] = []
    for (let id: string | null = node.id; id !== null; id = best.get(id)?.next ?? null) shapeIds.push(id)
    if (shapeIds.length < 2) continue
    paths.push(summarise(shapeIds, components))
  }
  return paths
}

function outranks(a: Best, b: Best): boolean {
  if (a.overloaded !== b.overloaded) return a.overloaded
  return a.p99 > b.p99
}

function summarise(shapeIds: string[], components: ReadonlyMap<string, ComponentAnalysis>): PathAnalysis {
  let latency = 0
  let p99 = 0
  const unknownShapeIds: string[] = []
  const overloadedShapeIds: string[] = []
  for (const id of shapeIds) {
    const c = components.get(id) as ComponentAnalysis
    if (c.state === 'overloaded') overloadedShapeIds.push(id)
    else if (c.latencyMs === null || c.p99LatencyMs === null) unknownShapeIds.push(id)
    else {
      latency += c.latencyMs
      p99 += c.p99LatencyMs
    }
  }
  const bounded = overloadedShapeIds.length === 0
  return {
    shapeIds,
    latencyMs: bounded ? latency : null,
    p99LatencyMs: bounded ? p99 : null,
    unknownShapeIds,
    overloadedShapeIds,
  }
}
