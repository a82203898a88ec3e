import { describe, expect, it } from 'vitest'
import {
  CandidateScenario,
  derivedPeakRps,
  type InfrastructureOption,
  optionPrices,
  Scenario,
  ScenarioSummary,
} from './scenario.ts'

/** A small scenario that satisfies every rule; each test breaks one thing. */
function validScenario() {
  return {
    id: 'tiny',
    title: 'Tiny scenario',
    summary: 'A minimal scenario used by the schema tests.',
    context: 'A shop recommends products.',
    growth: {
      unit: 'predictions',
      perDayNow: 86400,
      perDayTarget: 864000,
      peakToAverage: 2,
      horizonMonths: 6,
    },
    currentArchitecture: {
      components: [
        { id: 'shop', kind: 'client', name: 'Shop', x: 0, y: 0 },
        {
          id: 'api',
          kind: 'model-server-cpu',
          name: 'API',
          figures: { replicas: 2, capacityRpsPerReplica: 2, costPerReplicaHourUsd: 0.17 },
          x: 300,
          y: 0,
        },
      ],
      flows: [{ from: 'shop', to: 'api', rps: 2 }],
    },
    metrics: {
      observedWindow: 'peak hour',
      tiers: [
        { componentId: 'api', rps: 2, p50LatencyMs: 10, p99LatencyMs: 50, cpuUtilisation: 0.5, errorRate: 0 },
      ],
    },
    currentCost: {
      monthlyUsd: 248.2,
      basis: [{ componentId: 'api', parts: [{ optionId: 'c6i-xlarge', units: 1 }] }],
    },
    options: [
      {
        id: 'c6i-xlarge',
        category: 'instance',
        provider: 'aws',
        name: 'c6i.xlarge',
        vcpu: 4,
        memoryGiB: 8,
        pricePerHourUsd: 0.17,
        source: {
          title: 'EC2 on-demand',
          url: 'https://aws.amazon.com/ec2/pricing/on-demand/',
          seen: '2025-06',
        },
      },
      {
        id: 'cache',
        category: 'managed-service',
        provider: 'aws',
        service: 'cache',
        name: 'ElastiCache',
        prices: [{ unit: 'node-hour', amountUsd: 0.206 }],
        source: { title: 'ElastiCache pricing', seen: '2025-06-01' },
      },
    ],
    requirements: [
      { id: 'latency', kind: 'latency', label: 'Fast', p99LatencyMs: 100, scope: 'at the API' },
      { id: 'throughput', kind: 'throughput', label: 'Many', peakRps: 20 },
      { id: 'budget', kind: 'budget', label: 'Cheap', monthlyBudgetUsd: 1000 },
    ],
    levels: [
      { level: 'junior', requirementIds: ['latency', 'throughput'], expectations: ['Scales out.'] },
      { level: 'senior', requirementIds: ['latency', 'throughput', 'budget'], expectations: ['Costs it.'] },
    ],
    checklist: [
      {
        id: 'scales',
        label: 'Scales out',
        group: 'scaling',
        levels: ['junior', 'senior'],
        requirementIds: ['throughput'],
      },
    ],
    guidance: { bottleneck: 'The API saturates.', pitfalls: ['Ignoring cost.'] },
  }
}

type Mutable = ReturnType<typeof validScenario>

function issuesOf(mutate: (s: Mutable) => void): { path: string; message: string }[] {
  const s = validScenario()
  mutate(s)
  const result = Scenario.safeParse(s)
  if (result.success) return []
  return result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
}

describe('Scenario', () => {
  it('accepts a consistent scenario and fills defaults', () => {
    const parsed = Scenario.parse(validScenario())
    expect(parsed.metrics.series).toEqual([])
    expect(parsed.currentArchitecture.flows[0].mode).toBe('sync')
    expect(parsed.currentCost.basis[0].parts[0].unit).toBe('hour')
    expect(parsed.checklist[0].requirementIds).toEqual(['throughput'])
  })

  it('names the field of a wrongly typed requirement', () => {
    const issues = issuesOf((s) => {
      ;(s.requirements[0] as Record<string, unknown>).p99LatencyMs = 'fast'
    })
    expect(issues).toHaveLength(1)
    expect(issues[0].path).toBe('requirements.0.p99LatencyMs')
    expect(issues[0].message).toMatch(/expected number/)
  })

  it('rejects an unknown requirement kind at its discriminator', () => {
    const issues = issuesOf((s) => {
      ;(s.requirements[1] as Record<string, unknown>).kind = 'speed'
    })
    expect(issues.map((i) => i.path)).toEqual(['requirements.1.kind'])
  })

  it('catches a stated peak rps that disagrees with per-day × factor / 86400', () => {
    // 86,400/day × 2 / 86,400 = 2 rps; 2.05 is within 5%, 3 is not.
    expect(issuesOf((s) => Object.assign(s.growth, { peakRpsNow: 2.05, peakRpsTarget: 20 }))).toEqual([])
    const issues = issuesOf((s) => Object.assign(s.growth, { peakRpsNow: 3 }))
    expect(issues).toEqual([{ path: 'growth.peakRpsNow', message: expect.stringContaining('= 2 rps') }])
  })

  it('rejects a target below today', () => {
    expect(issuesOf((s) => Object.assign(s.growth, { perDayTarget: 1000 })).map((i) => i.path)).toEqual([
      'growth.perDayTarget',
    ])
  })

  it('catches a level that names an unknown requirement', () => {
    const issues = issuesOf((s) => s.levels[0].requirementIds.push('availability'))
    expect(issues).toEqual([
      { path: 'levels.0.requirementIds.2', message: 'unknown requirement "availability"' },
    ])
  })

  it('takes planned minutes per phase at a level, some or all, and checks them against designMinutes', () => {
    const withMinutes = (minutes: Record<string, unknown>, designMinutes?: number) =>
      issuesOf((s) => Object.assign(s.levels[1], { phaseMinutes: minutes, designMinutes }))
    expect(withMinutes({ design: 90, walkthrough: 15 }, 90)).toEqual([])
    expect(withMinutes({ briefing: 10, design: 60, walkthrough: 15, feedback: 10, revision: 15 })).toEqual([])
    expect(withMinutes({ design: 0 }).map((i) => i.path)).toEqual(['levels.1.phaseMinutes.design'])
    expect(withMinutes({ lunch: 30 }).map((i) => i.path)).toEqual(['levels.1.phaseMinutes'])
    expect(withMinutes({ design: 75 }, 90)).toEqual([
      { path: 'levels.1.phaseMinutes.design', message: 'must equal designMinutes' },
    ])
  })

  it('catches a level offered twice', () => {
    const issues = issuesOf((s) => {
      s.levels[1].level = 'junior'
    })
    expect(issues.map((i) => i.path)).toContain('levels.1.level')
  })

  it('catches checklist items for levels the scenario does not offer, or unknown requirements', () => {
    const issues = issuesOf((s) => {
      s.checklist[0].levels = ['mid']
      s.checklist[0].requirementIds = ['nope']
    })
    expect(issues.map((i) => i.path).sort()).toEqual(['checklist.0.levels.0', 'checklist.0.requirementIds.0'])
  })

  it('catches follow-up questions for levels the scenario does not offer', () => {
    const issues = issuesOf((s) => {
      Object.assign(s.guidance, { followUps: [{ question: 'Why?', levels: ['mid'] }] })
    })
    expect(issues.map((i) => i.path)).toEqual(['guidance.followUps.0.levels.0'])
  })

  it('catches suggested requirement changes for levels the scenario does not offer', () => {
    const issues = issuesOf((s) => {
      Object.assign(s.guidance, {
        requirementChanges: [{ text: 'Traffic doubles in 6 months.', levels: ['mid'] }],
      })
    })
    expect(issues.map((i) => i.path)).toEqual(['guidance.requirementChanges.0.levels.0'])
  })

  it('defaults suggested requirement changes to none', () => {
    expect(Scenario.parse(validScenario()).guidance.requirementChanges).toEqual([])
  })

  it('catches duplicate ids', () => {
    const issues = issuesOf((s) => {
      s.requirements.push({ ...s.requirements[2] })
      s.options.push({ ...s.options[1] })
      s.checklist.push({ ...s.checklist[0] })
    })
    expect(issues.map((i) => i.path).sort()).toEqual(['checklist.1.id', 'options.2.id', 'requirements.3.id'])
  })

  it('catches metrics and costs that point at unknown components, options or prices', () => {
    const issues = issuesOf((s) => {
      s.metrics.tiers[0].componentId = 'ghost'
      s.currentCost.basis.push({ componentId: 'ghost', parts: [{ optionId: 'nope', units: 1 }] })
      s.currentCost.basis.push({
        componentId: 'api',
        parts: [{ optionId: 'cache', units: 1, unit: 'hour' } as { optionId: string; units: number }],
      })
    })
    expect(issues.map((i) => i.path).sort()).toEqual([
      'currentCost.basis.1.componentId',
      'currentCost.basis.1.parts.0.optionId',
      'currentCost.basis.2.parts.0.unit',
      'metrics.tiers.0.componentId',
    ])
  })

  it('only places a component in a region boundary of the same architecture', () => {
    const issues = issuesOf((s) => {
      const components = s.currentArchitecture.components as {
        id: string
        kind: string
        name: string
        region?: string
      }[]
      components.push({ id: 'dc', kind: 'region-boundary', name: 'DC' })
      components[0].region = 'dc'
      components[1].region = 'nowhere'
    })
    expect(issues.map((i) => i.path)).toEqual(['currentArchitecture.components.1.region'])
  })

  it('rejects ids that are not kebab-case and sources without a seen date', () => {
    const issues = issuesOf((s) => {
      s.checklist[0].id = 'Scales_Out'
      s.options[0].source.seen = 'June 2025'
    })
    expect(issues.map((i) => i.path).sort()).toEqual(['checklist.0.id', 'options.0.source.seen'])
  })

  it('rejects a multi-line summary and unknown fields', () => {
    const issues = issuesOf((s) => {
      s.summary = 'one\ntwo'
      Object.assign(s, { secret: true })
    })
    expect(issues.map((i) => i.path).sort()).toEqual(['', 'summary'])
  })
})

describe('CandidateScenario', () => {
  it('accepts a scenario without guidance and checklist, and refuses either', () => {
    const { guidance, checklist, ...candidate } = validScenario()
    expect(CandidateScenario.safeParse(candidate).success).toBe(true)
    expect(CandidateScenario.safeParse({ ...candidate, guidance }).success).toBe(false)
    expect(CandidateScenario.safeParse({ ...candidate, checklist }).success).toBe(false)
  })

  it('still checks references', () => {
    const { guidance: _g, checklist: _c, ...candidate } = validScenario()
    candidate.levels[0].requirementIds.push('ghost')
    expect(CandidateScenario.safeParse(candidate).success).toBe(false)
  })
})

describe('ScenarioSummary', () => {
  it('is id, title, summary and levels only', () => {
    const summary = { id: 'tiny', title: 'T', summary: 'S', levels: ['junior'] }
    expect(ScenarioSummary.parse(summary)).toEqual(summary)
    expect(ScenarioSummary.safeParse({ ...summary, guidance: {} }).success).toBe(false)
  })
})

describe('helpers', () => {
  it('derives peak rps from a daily volume and the peak factor', () => {
    expect(derivedPeakRps(288_000, 3)).toBe(10)
    expect(derivedPeakRps(34_560_000, 4)).toBe(1600)
  })

  it('prices an instance by the hour and a managed service by its units', () => {
    const [instance, service] = Scenario.parse(validScenario()).options as InfrastructureOption[]
    expect(optionPrices(instance)).toEqual([{ unit: 'hour', amountUsd: 0.17 }])
    expect(optionPrices(service)).toEqual([{ unit: 'node-hour', amountUsd: 0.206 }])
  })
})
