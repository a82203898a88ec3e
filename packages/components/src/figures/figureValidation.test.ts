import { ComponentFigures } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { componentFiguresValidator } from '../shapes/figuresValidator.ts'
import { FIGURE_NAMES, type FigureName } from './figureSpecs.ts'
import {
  checkFigureConsistency,
  checkFigureValue,
  listFigureProblems,
  parseFigureInput,
} from './figureValidation.ts'

/** Candidate values per figure: some valid, some at or past the edges of the schema's ranges. */
const SAMPLES: Record<FigureName, unknown[]> = {
  replicas: [0, 1, 4, 100_000, 100_001, -1, 2.5, '4', Number.NaN, Number.POSITIVE_INFINITY],
  hardware: ['A10G', '', 'x'.repeat(120), 'x'.repeat(121), 4],
  capacityRpsPerReplica: [0, 0.5, 120, 1e9, -0.1, '120'],
  latencyP50Ms: [0, 12.5, -1],
  latencyP99Ms: [0, 80, -5, null],
  autoscaleMin: [0, 2, -1, 1.5],
  autoscaleMax: [0, 8, -2, 7.5],
  cacheHitRate: [0, 0.5, 1, 1.01, -0.01],
  storageGb: [0, 0.5, 2000, -1],
  availability: [0, 0.999, 1, 1.5, -0.5],
  costPerReplicaHourUsd: [0, 4, 0.05, -1],
}

describe('figures validator', () => {
  it('knows exactly the figures of ComponentFigures', () => {
    expect(Object.keys(componentFiguresValidator.config).sort()).toEqual(
      Object.keys(ComponentFigures.shape).sort(),
    )
    expect([...FIGURE_NAMES].sort()).toEqual(Object.keys(ComponentFigures.shape).sort())
  })

  it.each(FIGURE_NAMES)('agrees with the zod schema on every sample of %s', (name) => {
    for (const value of SAMPLES[name]) {
      const figures = { [name]: value }
      expect({ value, ok: componentFiguresValidator.isValid(figures) }).toEqual({
        value,
        ok: ComponentFigures.safeParse(figures).success,
      })
    }
  })

  it('accepts a full set of sensible figures and an empty one', () => {
    const good = {
      replicas: 4,
      hardware: 'A10G',
      capacityRpsPerReplica: 120,
      latencyP50Ms: 30,
      latencyP99Ms: 80,
      autoscaleMin: 2,
      autoscaleMax: 8,
      cacheHitRate: 0.9,
      storageGb: 64,
      availability: 0.999,
      costPerReplicaHourUsd: 1,
    }
    expect(componentFiguresValidator.validate(good)).toEqual(good)
    expect(componentFiguresValidator.validate({})).toEqual({})
  })

  it('rejects negative replicas, a hit rate above 1 and unknown figures, naming the figure', () => {
    expect(() => componentFiguresValidator.validate({ replicas: -1 })).toThrow(/replicas/)
    expect(() => componentFiguresValidator.validate({ cacheHitRate: 1.2 })).toThrow(/cacheHitRate/)
    expect(() => componentFiguresValidator.validate({ gpus: 2 })).toThrow(/gpus/)
  })
})

describe('checkFigureValue', () => {
  it('explains what is wrong in plain words', () => {
    expect(checkFigureValue('replicas', 2.5)).toBe('Use a whole number')
    expect(checkFigureValue('replicas', -1)).toBe('Must be 0 or more')
    expect(checkFigureValue('replicas', 200_000)).toBe('Must be at most 100,000')
    expect(checkFigureValue('cacheHitRate', 92)).toMatch(/between 0 and 1/)
    expect(checkFigureValue('hardware', 'x'.repeat(121))).toMatch(/120 characters/)
    expect(checkFigureValue('latencyP99Ms', 80)).toBeUndefined()
  })
})

describe('parseFigureInput', () => {
  it('reads numbers, clears on empty input and keeps text as text', () => {
    expect(parseFigureInput('replicas', ' 4 ')).toEqual({ ok: true, value: 4 })
    expect(parseFigureInput('capacityRpsPerReplica', '1_200.5')).toEqual({ ok: true, value: 1200.5 })
    expect(parseFigureInput('storageGb', '100 000')).toEqual({ ok: true, value: 100000 })
    expect(parseFigureInput('availability', '.999')).toEqual({ ok: true, value: 0.999 })
    expect(parseFigureInput('latencyP99Ms', '')).toEqual({ ok: true, value: undefined })
    expect(parseFigureInput('hardware', ' H100 80GB ')).toEqual({ ok: true, value: 'H100 80GB' })
  })

  it('rejects what is not a number, commas, and out-of-range values', () => {
    expect(parseFigureInput('replicas', 'four')).toEqual({ ok: false, error: 'Enter a number, e.g. 4' })
    expect(parseFigureInput('replicas', '12abc')).toMatchObject({ ok: false })
    expect(parseFigureInput('capacityRpsPerReplica', '1,200')).toMatchObject({
      ok: false,
      error: /no commas/,
    })
    expect(parseFigureInput('replicas', '-1')).toEqual({ ok: false, error: 'Must be 0 or more' })
    expect(parseFigureInput('cacheHitRate', '95')).toMatchObject({ ok: false, error: /0\.95 for 95%/ })
  })
})

describe('figure consistency', () => {
  it('flags autoscale min above max and p50 above p99 on both figures', () => {
    const errors = checkFigureConsistency({
      autoscaleMin: 10,
      autoscaleMax: 4,
      latencyP50Ms: 90,
      latencyP99Ms: 80,
    })
    expect(Object.keys(errors).sort()).toEqual([
      'autoscaleMax',
      'autoscaleMin',
      'latencyP50Ms',
      'latencyP99Ms',
    ])
    expect(
      checkFigureConsistency({ autoscaleMin: 2, autoscaleMax: 2, latencyP50Ms: 80, latencyP99Ms: 80 }),
    ).toEqual({})
  })

  it('lists every problem of a figures object', () => {
    expect(listFigureProblems({ replicas: -1, gpus: 2 })).toEqual([
      { figure: 'replicas', error: 'Must be 0 or more' },
      { figure: 'gpus', error: 'Unknown figure' },
    ])
    expect(listFigureProblems({ autoscaleMin: 5, autoscaleMax: 1 }).map((p) => p.figure)).toEqual([
      'autoscaleMin',
      'autoscaleMax',
    ])
    expect(listFigureProblems({ replicas: 3 })).toEqual([])
  })
})
