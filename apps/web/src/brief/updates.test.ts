import type { RequirementChange, ScenarioGuidance, SessionMessage } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { clarificationsOf, newestFirst, suggestedChangesFor } from './updates.ts'

const at = (iso: string) => ({ at: iso, phase: 'design' as const, phaseElapsedMs: 1000 })
const change = (id: string, iso: string, text = id): RequirementChange => ({
  id,
  text,
  at: at(iso),
  checklistItemId: `item-${id}`,
})

describe('newestFirst', () => {
  it('orders by time, newest first; equal times keep the later-added first', () => {
    const a = change('a', '2026-05-04T09:00:00.000Z')
    const b = change('b', '2026-05-04T09:05:00.000Z')
    const c = change('c', '2026-05-04T09:05:00.000Z')
    expect(newestFirst([a, b, c]).map((x) => x.id)).toEqual(['c', 'b', 'a'])
  })
})

describe('clarificationsOf', () => {
  it('keeps only the answers marked as clarifications', () => {
    const message = (id: string, clarification: boolean): SessionMessage => ({
      id,
      author: 'interviewer',
      text: id,
      at: at('2026-05-04T09:00:00.000Z'),
      clarification,
    })
    expect(clarificationsOf([message('a', false), message('b', true)]).map((m) => m.id)).toEqual(['b'])
    expect(clarificationsOf(null)).toEqual([])
  })
})

describe('suggestedChangesFor', () => {
  const guidance = {
    bottleneck: 'x',
    hints: [],
    followUps: [],
    strongAnswers: [],
    pitfalls: [],
    requirementChanges: [
      { text: 'Traffic doubles in 6 months.', levels: ['senior'] },
      { text: 'Budget cut by 30%.', levels: ['mid', 'senior'] },
      { text: 'For everyone.' },
    ],
  } satisfies ScenarioGuidance

  it('offers the suggestions of the level, or all without a level', () => {
    expect(suggestedChangesFor(guidance, 'junior', [])).toEqual(['For everyone.'])
    expect(suggestedChangesFor(guidance, 'senior', [])).toHaveLength(3)
    expect(suggestedChangesFor(guidance, null, [])).toHaveLength(3)
    expect(suggestedChangesFor(undefined, 'senior', [])).toEqual([])
  })

  it('leaves out suggestions already made', () => {
    const made = [change('r1', '2026-05-04T09:00:00.000Z', ' traffic doubles in 6 months. ')]
    expect(suggestedChangesFor(guidance, 'senior', made)).toEqual(['Budget cut by 30%.', 'For everyone.'])
  })
})
