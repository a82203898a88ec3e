import type { CandidateScenario, ChecklistItem, ScenarioGuidance } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { checklistFor, followUpsFor, levelOf, requirementsFor } from './forLevel.ts'

const scenario = {
  requirements: [
    { id: 'latency', kind: 'throughput', label: 'L', peakRps: 1 },
    { id: 'budget', kind: 'budget', label: 'B', monthlyBudgetUsd: 1 },
  ],
  levels: [
    { level: 'junior', requirementIds: ['latency'], expectations: ['Scales out'] },
    { level: 'senior', requirementIds: ['latency', 'budget'], expectations: ['Costs it'] },
  ],
} as unknown as CandidateScenario
const checklist = [
  { id: 'a', label: 'A', levels: ['junior', 'senior'], requirementIds: [] },
  { id: 'b', label: 'B', levels: ['senior'], requirementIds: [] },
] as unknown as ChecklistItem[]

describe('what applies at a level', () => {
  it('picks the level variant, or none', () => {
    expect(levelOf(scenario, 'senior')?.expectations).toEqual(['Costs it'])
    expect(levelOf(scenario, 'mid')).toBeUndefined()
    expect(levelOf(scenario, null)).toBeUndefined()
  })

  it("keeps the level's requirements in scenario order, all of them without a level", () => {
    expect(requirementsFor(scenario, 'junior').map((r) => r.id)).toEqual(['latency'])
    expect(requirementsFor(scenario, 'senior').map((r) => r.id)).toEqual(['latency', 'budget'])
    expect(requirementsFor(scenario, null).map((r) => r.id)).toEqual(['latency', 'budget'])
    expect(requirementsFor(scenario, 'mid').map((r) => r.id)).toEqual(['latency', 'budget'])
  })

  it('keeps checklist items of the level', () => {
    expect(checklistFor(checklist, scenario, 'junior').map((c) => c.id)).toEqual(['a'])
    expect(checklistFor(checklist, scenario, 'senior').map((c) => c.id)).toEqual(['a', 'b'])
    expect(checklistFor(checklist, scenario, null).map((c) => c.id)).toEqual(['a', 'b'])
  })

  it('keeps follow-ups meant for every level or for this one', () => {
    const guidance = {
      followUps: [{ question: 'all' }, { question: 'senior only', levels: ['senior'] }],
    } as ScenarioGuidance
    expect(followUpsFor(guidance, 'junior').map((f) => f.question)).toEqual(['all'])
    expect(followUpsFor(guidance, 'senior').map((f) => f.question)).toEqual(['all', 'senior only'])
    expect(followUpsFor(guidance, null)).toHaveLength(2)
  })
})
