import { describe, expect, it } from 'vitest'
import { analyseBoard } from './analyseBoard.ts'
import type { AnalysisRequirements } from './requirements.ts'
import { TestBoard } from './testBoard.ts'
import type { BoardAnalysis, ComponentAnalysis } from './types.ts'

const byId = (analysis: BoardAnalysis, id: string) =>
  analysis.components.find((c) => c.shapeId === id) as ComponentAnalysis
const ln = Math.log
/** A figure the test expects to be known. */
const known = (value: number | null): number => {
  if (value === null) throw new Error('expected a number, got null')
  return value
}

/** docs/analysis.md's worked example: client → load balancer → cache → CPU model server. */
function workedExample() {
  const board = new TestBoard()
  const client = board.card('client', 'client')
  const lb = board.card('lb', 'load-balancer', {
    replicas: 2,
    capacityRpsPerReplica: 10_000,
    latencyP99Ms: 2,
    availability: 0.999,
    costPerReplicaHourUsd: 0.03,
  })
  const cache = board.card('cache', 'cache', {
    replicas: 2,
    capacityRpsPerReplica: 20_000,
    cacheHitRate: 0.8,
    latencyP50Ms: 1,
    latencyP99Ms: 3,
    availability: 0.999,
    costPerReplicaHourUsd: 0.2,
  })
  const model = board.card('model', 'model-server-cpu', {
    replicas: 4,
    capacityRpsPerReplica: 100,
    latencyP50Ms: 20,
    latencyP99Ms: 50,
    availability: 0.99,
    costPerReplicaHourUsd: 0.5,
  })
  board.flow(client, lb, { mode: 'sync', label: 'predict' })
  board.flow(lb, cache)
  board.flow(cache, model)
  return { board, client, lb, cache, model }
}

const REQUIREMENTS: AnalysisRequirements = {
  peakRps: 1000,
  p99TargetMs: 100,
  monthlyBudgetUsd: 1900,
  availabilitySlo: 0.9999,
}

describe('a chain with a cache, computed by hand (docs/analysis.md)', () => {
  const { board, client, lb, cache, model } = workedExample()
  const analysis = analyseBoard(board.records, REQUIREMENTS)

  it('carries the peak through the cache: 1,000 rps in, (1 − 0.8) × 1,000 = 200 to the model', () => {
    expect(byId(analysis, client).arrivalRps).toBe(1000)
    expect(byId(analysis, lb).arrivalRps).toBe(1000)
    expect(byId(analysis, cache).arrivalRps).toBe(1000)
    expect(byId(analysis, model).arrivalRps).toBeCloseTo(200, 9)
  })

  it('computes utilisation and the replicas needed at 70 %', () => {
    expect(byId(analysis, lb).utilisation).toBeCloseTo(1000 / 20_000, 12)
    expect(byId(analysis, cache).utilisation).toBeCloseTo(1000 / 40_000, 12)
    expect(byId(analysis, model).utilisation).toBeCloseTo(0.5, 12)
    expect(byId(analysis, model).replicasNeeded).toBe(3) // ⌈200 / (100 × 0.7)⌉ = ⌈2.86⌉
    expect(byId(analysis, lb).replicasNeeded).toBe(1)
    expect(byId(analysis, model).state).toBe('ok')
    expect(byId(analysis, client).utilisation).toBeNull() // a client is not capacity-bound
  })

  it('adds the M/M/c wait: C(4, 2) = 4/23, mean 4/23 / (400 − 200) s, p99 ln(C / 0.01) / 200 s', () => {
    const c = 4 / 23
    const m = byId(analysis, model)
    expect(m.queueWaitMs).toBeCloseTo((c / 200) * 1000, 9) // 0.870 ms
    expect(m.latencyMs).toBeCloseTo(20 + (c / 200) * 1000, 9) // 20.87 ms
    expect(m.p99LatencyMs).toBeCloseTo(50 + (ln(c / 0.01) / 200) * 1000, 9) // 64.28 ms
    // the load balancer states a p99 only: its p50 is the exponential's, p99 × ln 2 / ln 100
    const l = byId(analysis, lb)
    const lbWait = (2 * 0.05 ** 2) / (1 + 0.05) / (20_000 - 1000)
    expect(l.queueWaitMs).toBeCloseTo(lbWait * 1000, 12)
    expect(l.latencyMs).toBeCloseTo((2 * ln(2)) / ln(100) + lbWait * 1000, 9)
    expect(l.p99LatencyMs).toBe(2) // under 1 % of requests wait: no p99 wait
  })

  it('sums the critical sync path from the client', () => {
    expect(analysis.paths).toHaveLength(1)
    const [path] = analysis.paths
    expect(path.shapeIds).toEqual([client, lb, cache, model])
    const modelP99 = 50 + (ln(4 / 23 / 0.01) / 200) * 1000
    expect(path.p99LatencyMs).toBeCloseTo(2 + 3 + modelP99, 6) // 69.28 ms
    expect(path.latencyMs).toBeCloseTo(
      known(byId(analysis, lb).latencyMs) +
        known(byId(analysis, cache).latencyMs) +
        known(byId(analysis, model).latencyMs),
      9,
    )
    expect(analysis.totals.p99LatencyMs).toBe(path.p99LatencyMs)
  })

  it('costs replicas × $/h × 730 and multiplies availabilities along the path', () => {
    expect(byId(analysis, lb).monthlyCostUsd).toBeCloseTo(43.8, 9)
    expect(byId(analysis, cache).monthlyCostUsd).toBeCloseTo(292, 9)
    expect(byId(analysis, model).monthlyCostUsd).toBeCloseTo(1460, 9)
    expect(analysis.totals.monthlyCostUsd).toBeCloseTo(1795.8, 9)
    expect(byId(analysis, lb).availability).toBeCloseTo(1 - 0.001 ** 2, 15)
    expect(analysis.totals.availability).toBeCloseTo((1 - 0.001 ** 2) ** 2 * (1 - 0.01 ** 4), 15)
  })

  it('checks the requirements: p99 met, budget amber (within 10 %), SLO met', () => {
    const status = Object.fromEntries(analysis.requirements.map((r) => [r.id, r.status]))
    expect(status).toEqual({ throughput: 'met', latency: 'met', budget: 'near', availability: 'met' })
    const throughput = analysis.requirements.find((r) => r.id === 'throughput')
    // the busiest component is half busy: it would saturate at twice this traffic
    expect(throughput?.target).toBe(0.7)
    expect(throughput?.value).toBeCloseTo(0.5, 9)
  })

  it('is plain JSON: no NaN, no Infinity, nothing undefined', () => {
    expect(JSON.parse(JSON.stringify(analysis))).toEqual(analysis)
  })

  it('reads records as a Map as well as a list', () => {
    const asMap = new Map(board.records.map((r) => [r.id as string, r]))
    expect(analyseBoard(asMap, REQUIREMENTS)).toEqual(analysis)
  })
})

describe('traffic', () => {
  it('fans out: every callee of a non-balancer gets the full rate × calls per request', () => {
    const board = new TestBoard()
    const client = board.card('client', 'client')
    const gateway = board.card('gateway', 'api-gateway', {
      replicas: 2,
      capacityRpsPerReplica: 1000,
      latencyP50Ms: 5,
    })
    const ranker = board.card('ranker', 'model-server-cpu', {
      replicas: 4,
      capacityRpsPerReplica: 100,
      latencyP50Ms: 40,
    })
    const features = board.card('features', 'online-feature-store', {
      replicas: 2,
      capacityRpsPerReplica: 5000,
      latencyP50Ms: 2,
    })
    board.flow(client, gateway)
    board.flow(gateway, ranker)
    board.flow(gateway, features, { mode: 'sync', callsPerRequest: 3, label: 'feature lookups' })
    const analysis = analyseBoard(board.records, { peakRps: 300 })
    expect(byId(analysis, ranker).arrivalRps).toBe(300)
    expect(byId(analysis, features).arrivalRps).toBe(900)
    expect(byId(analysis, ranker).utilisation).toBeCloseTo(0.75, 12)
    expect(byId(analysis, ranker).state).toBe('hot')
    // the slower branch is the critical one: the ranker (p99 = 40 × ln 100 / ln 2 + its wait)
    expect(analysis.paths[0].shapeIds).toEqual([client, gateway, ranker])
  })

  it('shares a load balancer’s traffic equally between its sync callees', () => {
    const board = new TestBoard()
    const client = board.card('client', 'client')
    const lb = board.card('lb', 'load-balancer', { replicas: 2, capacityRpsPerReplica: 10_000 })
    const a = board.card('a', 'model-server-gpu', { replicas: 2, capacityRpsPerReplica: 100 })
    const b = board.card('b', 'model-server-gpu', { replicas: 2, capacityRpsPerReplica: 100 })
    const logs = board.card('logs', 'logging-tracing')
    board.flow(client, lb)
    board.flow(lb, a)
    board.flow(lb, b)
    board.flow(lb, logs, { mode: 'async' })
    const analysis = analyseBoard(board.records, { peakRps: 240 })
    expect(byId(analysis, a).arrivalRps).toBe(120)
    expect(byId(analysis, b).arrivalRps).toBe(120)
    expect(byId(analysis, logs).arrivalRps).toBe(240) // async side flows get everything
  })

  it('takes a rate written on an arrow as that flow’s peak, and shares the entry peak between clients', () => {
    const board = new TestBoard()
    const web = board.card('web', 'client')
    const app = board.card('app', 'client')
    const server = board.card('server', 'model-server-cpu', { replicas: 1, capacityRpsPerReplica: 1000 })
    const db = board.card('db', 'database', { replicas: 1, capacityRpsPerReplica: 1000 })
    board.flow(web, server)
    board.flow(app, server)
    board.flow(server, db, { mode: 'sync', rps: 42 })
    const analysis = analyseBoard(board.records, { peakRps: 500 })
    expect(byId(analysis, web).arrivalRps).toBe(250)
    expect(byId(analysis, server).arrivalRps).toBe(500)
    expect(byId(analysis, db).arrivalRps).toBe(42)
    expect(analysis.paths).toHaveLength(2)
  })

  it('reads a flow from its label where the arrow has no meta, and prefers the exact meta', () => {
    const board = new TestBoard()
    const client = board.card('client', 'client')
    const legacy = board.card('legacy', 'model-server-cpu', { replicas: 1, capacityRpsPerReplica: 1e6 })
    const exact = board.card('exact', 'model-server-cpu', { replicas: 1, capacityRpsPerReplica: 1e6 })
    const retyped = board.card('retyped', 'model-server-cpu', { replicas: 1, capacityRpsPerReplica: 1e6 })
    board.flow(client, legacy, 'predict · sync · 12.3k rps')
    board.flow(client, exact, { mode: 'sync', rps: 12_345 })
    // meta says 12,345 but the candidate retyped the label by hand: the label wins
    board.flow(client, retyped, 'sync · 2k rps · x2 per request', { flow: { mode: 'sync', rps: 12_345 } })
    const analysis = analyseBoard(board.records, { peakRps: 1 })
    expect(byId(analysis, legacy).arrivalRps).toBe(12_300)
    expect(byId(analysis, exact).arrivalRps).toBe(12_345)
    expect(byId(analysis, retyped).arrivalRps).toBe(2000)
  })

  it('does not hang on cycles: the closing flow carries nothing and is reported', () => {
    const board = new TestBoard()
    const client = board.card('client', 'client')
    const a = board.card('a', 'model-server-cpu', {
      replicas: 2,
      capacityRpsPerReplica: 100,
      latencyP50Ms: 10,
    })
    const b = board.card('b', 'database', { replicas: 2, capacityRpsPerReplica: 100, latencyP50Ms: 5 })
    board.flow(client, a)
    board.flow(a, b)
    const back = board.flow(b, a, { mode: 'sync', label: 'response' })
    board.flow(b, b) // an arrow from a card to itself is no flow
    const analysis = analyseBoard(board.records, { peakRps: 50 })
    expect(byId(analysis, a).arrivalRps).toBe(50)
    expect(byId(analysis, b).arrivalRps).toBe(50)
    expect(analysis.paths[0].shapeIds).toEqual([client, a, b])
    const cycle = analysis.findings.filter((f) => f.code === 'flow-cycle')
    expect(cycle).toHaveLength(1)
    expect(cycle[0].shapeIds).toEqual([back, b, a])
  })

  it('cuts the sync path at an async flow', () => {
    const board = new TestBoard()
    const client = board.card('client', 'client')
    const api = board.card('api', 'model-server-cpu', {
      replicas: 2,
      capacityRpsPerReplica: 100,
      latencyP50Ms: 10,
    })
    const queue = board.card('queue', 'message-queue', { replicas: 3, capacityRpsPerReplica: 10_000 })
    const worker = board.card('worker', 'stream-processor', { replicas: 2, capacityRpsPerReplica: 5000 })
    board.flow(client, api)
    board.flow(api, queue, { mode: 'async', label: 'events' })
    board.flow(queue, worker, { mode: 'async' })
    const analysis = analyseBoard(board.records, { peakRps: 80 })
    expect(analysis.paths[0].shapeIds).toEqual([client, api])
    expect(byId(analysis, queue).arrivalRps).toBe(80)
    expect(byId(analysis, worker).arrivalRps).toBe(80)
  })
})

describe('regions', () => {
  function twoRegions() {
    const board = new TestBoard()
    board.region('eu', 'eu-west-1')
    board.region('us', 'us-east-1')
    const client = board.card('client', 'client')
    const lb = board.card('lb', 'load-balancer', {
      replicas: 2,
      capacityRpsPerReplica: 10_000,
      availability: 0.9999,
    })
    const eu = board.card(
      'm-eu',
      'model-server-gpu',
      { replicas: 1, capacityRpsPerReplica: 100, availability: 0.99 },
      { region: 'eu' },
    )
    const us = board.card(
      'm-us',
      'model-server-gpu',
      { replicas: 1, capacityRpsPerReplica: 100, availability: 0.99 },
      { region: 'us' },
    )
    board.flow(client, lb)
    board.flow(lb, eu)
    board.flow(lb, us)
    return { board, lb, eu, us }
  }

  it('counts regions that hold the same kinds as alternatives', () => {
    const { board, eu } = twoRegions()
    const analysis = analyseBoard(board.records, { peakRps: 100 })
    expect(byId(analysis, eu).regionId).toBe('shape:eu')
    // LB (2 replicas in parallel) in series with (either region): (1 − 0.0001²) × (1 − 0.01²)
    expect(analysis.totals.availability).toBeCloseTo((1 - 0.0001 ** 2) * (1 - 0.01 ** 2), 15)
  })

  it('loses a region: its components are down and the survivor takes all the traffic', () => {
    const { board, eu, us } = twoRegions()
    const analysis = analyseBoard(
      board.records,
      { peakRps: 100 },
      { whatIf: { lostRegionIds: ['shape:eu'] } },
    )
    expect(byId(analysis, eu).state).toBe('down')
    expect(byId(analysis, eu).arrivalRps).toBe(0)
    expect(byId(analysis, us).arrivalRps).toBe(100)
    expect(byId(analysis, us).state).toBe('overloaded')
    expect(analysis.totals.availability).toBeCloseTo((1 - 0.0001 ** 2) * 0.99, 15)
    expect(analysis.findings.map((f) => f.code)).toContain('overloaded')
  })

  it('puts everything in series when a region lacks a kind the other has', () => {
    const { board } = twoRegions()
    board.card('cache-eu', 'cache', { replicas: 1, availability: 0.9 }, { region: 'eu' })
    const eu = board.records.find((r) => r.id === 'shape:m-eu') as { id: string }
    board.flow(eu.id, 'shape:cache-eu')
    const analysis = analyseBoard(board.records, { peakRps: 100 })
    expect(analysis.totals.availability).toBeCloseTo((1 - 0.0001 ** 2) * 0.99 * 0.99 * 0.9, 15)
  })
})

describe('what-if', () => {
  const { board, model, cache } = workedExample()
  const run = (whatIf: Parameters<typeof analyseBoard>[2]) =>
    analyseBoard(board.records, REQUIREMENTS, whatIf)

  it('multiplies traffic: ×10 overloads the model server and the p99 becomes unbounded', () => {
    const analysis = run({ whatIf: { trafficMultiplier: 10 } })
    expect(analysis.totals.peakRps).toBe(10_000)
    const m = byId(analysis, model)
    expect(m.arrivalRps).toBeCloseTo(2000, 9)
    expect(m.utilisation).toBeCloseTo(5, 9)
    expect(m.state).toBe('overloaded')
    expect(m.replicasNeeded).toBe(29) // ⌈2000 / 70⌉
    expect(m.queueWaitMs).toBeNull()
    expect(analysis.paths[0].p99LatencyMs).toBeNull()
    expect(analysis.paths[0].overloadedShapeIds).toEqual([model])
    expect(analysis.requirements.find((r) => r.id === 'latency')?.status).toBe('missed')
    expect(analysis.requirements.find((r) => r.id === 'throughput')?.status).toBe('missed')
    expect(JSON.parse(JSON.stringify(analysis))).toEqual(analysis)
  })

  it('empties the cache: everything reaches the model server', () => {
    const analysis = run({ whatIf: { coldCache: true } })
    expect(byId(analysis, cache).arrivalRps).toBe(1000)
    expect(byId(analysis, model).arrivalRps).toBe(1000)
    expect(byId(analysis, model).state).toBe('overloaded')
  })

  it('slows the model: + X ms on its typical and p99 latency, and on the path', () => {
    const base = run({})
    const slow = run({ whatIf: { extraModelLatencyMs: 30 } })
    expect(known(byId(slow, model).latencyMs) - known(byId(base, model).latencyMs)).toBeCloseTo(30, 9)
    expect(known(slow.paths[0].p99LatencyMs) - known(base.paths[0].p99LatencyMs)).toBeCloseTo(30, 9)
    expect(byId(slow, cache).latencyMs).toBe(byId(base, cache).latencyMs) // only model servers
  })

  it('loses replicas, one per listed id, and never a cost', () => {
    const one = run({ whatIf: { lostReplicaShapeIds: [model] } })
    expect(byId(one, model).replicas).toBe(3)
    expect(byId(one, model).utilisation).toBeCloseTo(200 / 300, 12)
    expect(byId(one, model).monthlyCostUsd).toBeCloseTo(1460, 9)
    const two = run({ whatIf: { lostReplicaShapeIds: [model, model] } })
    expect(byId(two, model).state).toBe('overloaded') // 200 rps on 2 × 100
    const all = run({ whatIf: { lostReplicaShapeIds: [model, model, model, model, model] } })
    expect(byId(all, model).state).toBe('down')
    expect(all.totals.availability).toBe(0)
    expect(all.findings.find((f) => f.code === 'component-down')?.shapeIds).toEqual([model])
  })
})

describe('missing figures', () => {
  it('reports a card without figures as unknown, never NaN', () => {
    const board = new TestBoard()
    const client = board.card('client', 'client')
    const bare = board.card('bare', 'model-server-gpu', {})
    board.flow(client, bare)
    const analysis = analyseBoard(board.records, { peakRps: 100, p99TargetMs: 200, monthlyBudgetUsd: 1000 })
    const c = byId(analysis, bare)
    expect(c).toMatchObject({
      arrivalRps: 100,
      replicas: null,
      utilisation: null,
      replicasNeeded: null,
      queueWaitMs: null,
      latencyMs: null,
      p99LatencyMs: null,
      availability: null,
      monthlyCostUsd: null,
      state: 'unknown',
    })
    expect(c.missingFigures).toEqual(
      expect.arrayContaining([
        'replicas',
        'capacityRpsPerReplica',
        'latencyP50Ms',
        'availability',
        'costPerReplicaHourUsd',
      ]),
    )
    expect(analysis.paths[0].unknownShapeIds).toEqual([bare])
    const status = Object.fromEntries(analysis.requirements.map((r) => [r.id, r.status]))
    expect(status).toEqual({ throughput: 'unknown', latency: 'unknown', budget: 'unknown' })
    expect(analysis.findings.find((f) => f.code === 'missing-figures')?.shapeIds).toEqual([bare])
    expect(JSON.stringify(analysis)).not.toMatch(/NaN|Infinity/)
    expect(JSON.parse(JSON.stringify(analysis))).toEqual(analysis)
  })

  it('ignores records it cannot read', () => {
    const { board } = workedExample()
    const analysis = analyseBoard(
      [
        ...board.records,
        null,
        42,
        { id: 'shape:odd', typeName: 'shape', type: 'component', props: { kind: 'teapot' } },
        {
          id: 'binding:loose',
          typeName: 'binding',
          type: 'arrow',
          fromId: 'shape:nothing',
          toId: 'shape:lb',
          props: { terminal: 'start' },
        },
        {
          id: 'shape:weird',
          typeName: 'shape',
          type: 'component',
          props: { kind: 'cache', figures: { replicas: -3, cacheHitRate: 7 } },
        },
      ],
      REQUIREMENTS,
    )
    expect(analysis.components).toHaveLength(5)
    expect(byId(analysis, 'shape:weird').replicas).toBeNull()
  })
})

describe('scope', () => {
  it('analyses the candidate’s design once it has a card, else the reference drawing', () => {
    const board = new TestBoard()
    const refClient = board.card('ref-client', 'client', {}, { reference: true })
    const refServer = board.card(
      'ref-server',
      'model-server-cpu',
      { replicas: 1, capacityRpsPerReplica: 10 },
      { reference: true },
    )
    board.flow(refClient, refServer)
    expect(analyseBoard(board.records, { peakRps: 5 }).scope).toBe('reference')
    expect(analyseBoard(board.records, { peakRps: 5 }).components.map((c) => c.shapeId)).toEqual([
      refClient,
      refServer,
    ])

    const mine = board.card('mine', 'model-server-cpu', { replicas: 3, capacityRpsPerReplica: 10 })
    const auto = analyseBoard(board.records, { peakRps: 5 })
    expect(auto.scope).toBe('design')
    expect(auto.components.map((c) => c.shapeId)).toEqual([mine])
    expect(analyseBoard(board.records, { peakRps: 5 }, { scope: 'all' }).components).toHaveLength(3)
    expect(analyseBoard(board.records, { peakRps: 5 }, { scope: 'reference' }).components).toHaveLength(2)
  })
})

describe('recomputing after an edit', () => {
  it('sees a replaced card, a card moved into a region and a rebound arrow', () => {
    const { board, model, cache } = workedExample()
    const store = new Map(board.records.map((r) => [r.id as string, r]))
    const before = analyseBoard(store, REQUIREMENTS)
    expect(byId(before, model).replicas).toBe(4)

    // tldraw replaces a record on every change; the analysis reads the new one, not what it kept
    const card = store.get(model) as { props: { figures: object } }
    store.set(model, { ...card, props: { ...card.props, figures: { ...card.props.figures, replicas: 8 } } })
    board.region('eu')
    store.set('shape:eu', board.records.at(-1) as Record<string, unknown>)
    const cacheCard = store.get(cache) as Record<string, unknown>
    store.set(cache, { ...cacheCard, parentId: 'shape:eu' })
    const after = analyseBoard(store, REQUIREMENTS)
    expect(byId(after, model).replicas).toBe(8)
    expect(byId(after, model).utilisation).toBeCloseTo(200 / 800, 12)
    expect(byId(after, cache).regionId).toBe('shape:eu')

    // the cache → model arrow's end is dragged back onto the cache: no flow, the model gets nothing
    const binding = [...store.values()].find(
      (r) => (r as { toId?: string; props?: { terminal?: string } }).toId === model,
    ) as { id: string }
    store.set(binding.id, { ...binding, toId: cache })
    const rebound = analyseBoard(store, REQUIREMENTS)
    expect(byId(rebound, model).arrivalRps).toBe(0)
  })
})
