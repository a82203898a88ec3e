import type { BoardFlow, BoardGraph } from '../board/boardGraph.ts'

export interface FlowOrder {
  /** every node, callers before callees (flows that close a cycle left out) */
  order: string[]
  /** flows leaving each node, cycle-closing ones left out */
  outgoing: Map<string, BoardFlow[]>
  /** flows leaving each node, every one of them */
  allOutgoing: Map<string, BoardFlow[]>
  /** the flows that close a cycle: they carry no traffic and no path runs along them */
  cycleFlows: BoardFlow[]
}

/**
 * A depth-first walk from the clients first, then from every other node not yet reached, in
 * board order. A flow to a node still on the walk's stack closes a cycle: it is set aside, so
 * what remains is acyclic and traffic and paths are computed in one pass each, whatever is drawn.
 * Iterative, so a long chain cannot overflow the stack.
 */
export function flowOrder(graph: BoardGraph): FlowOrder {
  const allOutgoing = new Map<string, BoardFlow[]>()
  for (const id of graph.nodes.keys()) allOutgoing.set(id, [])
  for (const flow of graph.flows) allOutgoing.get(flow.from)?.push(flow)

  const outgoing = new Map<string, BoardFlow[]>()
  const cycleFlows: BoardFlow[] = []
  const state = new Map<string, 'open' | 'done'>()
  const postorder: string[] = []
  const roots = [...graph.nodes.values()]
    .sort((a, b) => Number(b.kind === 'client') - Number(a.kind === 'client'))
    .map((n) => n.id)

  for (const root of roots) {
    if (state.has(root)) continue
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }]
    state.set(root, 'open')
    outgoing.set(root, [])
    while (stack.length) {
      const frame = stack[stack.length - 1]
      const flows = allOutgoing.get(frame.id) ?? []
      if (frame.next === flows.length) {
        stack.pop()
        state.set(frame.id, 'done')
        postorder.push(frame.id)
        continue
      }
      const flow = flows[frame.next++]
      const seen = state.get(flow.to)
      if (seen === 'open') {
        cycleFlows.push(flow)
        continue
      }
      outgoing.get(frame.id)?.push(flow)
      if (seen === undefined) {
        state.set(flow.to, 'open')
        outgoing.set(flow.to, [])
        stack.push({ id: flow.to, next: 0 })
      }
    }
  }
  return { order: postorder.reverse(), outgoing, allOutgoing, cycleFlows }
}
