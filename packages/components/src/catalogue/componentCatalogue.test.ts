import { ComponentFigures, ComponentGroup, ComponentKind } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { FIGURE_NAMES } from '../figures/figureSpecs.ts'
import { componentFiguresValidator } from '../shapes/figuresValidator.ts'
import { CATALOGUE_BY_GROUP, COMPONENT_CATALOGUE, figurePlaceholder } from './componentCatalogue.ts'
import { searchCatalogue } from './searchCatalogue.ts'

describe('component catalogue', () => {
  it('has exactly one entry per ComponentKind, keyed by its kind', () => {
    expect(Object.keys(COMPONENT_CATALOGUE).sort()).toEqual([...ComponentKind.options].sort())
    for (const [kind, entry] of Object.entries(COMPONENT_CATALOGUE)) expect(entry.kind).toBe(kind)
  })

  it('lists every kind once across the groups, in group order', () => {
    expect(CATALOGUE_BY_GROUP.map((g) => g.group)).toEqual(ComponentGroup.options)
    const kinds = CATALOGUE_BY_GROUP.flatMap((g) => g.entries.map((e) => e.kind))
    expect(kinds.sort()).toEqual([...ComponentKind.options].sort())
    for (const g of CATALOGUE_BY_GROUP) for (const e of g.entries) expect(e.group).toBe(g.group)
  })

  it.each(ComponentKind.options)('%s has a label, icon, size, keywords and figures that fit', (kind) => {
    const entry = COMPONENT_CATALOGUE[kind]
    expect(entry.label.length).toBeGreaterThan(0)
    expect(entry.icon).toMatch(/^[A-Z][A-Za-z0-9]+$/)
    expect(entry.defaultSize.w).toBeGreaterThan(0)
    expect(entry.defaultSize.h).toBeGreaterThan(0)
    expect(entry.keywords.length).toBeGreaterThan(0)
    expect(entry.detailExample).toMatch(/^e\.g\. \S/)
    for (const word of entry.keywords) expect(word).toBe(word.toLowerCase())
    expect(new Set(entry.figures).size).toBe(entry.figures.length)
    for (const figure of entry.figures) expect(FIGURE_NAMES).toContain(figure)
    // forms list figures in one canonical order
    const order = entry.figures.map((f) => FIGURE_NAMES.indexOf(f))
    expect(order).toEqual([...order].sort((a, b) => a - b))
    // defaults only use the kind's own figures and pass both validators
    for (const figure of Object.keys(entry.defaultFigures)) expect(entry.figures).toContain(figure)
    expect(ComponentFigures.safeParse(entry.defaultFigures).success).toBe(true)
    expect(componentFiguresValidator.isValid(entry.defaultFigures)).toBe(true)
  })

  it('draws only region boundaries as regions', () => {
    const regions = ComponentKind.options.filter((k) => COMPONENT_CATALOGUE[k].shapeType === 'region')
    expect(regions).toEqual(['region-boundary'])
  })

  it('gives model servers the figures capacity analysis needs', () => {
    for (const kind of ['model-server-gpu', 'model-server-cpu'] as const)
      expect(COMPONENT_CATALOGUE[kind].figures).toEqual(
        expect.arrayContaining([
          'replicas',
          'capacityRpsPerReplica',
          'latencyP50Ms',
          'latencyP99Ms',
          'costPerReplicaHourUsd',
          'hardware',
          'availability',
          'autoscaleMin',
          'autoscaleMax',
        ]),
      )
    expect(COMPONENT_CATALOGUE.cache.figures).toEqual(expect.arrayContaining(['cacheHitRate', 'storageGb']))
  })
})

describe('figurePlaceholder', () => {
  it.each(ComponentKind.options)('%s hints only at its own starting values', (kind) => {
    const entry = COMPONENT_CATALOGUE[kind]
    for (const name of entry.figures) {
      const value = entry.defaultFigures[name]
      expect(figurePlaceholder(kind, name)).toBe(value === undefined ? '' : `e.g. ${value}`)
    }
  })

  it("never shows a cache the GPU server's hardware or capacity", () => {
    expect(figurePlaceholder('cache', 'hardware')).toBe('')
    expect(figurePlaceholder('cache', 'capacityRpsPerReplica')).toBe('')
    expect(figurePlaceholder('cache', 'replicas')).toBe('e.g. 2')
    expect(figurePlaceholder('cache', 'cacheHitRate')).toBe('e.g. 0.6')
    expect(figurePlaceholder('model-server-gpu', 'hardware')).toBe('e.g. A10G')
    expect(figurePlaceholder('model-server-gpu', 'capacityRpsPerReplica')).toBe('e.g. 120')
  })
})

describe('searchCatalogue', () => {
  const kinds = (query: string) => searchCatalogue(query).flatMap((g) => g.entries.map((e) => e.kind))

  it('returns every kind for an empty query', () => {
    expect(kinds('  ').sort()).toEqual([...ComponentKind.options].sort())
  })

  it('matches labels, kinds and keywords, case-insensitively', () => {
    expect(kinds('GPU')).toEqual(['model-server-gpu'])
    expect(kinds('redis')).toEqual(expect.arrayContaining(['cache', 'online-feature-store']))
    expect(kinds('kafka')).toContain('message-queue')
    expect(kinds('availability zone')).toEqual(['region-boundary'])
  })

  it('needs every word of the query to match', () => {
    expect(kinds('model server')).toEqual(['model-server-cpu', 'model-server-gpu'])
    expect(kinds('server triton')).toEqual(['model-server-gpu'])
  })

  it('drops groups without matches and finds nothing for nonsense', () => {
    expect(searchCatalogue('redis').map((g) => g.group)).toEqual(['data'])
    expect(searchCatalogue('zzzz-nothing')).toEqual([])
  })
})
