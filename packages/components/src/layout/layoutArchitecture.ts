import { Architecture } from '@scaleboard/schema'
import type { z } from 'zod'
import { COMPONENT_CATALOGUE } from '../catalogue/componentCatalogue.ts'
import { formatFlowLabel } from '../flows/flowLabel.ts'
import { type ArcThrough, arcThrough, type Rect } from './arcThrough.ts'
import { flowLabelBox } from './flowLabelBox.ts'
import { layoutGraph } from './layoutGraph.ts'
import { regionsOf } from './regionsOf.ts'

/** Where `architectureToRecords` puts each component, and how each flow's arrow runs. */
export interface ArchitectureLayout {
  /** by component id: top-left and size relative to the architecture's top-left */
  boxes: Map<string, Rect>
  /** by flow index: the arrow's bend and label position */
  arrows: Map<number, ArcThrough>
}

/**
 * Lays a scenario's architecture out automatically (see `layoutGraph`): left to right along its
 * flows, each region around its members, every flow label on its arrow with room to spare.
 */
export async function layoutArchitecture(
  architecture: z.input<typeof Architecture>,
): Promise<ArchitectureLayout> {
  const arch = Architecture.parse(architecture)
  const regionOf = regionsOf(arch)
  const isRegion = (id: string) => arch.components.some((c) => c.id === id && c.kind === 'region-boundary')
  const result = await layoutGraph({
    nodes: arch.components
      .filter((c) => c.kind !== 'region-boundary')
      .map((c) => ({ id: c.id, size: COMPONENT_CATALOGUE[c.kind].defaultSize, group: regionOf.get(c.id) })),
    groups: arch.components
      .filter((c) => isRegion(c.id))
      .map((c) => ({ id: c.id, group: regionOf.get(c.id) })),
    edges: arch.flows.map((flow, i) => ({
      id: `flow-${i}`,
      from: flow.from,
      to: flow.to,
      label: flowLabelBox(formatFlowLabel(flow)),
    })),
  })
  const arrows = new Map<number, ArcThrough>()
  arch.flows.forEach((flow, i) => {
    const from = result.boxes.get(flow.from)
    const to = result.boxes.get(flow.to)
    const label = result.labels.get(`flow-${i}`)
    if (from && to && label) arrows.set(i, arcThrough(from, to, label))
  })
  return { boxes: result.boxes, arrows }
}
