import type { Growth, Requirement, TimeSeries } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import {
  formatAxisValue,
  formatMs,
  formatQuantity,
  formatSeriesValue,
  formatUsd,
  requirementFigures,
  seriesAxisLabel,
  seriesPoints,
  summariseGrowth,
} from './format.ts'

describe('brief number formats', () => {
  it('says large volumes in words', () => {
    expect(formatQuantity(288_000)).toBe('288,000')
    expect(formatQuantity(28_800_000)).toBe('28.8 million')
    expect(formatQuantity(120_000_000)).toBe('120 million')
    expect(formatQuantity(2_500_000_000)).toBe('2.5 billion')
  })

  it('keeps the digits of small prices and groups large ones', () => {
    expect(formatUsd(0.00065)).toBe('$0.00065')
    expect(formatUsd(0.194236)).toBe('$0.1942')
    expect(formatUsd(584)).toBe('$584')
    expect(formatUsd(12_000)).toBe('$12,000')
  })

  it('switches to seconds from one second on', () => {
    expect(formatMs(480)).toBe('480 ms')
    expect(formatMs(6100)).toBe('6.1 s')
  })
})

describe('summariseGrowth', () => {
  const growth: Growth = {
    unit: 'predictions',
    perDayNow: 288_000,
    perDayTarget: 28_800_000,
    peakToAverage: 3,
    horizonMonths: 12,
    peakRpsNow: 10,
  }

  it('states today, the target, the factor and both peaks, deriving the one not given', () => {
    expect(summariseGrowth(growth)).toEqual({
      unit: 'predictions',
      now: '288,000',
      target: '28.8 million',
      factor: '100×',
      horizon: '1 year',
      peakNow: '10 rps',
      peakTarget: '1,000 rps',
    })
    expect(summariseGrowth({ ...growth, horizonMonths: 9 }).horizon).toBe('9 months')
    // small rates keep their digits: 17,280/day × 2.5 / 86,400 s = 0.5 rps
    expect(
      summariseGrowth({ ...growth, perDayNow: 17_280, peakRpsNow: undefined, peakToAverage: 2.5 }).peakNow,
    ).toBe('0.5 rps')
  })
})

describe('requirementFigures', () => {
  const base = { id: 'r', label: 'R' }
  it('shows the numbers of each kind of requirement', () => {
    const cases: [Requirement, string][] = [
      [
        { ...base, kind: 'latency', p99LatencyMs: 150, p50LatencyMs: 60, scope: 'at the shop' },
        'p99 ≤ 150 ms · p50 ≤ 60 ms · at the shop',
      ],
      [
        { ...base, kind: 'generation-latency', ttftP99Ms: 1500, minOutputTokensPerSecondPerStream: 20 },
        'time to first token p99 ≤ 1.5 s · ≥ 20 tokens/s per stream',
      ],
      [{ ...base, kind: 'throughput', peakRps: 1000 }, '1,000 rps at peak'],
      [{ ...base, kind: 'batch', itemsPerRun: 200_000_000, windowHours: 72 }, '200 million items in ≤ 72 h'],
      [{ ...base, kind: 'budget', monthlyBudgetUsd: 12_000 }, '≤ $12,000 / month'],
      [{ ...base, kind: 'availability', availabilitySlo: 0.9999 }, '99.99% available'],
      [{ ...base, kind: 'recovery', rpoMinutes: 1440, rtoMinutes: 30 }, 'RPO 24 h · RTO 30 min'],
      [{ ...base, kind: 'freshness', maxStalenessMinutes: 5 }, 'at most 5 min stale'],
      [{ ...base, kind: 'constraint', description: 'No third-party APIs.' }, ''],
    ]
    for (const [requirement, text] of cases) expect(requirementFigures(requirement)).toBe(text)
  })
})

describe('series', () => {
  it('gives each sample its clock time, marking later days', () => {
    const series: TimeSeries = {
      id: 's',
      title: 'S',
      metric: 'rps',
      start: '23:00',
      stepMinutes: 30,
      values: [1, 2, 3],
    }
    expect(seriesPoints(series)).toEqual([
      { time: '23:00', value: 1 },
      { time: '23:30', value: 2 },
      { time: 'Day 2 00:00', value: 3 },
    ])
  })

  it('keeps axis values short and names what the axis measures', () => {
    expect(formatAxisValue('gpu-utilisation', 0.5)).toBe('50%')
    expect(formatAxisValue('p99-latency-ms', 450)).toBe('450')
    expect(seriesAxisLabel('p99-latency-ms')).toBe('p99 latency (ms)')
    expect(formatAxisValue('rps', 1200)).toBe('1.2k')
    expect(formatAxisValue('rps', 7.5)).toBe('7.5')
    expect(seriesAxisLabel('rps')).toBe('Requests per second')
    expect(seriesAxisLabel('queue-depth')).toBe('Requests waiting')
  })

  it('formats values by metric', () => {
    expect(formatSeriesValue('cpu-utilisation', 0.91)).toBe('91%')
    expect(formatSeriesValue('p99-latency-ms', 620)).toBe('620 ms')
    expect(formatSeriesValue('rps', 1200)).toBe('1,200 rps')
  })
})
