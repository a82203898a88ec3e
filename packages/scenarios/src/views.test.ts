import { CandidateScenario, ScenarioSummary } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { loadScenarios } from './loadScenarios.ts'
import { toCandidateScenario, toScenarioSummary } from './views.ts'

describe('toCandidateScenario', () => {
  it('leaves out the guidance and the checklist and nothing else, for every shipped scenario', async () => {
    for (const scenario of await loadScenarios()) {
      const candidate = toCandidateScenario(scenario)
      expect(Object.keys(candidate)).not.toContain('guidance')
      expect(Object.keys(candidate)).not.toContain('checklist')
      // Nothing the interviewer alone should read survives serialisation.
      const json = JSON.stringify(candidate)
      expect(json).not.toContain(scenario.guidance.bottleneck)
      for (const pitfall of scenario.guidance.pitfalls) expect(json).not.toContain(pitfall)
      for (const change of scenario.guidance.requirementChanges) expect(json).not.toContain(change.text)
      expect(CandidateScenario.parse(candidate)).toEqual(candidate)
      expect({ ...candidate, checklist: scenario.checklist, guidance: scenario.guidance }).toEqual(scenario)
    }
  })

  it('keeps suggested requirement changes for senior candidates in every shipped scenario (interviewer only)', async () => {
    for (const scenario of await loadScenarios()) {
      const senior = scenario.guidance.requirementChanges.filter(
        (change) => !change.levels || change.levels.includes('senior'),
      )
      expect(senior.length, scenario.id).toBeGreaterThanOrEqual(2)
    }
  })

  it('does not change the scenario it is given', async () => {
    const [scenario] = await loadScenarios()
    toCandidateScenario(scenario)
    expect(scenario.guidance.bottleneck.length).toBeGreaterThan(0)
  })
})

describe('toScenarioSummary', () => {
  it('gives id, title, summary and the levels offered', async () => {
    const scenarios = await loadScenarios()
    const fraud = scenarios.find((s) => s.id === 'fraud-scoring')
    if (!fraud) throw new Error('no fraud-scoring scenario')
    const summary = toScenarioSummary(fraud)
    expect(summary).toEqual({
      id: 'fraud-scoring',
      title: fraud.title,
      summary: fraud.summary,
      levels: ['junior', 'mid', 'senior'],
    })
    expect(ScenarioSummary.parse(summary)).toEqual(summary)
  })
})
