import type { ComponentFigures } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { analyseBoard } from '../analyseBoard.ts'
import type { AnalysisRequirements } from '../requirements.ts'
import { TestBoard } from '../testBoard.ts'

const findings = (board: TestBoard, code: string, requirements: Partial<AnalysisRequirements> = {}) =>
  analyseBoard(board.records, { peakRps: 100, ...requirements }).findings.filter((f) => f.code === code)

const SERVER: ComponentFigures = {
  replicas: 3,
  capacityRpsPerReplica: 100,
  latencyP50Ms: 20,
  latencyP99Ms: 60,
  costPerReplicaHourUsd: 1,
}

/** client → load balancer → model server; the server's figures and what else is drawn vary per test. */
function servingBoard(server: ComponentFigures = SERVER) {
  const board = new TestBoard()
  const client = board.card('client', 'client')
  const lb = board.card('lb', 'load-balancer', {
    replicas: 2,
    capacityRpsPerReplica: 10_000,
    latencyP99Ms: 1,
  })
  const model = board.card('model', 'model-server-cpu', server, { name: 'Ranker' })
  board.flow(client, lb)
  board.flow(lb, model)
  return { board, client, lb, model }
}

describe('single point of failure', () => {
  it('names a component with one replica on the request path', () => {
    const { board, model } = servingBoard({ ...SERVER, replicas: 1, capacityRpsPerReplica: 1000 })
    const [finding] = findings(board, 'single-point-of-failure')
    expect(finding.shapeIds).toEqual([model])
    expect(finding.severity).toBe('error')
    expect(finding.message).toMatch(/^Ranker runs one replica on the request path/)
  })

  it('says nothing of two replicas, or of a single one off the request path', () => {
    const { board, model } = servingBoard()
    const batch = board.card('batch', 'batch-job', { replicas: 1 })
    board.flow(model, batch, { mode: 'async' })
    expect(findings(board, 'single-point-of-failure')).toEqual([])
  })

  it('counts the replicas left after a what-if', () => {
    const { board, model } = servingBoard({ ...SERVER, replicas: 2 })
    const analysis = analyseBoard(
      board.records,
      { peakRps: 10 },
      { whatIf: { lostReplicaShapeIds: [model] } },
    )
    expect(analysis.findings.find((f) => f.code === 'single-point-of-failure')?.shapeIds).toEqual([model])
  })
})

describe('no monitoring', () => {
  it('fires when no monitoring card is drawn, naming the model servers', () => {
    const { board, model } = servingBoard()
    expect(findings(board, 'no-monitoring').map((f) => f.shapeIds)).toEqual([[model]])
  })

  it('is quiet once monitoring is drawn, and on an empty board', () => {
    const { board } = servingBoard()
    board.card('mon', 'monitoring')
    expect(findings(board, 'no-monitoring')).toEqual([])
    expect(findings(new TestBoard(), 'no-monitoring')).toEqual([])
  })
})

describe('no autoscaling', () => {
  it('fires when load varies more than 2× and a model server has a fixed replica count', () => {
    const { board, model } = servingBoard()
    const [finding] = findings(board, 'no-autoscaling', { loadVariation: 4.5 })
    expect(finding.shapeIds).toEqual([model])
    expect(finding.message).toMatch(/varies 4\.5× over the day/)
  })

  it('is quiet for a steady load, an autoscaling range, a linked autoscaler, or a free one in the region', () => {
    expect(findings(servingBoard().board, 'no-autoscaling', { loadVariation: 1.8 })).toEqual([])
    const ranged = servingBoard({ ...SERVER, autoscaleMin: 2, autoscaleMax: 12 }).board
    expect(findings(ranged, 'no-autoscaling', { loadVariation: 10 })).toEqual([])
    const linked = servingBoard()
    const scaler = linked.board.card('hpa', 'autoscaler', { autoscaleMin: 2, autoscaleMax: 10 })
    linked.board.flow(scaler, linked.model, { mode: 'async' })
    expect(findings(linked.board, 'no-autoscaling', { loadVariation: 10 })).toEqual([])
    const loose = servingBoard()
    loose.board.card('hpa', 'autoscaler')
    expect(findings(loose.board, 'no-autoscaling', { loadVariation: 10 })).toEqual([])
  })
})

describe('uncached feature lookup', () => {
  function lookupBoard(storeP99: number) {
    const { board, model } = servingBoard()
    const store = board.card('store', 'online-feature-store', {
      replicas: 2,
      capacityRpsPerReplica: 1000,
      latencyP50Ms: storeP99 / 4,
      latencyP99Ms: storeP99,
    })
    const lookup = board.flow(model, store)
    return { board, model, store, lookup }
  }

  it('fires when the path through a feature store blows the p99 budget, naming caller, store and arrow', () => {
    const { board, model, store, lookup } = lookupBoard(120)
    const [finding] = findings(board, 'uncached-feature-lookup', { p99TargetMs: 100 })
    expect(finding.shapeIds).toEqual([model, store, lookup])
  })

  it('is quiet within the budget, behind a cache, or without a latency target', () => {
    expect(findings(lookupBoard(5).board, 'uncached-feature-lookup', { p99TargetMs: 100 })).toEqual([])
    expect(findings(lookupBoard(120).board, 'uncached-feature-lookup')).toEqual([])
    const cached = lookupBoard(120)
    const cache = cached.board.card('cache', 'cache', { replicas: 2, cacheHitRate: 0.9, latencyP99Ms: 2 })
    cached.board.flow(cached.model, cache)
    expect(findings(cached.board, 'uncached-feature-lookup', { p99TargetMs: 100 })).toEqual([])
  })
})

describe('unbounded queue', () => {
  function queueBoard(consumerReplicas: number) {
    const { board, model } = servingBoard()
    const queue = board.card('queue', 'message-queue', { replicas: 3, capacityRpsPerReplica: 10_000 })
    const consumer = board.card('consumer', 'stream-processor', {
      replicas: consumerReplicas,
      capacityRpsPerReplica: 30,
    })
    board.flow(model, queue, { mode: 'async' })
    board.flow(queue, consumer, { mode: 'async' })
    return { board, queue, consumer }
  }

  it('fires when the consumers drain less than the producers send', () => {
    const { board, queue, consumer } = queueBoard(3) // 90 msg/s against 100
    const [finding] = findings(board, 'unbounded-queue')
    expect(finding.shapeIds).toEqual([queue, consumer])
    expect(finding.message).toMatch(/receives 100 rps but its consumers \(consumer\) take at most 90 rps/)
  })

  it('fires when nothing consumes the queue', () => {
    const { board, model } = servingBoard()
    const queue = board.card('queue', 'message-queue', { replicas: 3, capacityRpsPerReplica: 10_000 })
    board.flow(model, queue, { mode: 'async' })
    expect(findings(board, 'unbounded-queue')[0].message).toMatch(/nothing consumes it/)
  })

  it('is quiet when the consumers keep up', () => {
    expect(findings(queueBoard(4).board, 'unbounded-queue')).toEqual([])
  })
})

describe('no fallback', () => {
  it('fires for a model server on the request path with no fallback', () => {
    const { board, model } = servingBoard()
    expect(findings(board, 'no-fallback').map((f) => f.shapeIds)).toEqual([[model]])
  })

  it('is quiet when fallback rules hang off the model server or its caller', () => {
    const a = servingBoard()
    a.board.flow(a.model, a.board.card('rules', 'fallback-rules', { replicas: 2 }))
    expect(findings(a.board, 'no-fallback')).toEqual([])
    const b = servingBoard()
    b.board.flow(b.lb, b.board.card('rules', 'fallback-rules', { replicas: 2 }))
    expect(findings(b.board, 'no-fallback')).toEqual([])
  })
})

describe('over budget', () => {
  it('fires above the budget, naming the costliest components first', () => {
    const { board, model } = servingBoard() // 3 × $1 × 730 = $2,190
    const [finding] = findings(board, 'over-budget', { monthlyBudgetUsd: 2000 })
    expect(finding.shapeIds).toEqual([model])
    expect(finding.message).toBe(
      '$2,190 a month is $190 (10%) over the $2,000 budget. Most of it: Ranker $2,190.',
    )
  })

  it('is quiet within the budget, or without one', () => {
    expect(findings(servingBoard().board, 'over-budget', { monthlyBudgetUsd: 2190 })).toEqual([])
    expect(findings(servingBoard().board, 'over-budget')).toEqual([])
  })
})

describe('disaster recovery', () => {
  it('asks for a second serving region when the RTO is under an hour', () => {
    const { board, lb, model } = servingBoard()
    const [finding] = findings(board, 'no-second-region', { rtoMinutes: 15, rpoMinutes: 5 })
    expect(finding.shapeIds.sort()).toEqual([lb, model].sort())
    expect(finding.message).toMatch(/^RTO 15 min and RPO 5 min needs a second region/)
  })

  it('is quiet when the request path runs in two regions', () => {
    const board = new TestBoard()
    board.region('eu')
    board.region('us')
    const client = board.card('client', 'client')
    board.flow(client, board.card('m-eu', 'model-server-cpu', SERVER, { region: 'eu' }))
    board.flow(client, board.card('m-us', 'model-server-cpu', SERVER, { region: 'us' }))
    expect(findings(board, 'no-second-region', { rtoMinutes: 15 })).toEqual([])
  })

  it('asks for backups or a second region for a looser RTO, and accepts object storage', () => {
    const { board } = servingBoard()
    expect(findings(board, 'no-backup', { rtoMinutes: 240, rpoMinutes: 60 })).toHaveLength(1)
    expect(findings(board, 'no-second-region', { rtoMinutes: 240 })).toEqual([])
    board.card('snapshots', 'object-storage')
    expect(findings(board, 'no-backup', { rtoMinutes: 240, rpoMinutes: 60 })).toEqual([])
  })

  it('is quiet without recovery requirements', () => {
    expect(findings(servingBoard().board, 'no-second-region')).toEqual([])
    expect(findings(servingBoard().board, 'no-backup')).toEqual([])
  })
})
