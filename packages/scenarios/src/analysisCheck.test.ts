import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Scenario } from '@scaleboard/schema'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  analyseCurrentState,
  checkAgainstAnalysis,
  componentsTheAnalysisDoesNotPrice,
  currentPeakRps,
} from './analysisCheck.ts'
import { checkScenarioDir } from './checkScenarioDir.ts'
import { loadScenarios } from './loadScenarios.ts'
import { DEFAULT_SCENARIOS_DIR, SCENARIO_FILE } from './paths.ts'

let scenarios: Map<string, Scenario>
beforeAll(async () => {
  scenarios = new Map((await loadScenarios()).map((s) => [s.id, s]))
})

function scenario(id: string): Scenario {
  const found = scenarios.get(id)
  if (!found) throw new Error(`no scenario ${id}`)
  return found
}

/** A changed copy of a shipped scenario, checked against the analysis. */
function problemsAfter(id: string, change: (s: Scenario) => void) {
  const copy = structuredClone(scenario(id))
  change(copy)
  return checkAgainstAnalysis(copy)
}

function component(s: Scenario, id: string) {
  const found = s.currentArchitecture.components.find((c) => c.id === id)
  if (!found) throw new Error(`no component ${id}`)
  return found
}

describe('the analysis of a scenario’s current state', () => {
  it('runs at today’s peak, not the target’s', () => {
    const s = scenario('recommendations')
    expect(currentPeakRps(s)).toBe(10)
    const analysis = analyseCurrentState(s)
    expect(analysis.scope).toBe('reference')
    expect(analysis.totals.peakRps).toBe(10)
    // the feature DB takes 2 reads per request: 20 q/s over 1 × 22 q/s
    const featureDb = analysis.components.find((c) => c.shapeId === 'shape:current-state--feature-db')
    expect(featureDb?.arrivalRps).toBe(20)
    expect(featureDb?.utilisation).toBeCloseTo(20 / 22, 9)
    expect(analysis.totals.monthlyCostUsd).toBeCloseTo(584, 6)
  })

  it.each(['recommendations', 'fraud-scoring', 'llm-assistant', 'image-moderation'])(
    'agrees with the metrics %s states',
    (id) => {
      expect(checkAgainstAnalysis(scenario(id))).toEqual([])
    },
  )

  it('accepts utilisation within 10 points', () => {
    expect(
      problemsAfter('recommendations', (s) => {
        const tier = s.metrics.tiers.find((t) => t.componentId === 'feature-db')
        if (tier) tier.cpuUtilisation = 0.83 // computed 91 %
      }),
    ).toEqual([])
  })

  it('names the component whose stated utilisation is more than 10 points off', () => {
    const problems = problemsAfter('recommendations', (s) => {
      // the arrow now carries half the reads: the board shows the feature DB at 45 %, the brief says 91 %
      const flow = s.currentArchitecture.flows.find((f) => f.to === 'feature-db')
      if (flow) flow.rps = 10
    })
    expect(problems).toEqual([
      {
        path: 'metrics.tiers[2]',
        message:
          '"feature-db" states 91% utilisation but the analysis of the current state computes 45% ' +
          "(10 rps at today's peak over 1 × 22 rps)",
      },
    ])
  })

  it('names a bottleneck the brief gives no utilisation for', () => {
    const problems = problemsAfter('recommendations', (s) => {
      s.metrics.tiers = s.metrics.tiers.filter((t) => t.componentId !== 'feature-db')
    })
    expect(problems).toEqual([
      {
        path: 'metrics.tiers',
        message:
          'the analysis of the current state finds "feature-db" busiest (91%) but no tier states its utilisation',
      },
    ])
  })

  it('names a monthly cost more than 10% off, and accepts one within 10%', () => {
    const near = problemsAfter('recommendations', (s) => {
      s.currentCost.monthlyUsd = 584 * 1.09
    })
    expect(near).toEqual([])
    const far = problemsAfter('recommendations', (s) => {
      // the cards cost more than the brief says: 2 × (0.50 − 0.09) × 730 = $598.60 more
      component(s, 'recommender').figures.costPerReplicaHourUsd = 0.5
    })
    expect(far).toEqual([
      {
        path: 'currentCost.monthlyUsd',
        message: 'states $584 a month but the analysis of the current state computes $1,182.6',
      },
    ])
  })

  it('leaves the kinds the analysis does not price out of both sides of the cost', () => {
    const moderation = scenario('image-moderation')
    expect(componentsTheAnalysisDoesNotPrice(moderation).map((c) => c.id)).toEqual(['bucket'])
    expect(componentsTheAnalysisDoesNotPrice(scenario('fraud-scoring')).map((c) => c.id)).toEqual([
      'monitoring',
    ])
    // the S3 bucket ($1,111.79 a month) is not on the board's bill, and not compared
    expect(analyseCurrentState(moderation).totals.monthlyCostUsd).toBeCloseTo(
      moderation.currentCost.monthlyUsd - 1.523 * 730,
      1,
    )
    const problems = problemsAfter('image-moderation', (s) => {
      s.currentCost.monthlyUsd *= 2
    })
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('(without "bucket", which the analysis does not price)'),
    ])
  })

  it('is part of the directory check: the shipped scenarios pass', async () => {
    const { checked, problems } = await checkScenarioDir()
    expect(checked).toBeGreaterThanOrEqual(4)
    expect(problems).toEqual([])
  })

  it('is part of the directory check: a disagreement names the scenario file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'scaleboard-analysis-check-'))
    try {
      const text = await readFile(path.join(DEFAULT_SCENARIOS_DIR, 'recommendations', SCENARIO_FILE), 'utf8')
      const broken = text.replace(
        'to: feature-db, mode: sync, rps: 20',
        'to: feature-db, mode: sync, rps: 10',
      )
      expect(broken).not.toBe(text)
      await mkdir(path.join(dir, 'recommendations'))
      const file = path.join(dir, 'recommendations', SCENARIO_FILE)
      await writeFile(file, broken)
      const { problems } = await checkScenarioDir(dir)
      expect(problems).toContain(
        `${file}: metrics.tiers[2]: "feature-db" states 91% utilisation but the analysis of the current ` +
          "state computes 45% (10 rps at today's peak over 1 × 22 rps)",
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
