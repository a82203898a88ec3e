import type { Finding } from '@scaleboard/analysis'
import { describe, expect, it } from 'vitest'
import { groupFindings, listNames } from './findings.ts'

const names: Record<string, string> = {
  'shape:a': 'API',
  'shape:b': 'Cache',
  'shape:c': 'Store',
  'shape:d': 'Queue',
}
const nameOf = (id: string) => names[id] ?? '?'

const missing = (id: string): Finding => ({
  code: 'missing-figures',
  severity: 'info',
  shapeIds: [id],
  message: `${nameOf(id)} has no capacity`,
})

describe('groupFindings', () => {
  it('puts errors first, then warnings, then notes, keeping the order within each', () => {
    const findings: Finding[] = [
      { code: 'no-monitoring', severity: 'warning', shapeIds: [], message: 'w1' },
      { code: 'flow-cycle', severity: 'info', shapeIds: ['shape:a'], message: 'i1' },
      { code: 'overloaded', severity: 'error', shapeIds: ['shape:a'], message: 'e1' },
      { code: 'no-fallback', severity: 'warning', shapeIds: ['shape:b'], message: 'w2' },
      { code: 'component-down', severity: 'error', shapeIds: ['shape:c'], message: 'e2' },
    ]
    expect(groupFindings(findings, nameOf).map((f) => f.message)).toEqual(['e1', 'e2', 'w1', 'w2', 'i1'])
  })

  it('folds the missing-figures notes into one line naming the components', () => {
    const items = groupFindings(
      [
        missing('shape:a'),
        { code: 'overloaded', severity: 'error', shapeIds: ['shape:d'], message: 'e' },
        missing('shape:b'),
        missing('shape:c'),
        missing('shape:d'),
      ],
      nameOf,
    )
    expect(items).toHaveLength(2)
    expect(items[1]).toMatchObject({
      severity: 'info',
      count: 4,
      shapeIds: ['shape:a', 'shape:b', 'shape:c', 'shape:d'],
      message:
        '4 components lack figures (API, Cache, Store and 1 more): what depends on them shows as unknown.',
    })
  })

  it('keeps a single missing-figures note as the analysis wrote it', () => {
    expect(groupFindings([missing('shape:b')], nameOf)).toEqual([
      {
        key: 'missing-figures',
        severity: 'info',
        message: 'Cache has no capacity',
        shapeIds: ['shape:b'],
        count: 1,
      },
    ])
  })

  it('is empty for no findings', () => {
    expect(groupFindings([], nameOf)).toEqual([])
  })
})

describe('listNames', () => {
  it('names up to three, then counts the rest', () => {
    expect(listNames(['a', 'b'])).toBe('a, b')
    expect(listNames(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more')
  })
})
