import type { BoardFlow, BoardGraph, BoardNode } from '../board/boardGraph.ts'
import type { FlowOrder } from './flowOrder.ts'

export interface TrafficInput {
  /** the peak entering at the clients, already multiplied by the what-if */
  peakRps: number
  trafficMultiplier: number
  /** a cache's or CDN's hit rate (0 when cold, undefined when not stated) */
  hitRate: (node: BoardNode) => number | undefined
  isDown: (id: string) => boolean
}

export interface Traffic {
  /** requests per second arriving at each node */
  arrivalRps: Map<string, number>
}

/**
 * Peak traffic through the board, callers before callees:
 * - the peak enters at the clients, shared equally between them;
 * - a rate written on an arrow is that flow's peak (× the what-if's multiplier);
 * - otherwise a flow carries its source's arrival rate × its calls per request;
 * - a cache or CDN passes on (1 − hit rate) of what arrives (all of it when the rate is unknown);
 * - a load balancer shares what arrives equally between its sync callees that are up, where
 *   every other kind calls each callee (fan-out);
 * - a component that is down passes nothing on.
 */
export function computeTraffic(graph: BoardGraph, order: FlowOrder, input: TrafficInput): Traffic {
  const arrivalRps = new Map<string, number>()
  for (const id of graph.nodes.keys()) arrivalRps.set(id, 0)
  const clients = [...graph.nodes.values()].filter((n) => n.kind === 'client')
  for (const client of clients) arrivalRps.set(client.id, input.peakRps / clients.length)

  for (const id of order.order) {
    const node = graph.nodes.get(id) as BoardNode
    const flows = order.outgoing.get(id) ?? []
    const arriving = arrivalRps.get(id) ?? 0
    const passed = input.isDown(id) ? 0 : arriving * (1 - (input.hitRate(node) ?? 0))
    const shared = node.kind === 'load-balancer' ? sharedFlows(flows, input.isDown) : NONE_SHARED
    for (const flow of flows) {
      let rps: number
      if (flow.rps !== undefined) rps = input.isDown(id) ? 0 : flow.rps * input.trafficMultiplier
      else if (node.kind === 'load-balancer' && flow.mode === 'sync')
        rps = shared.has(flow) ? (passed / shared.size) * flow.callsPerRequest : 0
      else rps = passed * flow.callsPerRequest
      arrivalRps.set(flow.to, (arrivalRps.get(flow.to) ?? 0) + rps)
    }
  }
  return { arrivalRps }
}

const NONE_SHARED: ReadonlySet<BoardFlow> = new Set()

/** A load balancer's sync flows without a written rate, to callees that are up: they share its traffic. */
function sharedFlows(flows: BoardFlow[], isDown: (id: string) => boolean): Set<BoardFlow> {
  return new Set(flows.filter((f) => f.mode === 'sync' && f.rps === undefined && !isDown(f.to)))
}
