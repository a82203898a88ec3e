import { readBoardRecords } from '@scaleboard/board-sync/doc'
import { readFlowMeta, richTextToPlain } from '@scaleboard/components/schema'
import { DEFAULT_SCENARIOS_DIR, loadScenarios } from '@scaleboard/scenarios'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { initialBoardUpdate, prepareInitialBoards } from './scenarioBoard.ts'

interface Shape {
  id: string
  type: string
  parentId: string
  x: number
  y: number
  meta: Record<string, unknown>
  props: { w?: number; h?: number; richText?: never; name?: string }
}

function shapesOf(update: Uint8Array): Shape[] {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return [...readBoardRecords(doc).values()].filter(
    (r): r is Shape => (r as { typeName?: string }).typeName === 'shape',
  )
}

/** Page position of a shape: its own offset plus its parents' (frames and regions do not rotate). */
function pagePosition(shape: Shape, byId: Map<string, Shape>): { x: number; y: number } {
  const parent = byId.get(shape.parentId)
  if (!parent) return { x: shape.x, y: shape.y }
  const at = pagePosition(parent, byId)
  return { x: at.x + shape.x, y: at.y + shape.y }
}

const scenarios = await loadScenarios(DEFAULT_SCENARIOS_DIR)

describe('the first board of a scenario', () => {
  for (const scenario of scenarios)
    it(`${scenario.id}: every component laid out once, no card on another, every flow an arrow with its flow in meta`, async () => {
      const shapes = shapesOf(await initialBoardUpdate(scenario))
      const byId = new Map(shapes.map((s) => [s.id, s]))
      const cards = shapes.filter((s) => s.type === 'component')
      expect(cards.length + shapes.filter((s) => s.type === 'region').length).toBe(
        scenario.currentArchitecture.components.length,
      )
      const boxes = cards.map((card) => ({
        ...pagePosition(card, byId),
        w: card.props.w ?? 0,
        h: card.props.h ?? 0,
      }))
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1))
          expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false)

      // a card inside a region lies within the region's rectangle
      for (const card of cards) {
        const region = byId.get(card.parentId)
        if (region?.type !== 'region') continue
        expect(card.x).toBeGreaterThanOrEqual(0)
        expect(card.y).toBeGreaterThanOrEqual(0)
        expect(card.x + (card.props.w ?? 0)).toBeLessThanOrEqual(region.props.w ?? 0)
        expect(card.y + (card.props.h ?? 0)).toBeLessThanOrEqual(region.props.h ?? 0)
      }

      const arrows = shapes.filter((s) => s.type === 'arrow')
      expect(arrows).toHaveLength(scenario.currentArchitecture.flows.length)
      for (const [i, flow] of scenario.currentArchitecture.flows.entries()) {
        const arrow = arrows.find((a) => a.id.endsWith(`--flow-${i + 1}`))
        expect(readFlowMeta(arrow?.meta)).toEqual({
          mode: flow.mode,
          ...(flow.rps === undefined ? {} : { rps: flow.rps }),
          ...(flow.label ? { label: flow.label } : {}),
        })
        expect(richTextToPlain(arrow?.props.richText ?? { type: 'doc', content: [] })).toMatch(/sync|async/)
      }
    })

  it('is built once per scenario at start, the same every time (the layout is deterministic)', async () => {
    const boards = await prepareInitialBoards(scenarios)
    expect([...boards.keys()].sort()).toEqual([null, ...scenarios.map((s) => s.id)].sort())
    const recommendations = scenarios.find((s) => s.id === 'recommendations') ?? null
    const again = await initialBoardUpdate(recommendations)
    // the same records (the bytes differ: each Yjs doc has its own client id)
    expect(shapesOf(boards.get('recommendations') ?? new Uint8Array())).toEqual(shapesOf(again))
  })
})
