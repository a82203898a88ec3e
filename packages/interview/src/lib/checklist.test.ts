import {
  Checklist,
  type ChecklistEntry,
  type ChecklistItem,
  type SessionClockStamp,
} from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { type ChecklistItemState, checklistView, scenarioChecklist } from './checklist.ts'

const items: ChecklistItem[] = [
  {
    id: 'reads-bottleneck',
    label: 'Names the bottleneck',
    group: 'bottlenecks',
    levels: ['junior', 'senior'],
    requirementIds: [],
  },
  {
    id: 'cost',
    label: 'Estimates the cost',
    group: 'requirements',
    levels: ['senior'],
    requirementIds: ['budget'],
  },
  {
    id: 'scales-up',
    label: 'Weighs bigger machines',
    group: 'scaling',
    levels: ['junior'],
    requirementIds: [],
  },
]

const at = (phaseElapsedMs: number): SessionClockStamp => ({
  at: '2026-05-04T09:30:00.000Z',
  phase: 'design',
  phaseElapsedMs,
})

describe('scenarioChecklist', () => {
  it('keeps the items of the level, in scenario order, as scenario entries without status', () => {
    expect(scenarioChecklist(items, 'senior')).toEqual([
      { id: 'reads-bottleneck', text: 'Names the bottleneck', group: 'bottlenecks', source: 'scenario' },
      { id: 'cost', text: 'Estimates the cost', group: 'requirements', source: 'scenario' },
    ])
  })

  it('keeps every item without a level', () => {
    expect(scenarioChecklist(items, null).map((e) => e.id)).toEqual(['reads-bottleneck', 'cost', 'scales-up'])
  })

  it('is empty for a level no item is for', () => {
    expect(scenarioChecklist(items, 'mid')).toEqual([])
  })
})

describe('checklistView', () => {
  const base = scenarioChecklist(items, 'senior')
  const added: ChecklistEntry[] = [
    { id: 'added-1', text: 'Handles traffic doubling', group: 'scaling', source: 'interviewer' },
  ]
  const states = new Map<string, ChecklistItemState>([
    ['cost', { status: 'partial', note: 'forgot egress', changedAt: at(1000) }],
    ['added-1', { note: 'asked at +40', changedAt: at(2000) }],
    ['gone', { status: 'met', changedAt: at(3000) }],
  ])

  it('lists the base items then the added ones, with their states; untouched items are open', () => {
    const view = checklistView(base, added, states, false, true)
    expect(view).toEqual({
      shared: false,
      items: [
        { ...base[0], status: 'open' },
        { ...base[1], status: 'partial', note: 'forgot egress', changedAt: at(1000) },
        { ...added[0], status: 'open', note: 'asked at +40', changedAt: at(2000) },
      ],
    })
    expect(Checklist.parse(view)).toEqual(view)
  })

  it('drops status, note and change time without state, even ones the entries carry', () => {
    const carrying = [{ ...base[0], status: 'met' as const, note: 'secret', changedAt: at(5) }]
    const view = checklistView(carrying, added, states, true, false)
    expect(view).toEqual({ shared: true, items: [base[0], added[0]] })
    expect(JSON.stringify(view)).not.toContain('secret')
  })

  it('ignores states of unknown items and added items that repeat a base id', () => {
    const view = checklistView(base, [{ ...added[0], id: 'cost' }], states, false, true)
    expect(view.items.map((i) => [i.id, i.source])).toEqual([
      ['reads-bottleneck', 'scenario'],
      ['cost', 'scenario'],
    ])
  })
})
