import { analyseBoard, analysisRequirements } from '@scaleboard/analysis'
import { architectureToRecords } from '@scaleboard/components/schema'
import { derivedPeakRps, type Scenario } from '@scaleboard/schema'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadScenarios } from './loadScenarios.ts'

let scenarios: Map<string, Scenario>
beforeAll(async () => {
  scenarios = new Map((await loadScenarios()).map((s) => [s.id, s]))
})
const scenario = (id: string) => scenarios.get(id) as Scenario

describe('analysisRequirements', () => {
  it('reads a scenario’s requirements at a level', () => {
    const s = scenario('recommendations')
    expect(analysisRequirements(s, 'junior')).toEqual({
      peakRps: 1000,
      p99TargetMs: 150,
      availabilitySlo: 0.999,
      loadVariation: 10 / 0.3, // the day's rps series: 10 at 20:00 over 0.3 at night
    })
    expect(analysisRequirements(s, 'mid')).toMatchObject({
      monthlyBudgetUsd: 12_000,
      rpoMinutes: 1440,
      rtoMinutes: 30,
    })
    // no level: every requirement
    expect(analysisRequirements(s)).toEqual(analysisRequirements(s, 'mid'))
  })

  it('falls back to the growth target’s peak without a throughput requirement', () => {
    const s = scenario('recommendations')
    const withoutThroughput = { ...s, requirements: s.requirements.filter((r) => r.kind !== 'throughput') }
    const { growth } = s
    expect(analysisRequirements(withoutThroughput).peakRps).toBe(
      growth.peakRpsTarget ?? derivedPeakRps(growth.perDayTarget, growth.peakToAverage),
    )
  })
})

describe('each scenario’s current state', () => {
  // the component the guidance calls the bottleneck: the busiest one on the reference drawing
  const bottlenecks: Record<string, string> = {
    'fraud-scoring': 'payments-db',
    'image-moderation': 'workers',
    'llm-assistant': 'llm',
    recommendations: 'feature-db',
  }

  it.each(Object.entries(bottlenecks))('%s shows its own bottleneck (%s)', (id, componentId) => {
    const s = scenario(id)
    const { records } = architectureToRecords(s.currentArchitecture, { pageId: 'page:page' as never })
    const analysis = analyseBoard(records, analysisRequirements(s))
    expect(analysis.scope).toBe('reference')
    const busiest = analysis.components
      .filter((c) => c.utilisation !== null)
      .sort((a, b) => (b.utilisation ?? 0) - (a.utilisation ?? 0))[0]
    expect(busiest.shapeId).toBe(`shape:current-state--${componentId}`)
    expect(busiest.state === 'hot' || busiest.state === 'overloaded').toBe(true)
    expect(analysis.findings.some((f) => f.shapeIds.includes(busiest.shapeId) && f.severity !== 'info')).toBe(
      true,
    )
  })
})
