import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js'
import type { Point, Rect } from './arcThrough.ts'
import { ARROW_LABEL_MARGIN, type Size } from './flowLabelBox.ts'

/**
 * A diagram to lay out: boxes (cards), groups (regions, which hold boxes or other groups) and
 * labelled edges between boxes. Plain data, so the scenario board on the server and "Tidy layout"
 * in the browser share one layout.
 */
export interface LayoutInput {
  nodes: { id: string; size: Size; group?: string }[]
  groups: { id: string; group?: string }[]
  edges: { id: string; from: string; to: string; label?: Size }[]
}

export interface LayoutResult {
  /** top-left and size of every node and group, relative to the diagram's top-left */
  boxes: Map<string, Rect>
  /** centre of each edge's label */
  labels: Map<string, Point>
  size: Size
}

/** Room around a region's members; the top leaves space for its name. */
const GROUP_PADDING = '[top=64,left=36,bottom=36,right=36]'

/** Set on the root and on every region: ELK reads spacing from each node's own options. */
const SPACING = {
  'elk.spacing.nodeNode': '56',
  'elk.spacing.edgeNode': '28',
  'elk.spacing.edgeEdge': '20',
  'elk.spacing.edgeLabel': '6',
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.layered.spacing.edgeNodeBetweenLayers': '12',
}

const ROOT_OPTIONS = {
  ...SPACING,
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'POLYLINE',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
}

let elk: ELK | null = null

/**
 * Lays a diagram out left to right in layers (ELK's layered algorithm), with every edge label
 * placed on its edge and given room: labels never cover a box or another label, and an edge is
 * at least as long as its label plus tldraw's margin, so the label is never squeezed into a
 * column that breaks words.
 */
export async function layoutGraph(input: LayoutInput): Promise<LayoutResult> {
  // ELK is large (~1.5 MB): browsers load it on the first layout only. A CommonJS module, its
  // exports carry the constructor as `default` in Node and in Vite alike.
  elk ??= new (await import('elkjs/lib/elk.bundled.js')).default.default()
  const elkNodes = new Map<string, ElkNode>()
  const parentOf = new Map<string, string | undefined>()
  for (const group of input.groups) {
    elkNodes.set(group.id, {
      id: group.id,
      children: [],
      edges: [],
      layoutOptions: { ...SPACING, 'elk.padding': GROUP_PADDING },
    })
    parentOf.set(group.id, group.group)
  }
  for (const node of input.nodes) {
    elkNodes.set(node.id, { id: node.id, width: node.size.w, height: node.size.h })
    parentOf.set(node.id, node.group)
  }
  const root: ElkNode = { id: '__root__', layoutOptions: ROOT_OPTIONS, children: [], edges: [] }
  const containerOf = (id: string): ElkNode => {
    const parent = parentOf.get(id)
    return (parent && elkNodes.get(parent)) || root
  }
  for (const [id, node] of elkNodes) containerOf(id).children?.push(node)

  const ancestors = (id: string): string[] => {
    const chain: string[] = []
    for (let p = parentOf.get(id); p; p = parentOf.get(p)) chain.push(p)
    return chain
  }
  for (const edge of input.edges) {
    const toChain = new Set(ancestors(edge.to))
    const common = ancestors(edge.from).find((a) => toChain.has(a))
    const container = (common && elkNodes.get(common)) || root
    const elkEdge: ElkExtendedEdge = { id: edge.id, sources: [edge.from], targets: [edge.to] }
    // the margin is where tldraw keeps the label off the arrow's ends
    if (edge.label)
      elkEdge.labels = [
        {
          id: `${edge.id}:label`,
          text: edge.id,
          width: edge.label.w + ARROW_LABEL_MARGIN,
          height: edge.label.h,
        },
      ]
    container.edges?.push(elkEdge)
  }

  const laid = await elk.layout(root)

  const boxes = new Map<string, Rect>()
  const origins = new Map<string, Point>([[root.id, { x: 0, y: 0 }]])
  const walk = (node: ElkNode, origin: Point) => {
    for (const child of node.children ?? []) {
      const at = { x: origin.x + (child.x ?? 0), y: origin.y + (child.y ?? 0) }
      boxes.set(child.id, { ...at, w: child.width ?? 0, h: child.height ?? 0 })
      origins.set(child.id, at)
      walk(child, at)
    }
  }
  walk(laid, { x: 0, y: 0 })

  const labels = new Map<string, Point>()
  const collectLabels = (node: ElkNode) => {
    for (const edge of node.edges ?? []) {
      const label = edge.labels?.[0]
      if (!label) continue
      // ELK gives edge coordinates relative to the edge's container
      const origin = origins.get((edge as ElkExtendedEdge & { container?: string }).container ?? node.id) ??
        origins.get(node.id) ?? { x: 0, y: 0 }
      const centre = {
        x: origin.x + (label.x ?? 0) + (label.width ?? 0) / 2,
        y: origin.y + (label.y ?? 0) + (label.height ?? 0) / 2,
      }
      // ELK sets a centre label beside its edge; tldraw draws it on the arrow, so take the
      // nearest point of the route (the room ELK kept around the label is still free)
      const route = (edge.sections ?? []).flatMap((section) =>
        [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({
          x: origin.x + p.x,
          y: origin.y + p.y,
        })),
      )
      labels.set(edge.id, route.length > 1 ? nearestOnPolyline(route, centre) : centre)
    }
    for (const child of node.children ?? []) collectLabels(child)
  }
  collectLabels(laid)
  return { boxes, labels, size: { w: laid.width ?? 0, h: laid.height ?? 0 } }
}

function nearestOnPolyline(points: Point[], p: Point): Point {
  let best = points[0]
  let bestDistance = Number.POSITIVE_INFINITY
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]]
    const dx = b.x - a.x
    const dy = b.y - a.y
    const lengthSquared = dx * dx + dy * dy
    const t =
      lengthSquared === 0
        ? 0
        : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared))
    const q = { x: a.x + dx * t, y: a.y + dy * t }
    const distance = Math.hypot(q.x - p.x, q.y - p.y)
    if (distance < bestDistance) {
      best = q
      bestDistance = distance
    }
  }
  return best
}
