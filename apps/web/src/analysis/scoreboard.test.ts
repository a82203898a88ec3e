import { describe, expect, it } from 'vitest'
import { scoreTiles, slowestPath, tileDetails } from './scoreboard.ts'
import { analysisOf, component } from './testAnalysis.ts'

const targets = { peakRps: 1000, p99TargetMs: 100, monthlyBudgetUsd: 1900, availabilitySlo: 0.9999 }

/** The worked example of docs/analysis.md, as the analysis answers it. */
function workedExample() {
  const lb = component('shape:lb', {
    kind: 'load-balancer',
    name: 'Load balancer',
    arrivalRps: 1000,
    replicas: 2,
    utilisation: 0.05,
    replicasNeeded: 1,
    p99LatencyMs: 2,
    latencyMs: 0.3,
    monthlyCostUsd: 43.8,
    availability: 0.999999,
  })
  const cache = component('shape:cache', {
    kind: 'cache',
    name: 'Cache',
    arrivalRps: 1000,
    replicas: 2,
    utilisation: 0.025,
    replicasNeeded: 1,
    p99LatencyMs: 3,
    latencyMs: 1,
    monthlyCostUsd: 292,
    availability: 0.999999,
  })
  const model = component('shape:model', { name: 'Model server' })
  const client = component('shape:client', {
    kind: 'client',
    name: 'Users',
    arrivalRps: 0,
    replicas: null,
    utilisation: null,
    replicasNeeded: null,
    latencyMs: null,
    p99LatencyMs: null,
    availability: null,
    monthlyCostUsd: 0,
  })
  return analysisOf({
    components: [client, lb, cache, model],
    paths: [
      {
        shapeIds: ['shape:client', 'shape:lb', 'shape:cache', 'shape:model'],
        latencyMs: 22.17,
        p99LatencyMs: 69.28,
        unknownShapeIds: [],
        overloadedShapeIds: [],
      },
    ],
    totals: {
      peakRps: 1000,
      monthlyCostUsd: 1795.8,
      availability: 0.99999998,
      maxUtilisation: 0.5,
      p99LatencyMs: 69.28,
    },
    requirements: [
      { id: 'throughput', text: '', target: 1000, value: 2000, status: 'met' },
      { id: 'latency', text: '', target: 100, value: 69.28, status: 'met' },
      { id: 'budget', text: '', target: 1900, value: 1795.8, status: 'near' },
      { id: 'availability', text: '', target: 0.9999, value: 0.99999998, status: 'met' },
    ],
  })
}

describe('scoreTiles', () => {
  it('colours each tile by its requirement and shows the figures against the targets', () => {
    const tiles = scoreTiles(workedExample(), targets)
    expect(tiles.map((t) => [t.id, t.tone, t.value, t.target])).toEqual([
      ['headroom', 'green', '50 %', 'busiest · target ≤ 70 %'],
      ['latency', 'green', '69 ms', 'target ≤ 100 ms'],
      ['budget', 'amber', '$1,796/mo', 'budget $1,900/mo'],
      ['availability', 'green', '99.9999 %', 'SLO ≥ 99.99 %'],
    ])
    expect(tiles[0]?.note).toBe('Full (ρ = 1) at 2× this traffic')
  })

  it('is grey with "no target" where the session sets none, and uses the session’s target utilisation', () => {
    const analysis = workedExample()
    analysis.requirements = analysis.requirements.filter((r) => r.id === 'throughput')
    const tiles = scoreTiles(analysis, { peakRps: 1000, targetUtilisation: 0.6 })
    expect(tiles.map((t) => [t.tone, t.target])).toEqual([
      ['green', 'busiest · target ≤ 60 %'],
      ['grey', 'no p99 target'],
      ['grey', 'no budget'],
      ['grey', 'no SLO'],
    ])
  })

  it('shows an overloaded design red with an unbounded p99', () => {
    const analysis = workedExample()
    analysis.components[3] = component('shape:model', {
      name: 'Model server',
      utilisation: 1.25,
      state: 'overloaded',
      latencyMs: null,
      p99LatencyMs: null,
    })
    analysis.totals = { ...analysis.totals, maxUtilisation: 1.25, p99LatencyMs: null }
    analysis.requirements = [
      { id: 'throughput', text: '', target: 1000, value: 800, status: 'missed' },
      { id: 'latency', text: '', target: 100, value: null, status: 'missed' },
    ]
    const [headroom, latency] = scoreTiles(analysis, targets)
    expect([headroom?.tone, headroom?.value]).toEqual(['red', '125 %'])
    expect([latency?.tone, latency?.value, latency?.note]).toEqual([
      'red',
      'unbounded',
      'An overloaded component on the path: its queue grows',
    ])
  })

  it('says why a tile is grey when figures are missing', () => {
    const analysis = analysisOf({
      components: [component('shape:a', { utilisation: null, state: 'unknown', monthlyCostUsd: null })],
      requirements: [{ id: 'throughput', text: '', target: 1000, value: null, status: 'unknown' }],
    })
    const [headroom, latency, budget, availability] = scoreTiles(analysis, targets)
    expect([headroom?.tone, headroom?.value, headroom?.note]).toEqual([
      'grey',
      'unknown',
      'No component states its capacity yet',
    ])
    expect(latency?.note).toBe('No client reaches a component yet')
    expect(budget?.note).toBe('1 component has no price')
    expect(availability?.value).toBe('unknown')
  })

  it('flags traffic sent to a component that is down', () => {
    const analysis = workedExample()
    analysis.components[3] = component('shape:model', { state: 'down', replicas: 0, utilisation: null })
    analysis.requirements[0] = { id: 'throughput', text: '', target: 1000, value: 0, status: 'missed' }
    expect(scoreTiles(analysis, targets)[0]?.note).toBe('Traffic reaches a component that is down')
  })
})

describe('tileDetails', () => {
  it('lists utilisation busiest first, with replicas needed where they differ', () => {
    const rows = tileDetails(workedExample(), 'headroom')
    expect(rows.map((r) => [r.name, r.value, r.detail])).toEqual([
      ['Model server', '50 %', '200 rps on 4 replicas · needs 3'],
      ['Load balancer', '5 %', '1,000 rps on 2 replicas · needs 1'],
      ['Cache', '3 %', '1,000 rps on 2 replicas · needs 1'],
    ])
  })

  it('walks the slowest path hop by hop', () => {
    const rows = tileDetails(workedExample(), 'latency')
    expect(rows.map((r) => [r.name, r.value])).toEqual([
      ['Users', 'unknown'],
      ['Load balancer', '2 ms'],
      ['Cache', '3 ms'],
      ['Model server', '64 ms'],
    ])
  })

  it('lists cost per component, costliest first, leaving out what costs nothing', () => {
    const rows = tileDetails(workedExample(), 'budget')
    expect(rows.map((r) => [r.name, r.value])).toEqual([
      ['Model server', '$1,460/mo'],
      ['Cache', '$292/mo'],
      ['Load balancer', '$44/mo'],
    ])
  })

  it('lists availability weakest first', () => {
    const rows = tileDetails(workedExample(), 'availability')
    expect(rows.map((r) => r.name)).toEqual(['Load balancer', 'Cache', 'Model server', 'Users'])
    expect(rows.at(-1)?.value).toBe('not stated')
  })
})

describe('slowestPath', () => {
  const path = (p99: number | null, id: string) => ({
    shapeIds: [id, 'x'],
    latencyMs: p99,
    p99LatencyMs: p99,
    unknownShapeIds: [],
    overloadedShapeIds: [],
  })
  it('prefers an unbounded path, then the highest p99', () => {
    expect(slowestPath([path(10, 'a'), path(30, 'b'), path(20, 'c')])?.shapeIds[0]).toBe('b')
    expect(slowestPath([path(10, 'a'), path(null, 'b'), path(90, 'c')])?.shapeIds[0]).toBe('b')
    expect(slowestPath([])).toBeUndefined()
  })
})
