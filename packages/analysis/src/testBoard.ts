/*
 * Tests only: board records shaped as tldraw 5 stores them (cards, regions, arrows with their two
 * bindings, flows in meta and label), so the analysis reads in tests what it reads in the app.
 */

import { type FlowLabelParts, formatFlowLabel, toFlowMeta } from '@scaleboard/components/schema'
import type { ComponentFigures, ComponentKind } from '@scaleboard/schema'

const PAGE = 'page:page'

export interface CardOptions {
  name?: string
  region?: string
  /** part of the scenario's reference drawing */
  reference?: boolean
}

export class TestBoard {
  readonly records: Record<string, unknown>[] = []
  private arrows = 0

  card(id: string, kind: ComponentKind, figures: ComponentFigures = {}, options: CardOptions = {}): string {
    const shapeId = `shape:${id}`
    this.records.push({
      id: shapeId,
      typeName: 'shape',
      type: 'component',
      x: 0,
      y: 0,
      rotation: 0,
      index: 'a1',
      parentId: options.region ? `shape:${options.region}` : PAGE,
      isLocked: false,
      opacity: 1,
      meta: options.reference ? { reference: { id: shapeId, label: 'Current state' } } : {},
      props: { kind, name: options.name ?? id, detail: '', figures, w: 248, h: 112 },
    })
    return shapeId
  }

  region(id: string, name = id): string {
    const shapeId = `shape:${id}`
    this.records.push({
      id: shapeId,
      typeName: 'shape',
      type: 'region',
      x: 0,
      y: 0,
      rotation: 0,
      index: 'a0',
      parentId: PAGE,
      isLocked: false,
      opacity: 1,
      meta: {},
      props: { name, detail: '', w: 560, h: 360 },
    })
    return shapeId
  }

  /** An arrow from card to card; its flow in meta (exact) and in its label, or given as a label only. */
  flow(
    from: string,
    to: string,
    flow: FlowLabelParts | string = { mode: 'sync' },
    meta: Record<string, unknown> = {},
  ): string {
    const id = `shape:arrow-${++this.arrows}`
    const label = typeof flow === 'string' ? flow : formatFlowLabel(flow)
    this.records.push({
      id,
      typeName: 'shape',
      type: 'arrow',
      x: 0,
      y: 0,
      rotation: 0,
      index: 'a5',
      parentId: PAGE,
      isLocked: false,
      opacity: 1,
      meta: typeof flow === 'string' ? meta : { ...meta, flow: toFlowMeta(flow) },
      props: {
        dash: typeof flow !== 'string' && flow.mode === 'async' ? 'dashed' : 'solid',
        richText: {
          type: 'doc',
          content: [{ type: 'paragraph', content: label ? [{ type: 'text', text: label }] : [] }],
        },
      },
    })
    for (const [terminal, target] of [
      ['start', from],
      ['end', to],
    ] as const)
      this.records.push({
        id: `binding:${id.slice(6)}-${terminal}`,
        typeName: 'binding',
        type: 'arrow',
        fromId: id,
        toId: target,
        meta: {},
        props: {
          terminal,
          normalizedAnchor: { x: 0.5, y: 0.5 },
          isExact: false,
          isPrecise: false,
          snap: 'none',
        },
      })
    return id
  }
}
