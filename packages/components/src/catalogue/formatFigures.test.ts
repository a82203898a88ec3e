import { describe, expect, it } from 'vitest'
import {
  figureLines,
  formatCount,
  formatFigures,
  formatFraction,
  formatStorage,
  formatUsdPerHour,
} from './formatFigures.ts'

describe('formatFigures', () => {
  const gpu = {
    replicas: 4,
    hardware: 'A10G',
    capacityRpsPerReplica: 120,
    latencyP50Ms: 35,
    latencyP99Ms: 80,
    costPerReplicaHourUsd: 1,
  }

  it('writes the GPU server figures, with the total hourly cost and both latencies', () => {
    expect(formatFigures('model-server-gpu', gpu)).toBe(
      '4 × A10G · 120 rps each · $4.0/h · p50 35 ms · p99 80 ms',
    )
  })

  it('splits them into the two lines a card shows: scale and cost, then latency and the rest', () => {
    expect(figureLines('model-server-gpu', gpu)).toEqual({
      scale: ['4 × A10G', '120 rps each', '$4.0/h'],
      service: ['p50 35 ms', 'p99 80 ms'],
    })
    expect(figureLines('cache', { replicas: 2, cacheHitRate: 0.6, latencyP99Ms: 2, storageGb: 16 })).toEqual({
      scale: ['2 replicas'],
      service: ['p99 2 ms', '60% hits', '16 GB'],
    })
    expect(figureLines('client', {})).toEqual({ scale: [], service: [] })
  })

  it('adds autoscaling bounds and availability when set', () => {
    expect(
      formatFigures('model-server-cpu', {
        replicas: 3,
        autoscaleMin: 2,
        autoscaleMax: 12,
        availability: 0.999,
      }),
    ).toBe('3 replicas · autoscale 2–12 · 99.9% up')
    expect(formatFigures('api-gateway', { replicas: 1, autoscaleMax: 4 })).toBe('1 replica · autoscale max 4')
  })

  it('shows whichever of p50 and p99 is set', () => {
    expect(formatFigures('database', { latencyP50Ms: 4 })).toBe('p50 4 ms')
    expect(formatFigures('database', { latencyP99Ms: 25 })).toBe('p99 25 ms')
    expect(formatFigures('database', { latencyP50Ms: 4, latencyP99Ms: 25 })).toBe('p50 4 ms · p99 25 ms')
  })

  it('writes cache figures as hits and storage', () => {
    expect(
      formatFigures('cache', {
        replicas: 2,
        cacheHitRate: 0.85,
        latencyP99Ms: 2,
        storageGb: 64,
        hardware: 'r6g.large',
      }),
    ).toBe('2 × r6g.large · p99 2 ms · 85% hits · 64 GB')
  })

  it('leaves out figures that do not fit the kind, and says nothing for kinds without figures', () => {
    expect(formatFigures('object-storage', { storageGb: 5000, replicas: 3, cacheHitRate: 0.5 })).toBe('5 TB')
    expect(formatFigures('client', { replicas: 3 })).toBe('')
    expect(formatFigures('region-boundary', {})).toBe('')
  })

  it('does not say "each" for kinds without replicas', () => {
    expect(formatFigures('fallback-rules', { capacityRpsPerReplica: 3000 })).toBe('3,000 rps each')
    expect(formatFigures('offline-feature-store', { costPerReplicaHourUsd: 12 })).toBe('$12/h')
  })
})

describe('number formats', () => {
  it('formats counts, fractions, money and storage compactly', () => {
    expect([800, 1200, 25_000, 1_500_000, 2e9].map(formatCount)).toEqual([
      '800',
      '1,200',
      '25k',
      '1.5M',
      '2B',
    ])
    expect([0.999, 0.9999, 0.6, 1].map(formatFraction)).toEqual(['99.9%', '99.99%', '60%', '100%'])
    expect([0.45, 4, 48, 1200].map(formatUsdPerHour)).toEqual(['$0.45/h', '$4.0/h', '$48/h', '$1,200/h'])
    expect([64, 0.5, 2000, 2500].map(formatStorage)).toEqual(['64 GB', '0.5 GB', '2 TB', '2.5 TB'])
  })
})
