import { describe, expect, it } from 'vitest'
import { analysisSettings, describeAnalysisChange, describeWhatIf } from './analysisSession.ts'

describe('analysisSettings', () => {
  it('replays the stored changes: the last injection wins, a reset clears it, shown follows its last change', () => {
    expect(analysisSettings([])).toEqual({ shown: false, whatIf: null })
    expect(
      analysisSettings([
        { change: { kind: 'what-if', whatIf: { trafficMultiplier: 2 } } },
        { change: { kind: 'shown', shown: true } },
        { change: { kind: 'what-if', whatIf: { coldCache: true } } },
      ]),
    ).toEqual({ shown: true, whatIf: { coldCache: true } })
    expect(
      analysisSettings([
        { change: { kind: 'what-if', whatIf: { coldCache: true } } },
        { change: { kind: 'what-if-cleared' } },
        { change: { kind: 'shown', shown: true } },
        { change: { kind: 'shown', shown: false } },
      ]),
    ).toEqual({ shown: false, whatIf: null })
  })
})

describe('describeWhatIf', () => {
  it('says every part of an injection in words, with names where known', () => {
    const names = new Map([
      ['shape:eu', 'eu-west-1'],
      ['shape:ranker', 'Ranking service'],
    ])
    expect(
      describeWhatIf(
        {
          trafficMultiplier: 10,
          lostRegionIds: ['shape:eu'],
          coldCache: true,
          extraModelLatencyMs: 40,
          lostReplicaShapeIds: ['shape:ranker', 'shape:ranker', 'shape:gone'],
        },
        (id) => names.get(id),
      ),
    ).toBe(
      'traffic × 10, eu-west-1 lost, cold cache, model latency + 40 ms, Ranking service loses 2 replicas, a component loses a replica',
    )
    expect(describeWhatIf({ trafficMultiplier: 1.5 })).toBe('traffic × 1.5')
    expect(describeWhatIf({})).toBe('no change')
    expect(describeAnalysisChange({ kind: 'what-if-cleared' })).toBe('What-if reset')
    expect(describeAnalysisChange({ kind: 'what-if', whatIf: { trafficMultiplier: 10 } })).toBe(
      'What-if: traffic × 10',
    )
  })
})
