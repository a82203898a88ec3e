import type { Scenario } from '@scaleboard/schema'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  checkScenarioConsistency,
  currentMonthlyCost,
  hourlyCost,
  sampleAt,
  tierUtilisation,
} from './consistency.ts'
import { loadScenario } from './loadScenarios.ts'
import { DEFAULT_SCENARIOS_DIR } from './paths.ts'

let recommendations: Scenario
let moderation: Scenario

beforeAll(async () => {
  recommendations = await loadScenario(DEFAULT_SCENARIOS_DIR, 'recommendations')
  moderation = await loadScenario(DEFAULT_SCENARIOS_DIR, 'image-moderation')
})

/** A changed copy of a shipped scenario, checked. */
function problemsAfter(scenario: Scenario, change: (s: Scenario) => void) {
  const copy = structuredClone(scenario)
  change(copy)
  return checkScenarioConsistency(copy)
}

function component(s: Scenario, id: string) {
  const found = s.currentArchitecture.components.find((c) => c.id === id)
  if (!found) throw new Error(`no component ${id}`)
  return found
}

describe('cost', () => {
  it('sums replicas × $/h × 730 over the current architecture', () => {
    // HAProxy 0.05 + 2 × 0.09 + 0.48 + 0.09 = 0.80 $/h
    expect(currentMonthlyCost(recommendations)).toBeCloseTo(584, 6)
  })

  it('converts monthly storage and per-use prices to dollars per hour', () => {
    const s3 = moderation.options.find((o) => o.id === 'aws-s3-standard')
    if (!s3) throw new Error('no S3 option')
    expect(hourlyCost(s3, 'gb-month', 730)).toBeCloseTo(0.023, 9)
    expect(hourlyCost(s3, 'million-put-requests', 0.1)).toBeCloseTo(0.5, 9)
    expect(hourlyCost(s3, 'hour', 1)).toBeUndefined()
  })

  it('flags a stated monthly cost that does not add up', () => {
    const problems = problemsAfter(recommendations, (s) => {
      s.currentCost.monthlyUsd = 700
    })
    expect(problems).toEqual([
      { path: 'currentCost.monthlyUsd', message: 'states $700 but Σ replicas × $/h × 730 = $584' },
    ])
  })

  it('flags a component whose price does not match the option it names', () => {
    const problems = problemsAfter(recommendations, (s) => {
      component(s, 'recommender').figures.costPerReplicaHourUsd = 0.17
      s.currentCost.monthlyUsd = currentMonthlyCost(s)
    })
    expect(problems).toEqual([
      {
        path: 'currentCost.basis[1]',
        message: '"recommender" costs $0.17/h per replica but its priced parts give $0.09/h',
      },
    ])
  })

  it('flags a costed component without a basis line', () => {
    const problems = problemsAfter(recommendations, (s) => {
      s.currentCost.basis = s.currentCost.basis.filter((b) => b.componentId !== 'etl')
    })
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('"etl" costs $0.09/h but no currentCost.basis'),
    ])
  })
})

describe('capacity', () => {
  it('computes utilisation as rps over replicas × capacity', () => {
    const tier = recommendations.metrics.tiers.find((t) => t.componentId === 'feature-db')
    if (!tier) throw new Error('no tier')
    expect(tierUtilisation(tier, component(recommendations, 'feature-db'))).toBeCloseTo(20 / 22, 9)
  })

  it('flags stated utilisation that the replicas and capacity contradict', () => {
    const problems = problemsAfter(recommendations, (s) => {
      component(s, 'recommender').figures.replicas = 4
      s.currentCost.monthlyUsd = currentMonthlyCost(s)
    })
    expect(problems).toEqual([
      {
        path: 'metrics.tiers[1]',
        message: '"recommender" states 42% utilisation but 10 rps over 4 × 12 rps is 21%',
      },
    ])
  })

  it('flags a tier whose rps differs from the flows into it', () => {
    const problems = problemsAfter(recommendations, (s) => {
      const flow = s.currentArchitecture.flows.find((f) => f.to === 'feature-db' && f.rps !== undefined)
      if (flow) flow.rps = 10
    })
    expect(problems).toContainEqual({
      path: 'metrics.tiers[2].rps',
      message: '20 rps but the flows into "feature-db" carry 10 rps',
    })
  })

  it('flags latency on a card that disagrees with the measured tier', () => {
    const problems = problemsAfter(recommendations, (s) => {
      component(s, 'recommender').figures.latencyP99Ms = 200
    })
    expect(problems).toEqual([
      { path: 'metrics.tiers[1].p99LatencyMs', message: "620 ms but the component's card shows 200 ms" },
    ])
  })

  it('flags token throughput that disagrees with rps × output tokens', async () => {
    const llm = await loadScenario(DEFAULT_SCENARIOS_DIR, 'llm-assistant')
    const problems = problemsAfter(llm, (s) => {
      const tier = s.metrics.tiers.find((t) => t.componentId === 'llm')
      if (tier) tier.outputTokensPerSecond = 500
    })
    expect(problems.map((p) => p.path)).toContain('metrics.tiers[2].outputTokensPerSecond')
  })
})

describe('demand', () => {
  it('flags client traffic that disagrees with the growth figures', () => {
    const problems = problemsAfter(recommendations, (s) => {
      s.growth.perDayNow = 576_000
      s.growth.peakRpsNow = undefined
    })
    const paths = problems.map((p) => p.path)
    expect(paths).toContain('currentArchitecture.flows')
    expect(paths).toContain('metrics.series[0].values') // the traffic series no longer adds up either
  })

  it('flags a throughput requirement that differs from the growth target', () => {
    const problems = problemsAfter(recommendations, (s) => {
      const r = s.requirements.find((x) => x.kind === 'throughput')
      if (r?.kind === 'throughput') r.peakRps = 2000
    })
    expect(problems).toEqual([
      { path: 'requirements[1].peakRps', message: '2,000 rps but the growth target gives 1,000 rps at peak' },
    ])
  })

  it('flags a series whose sample at the peak time disagrees with the tier figures', () => {
    const problems = problemsAfter(recommendations, (s) => {
      s.metrics.series[2].values[20] = 0.5
    })
    expect(problems).toEqual([
      { path: 'metrics.series[2].values', message: 'reads 0.5 at 20:00 but the figures at peak give 0.91' },
    ])
  })

  it('reads a series at a clock time', () => {
    const series = recommendations.metrics.series[0]
    expect(sampleAt(series, '20:00')).toBe(10)
    expect(sampleAt(series, '20:30')).toBeUndefined()
    expect(sampleAt({ ...series, start: '06:00' }, '05:00')).toBe(series.values[23])
  })
})
