import { describe, expect, it } from 'vitest'
import { figureTotals } from './figureTotals.ts'

describe('figureTotals', () => {
  it('multiplies replicas by capacity, and by $/h over a 730-hour month', () => {
    expect(
      figureTotals('model-server-gpu', {
        replicas: 4,
        capacityRpsPerReplica: 120,
        costPerReplicaHourUsd: 1.2,
      }),
    ).toEqual({
      capacity: { replicas: 4, perReplicaRps: 120, totalRps: 480 },
      cost: { replicas: 4, perReplicaHourUsd: 1.2, monthlyUsd: 4 * 1.2 * 730 },
    })
  })

  it('leaves out a total whose inputs are missing', () => {
    expect(figureTotals('model-server-gpu', { replicas: 4 })).toEqual({})
    expect(
      figureTotals('model-server-gpu', { capacityRpsPerReplica: 120, costPerReplicaHourUsd: 1 }),
    ).toEqual({})
    expect(figureTotals('cache', { replicas: 2, cacheHitRate: 0.6 })).toEqual({})
    expect(figureTotals('database', { replicas: 2, capacityRpsPerReplica: 2000 })).toEqual({
      capacity: { replicas: 2, perReplicaRps: 2000, totalRps: 4000 },
    })
  })

  it('counts a kind without replicas as one unit, and zero replicas as nothing', () => {
    expect(figureTotals('offline-feature-store', { costPerReplicaHourUsd: 2, replicas: 9 })).toEqual({
      cost: { replicas: 1, perReplicaHourUsd: 2, monthlyUsd: 1460 },
    })
    expect(figureTotals('api-gateway', { replicas: 0, capacityRpsPerReplica: 2000 })).toEqual({
      capacity: { replicas: 0, perReplicaRps: 2000, totalRps: 0 },
    })
  })

  it('ignores figures that do not fit the kind', () => {
    expect(figureTotals('object-storage', { replicas: 3, capacityRpsPerReplica: 100 })).toEqual({})
    expect(figureTotals('client', { replicas: 3, costPerReplicaHourUsd: 1 })).toEqual({})
  })
})
