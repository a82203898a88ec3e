import { describe, expect, it } from 'vitest'
import { changeWhatIf, describeWhatIf, loseReplica, normaliseWhatIf, toggleLostRegion } from './whatIf.ts'

const names: Record<string, string> = { 'shape:eu': 'EU region', 'shape:m': 'Model server' }
const nameOf = (id: string) => names[id] ?? 'a component'

describe('what-if changes', () => {
  it('combines a change with the injection in force', () => {
    const ten = changeWhatIf(null, { trafficMultiplier: 10 })
    expect(ten).toEqual({ trafficMultiplier: 10 })
    expect(changeWhatIf(ten, { coldCache: true })).toEqual({ trafficMultiplier: 10, coldCache: true })
  })

  it('drops what no longer injects anything, down to null', () => {
    expect(changeWhatIf({ trafficMultiplier: 10, coldCache: true }, { coldCache: undefined })).toEqual({
      trafficMultiplier: 10,
    })
    expect(changeWhatIf({ trafficMultiplier: 10 }, { trafficMultiplier: 1 })).toBeNull()
    expect(normaliseWhatIf({ lostRegionIds: [], extraModelLatencyMs: 0, coldCache: false })).toBeNull()
  })

  it('toggles a lost region and counts lost replicas', () => {
    const lost = toggleLostRegion(null, 'shape:eu')
    expect(lost).toEqual({ lostRegionIds: ['shape:eu'] })
    expect(toggleLostRegion(lost, 'shape:eu')).toBeNull()
    expect(loseReplica(loseReplica(null, 'shape:m'), 'shape:m')).toEqual({
      lostReplicaShapeIds: ['shape:m', 'shape:m'],
    })
  })
})

describe('describeWhatIf', () => {
  it('says every injection in words', () => {
    expect(
      describeWhatIf(
        {
          trafficMultiplier: 2.5,
          lostRegionIds: ['shape:eu'],
          coldCache: true,
          extraModelLatencyMs: 50,
          lostReplicaShapeIds: ['shape:m', 'shape:m'],
        },
        nameOf,
      ),
    ).toEqual([
      'traffic × 2.5',
      'EU region lost',
      'cold cache',
      'model latency + 50 ms',
      'Model server − 2 replicas',
    ])
  })

  it('is empty with nothing injected', () => {
    expect(describeWhatIf(null, nameOf)).toEqual([])
    expect(describeWhatIf({ trafficMultiplier: 1 }, nameOf)).toEqual([])
  })
})
