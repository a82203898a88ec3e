import { formatCount, formatFraction } from '@scaleboard/components/schema'
import {
  type DemandUnit,
  derivedPeakRps,
  type Growth,
  type PriceUnit,
  type Provider,
  type Requirement,
  type SeriesMetric,
  type TimeSeries,
} from '@scaleboard/schema'

/** Numbers as the brief says them: "288,000", "28.8 million", "1.2 billion". */
export function formatQuantity(n: number): string {
  const size = Math.abs(n)
  const short = (value: number) => Number(value.toPrecision(3)).toLocaleString('en-US')
  if (size >= 1e9) return `${short(n / 1e9)} billion`
  if (size >= 1e6) return `${short(n / 1e6)} million`
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 })
}

/** 480 → "480 ms", 6100 → "6.1 s" */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(2))} s`
  return `${Number(ms.toFixed(1))} ms`
}

/** 30 → "30 min", 90 → "1.5 h", 1440 → "24 h" */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`
  return `${Number((minutes / 60).toFixed(1))} h`
}

/** Prices keep their significant digits ("$0.00065", "$0.526"); large sums get separators ("$12,000"). */
export function formatUsd(amount: number): string {
  if (amount === 0) return '$0'
  if (amount < 1) return `$${Number(amount.toPrecision(4))}`
  return `$${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })}`
}

export const PROVIDER_LABELS: Record<Provider, string> = {
  aws: 'AWS',
  gcp: 'Google Cloud',
  azure: 'Azure',
  'on-prem': 'On-premises',
}

/** What one unit of a price is: "hour", "GB-month", "million requests". */
export const PRICE_UNIT_LABELS: Record<PriceUnit, string> = {
  hour: 'hour',
  'node-hour': 'node-hour',
  'broker-hour': 'broker-hour',
  'shard-hour': 'shard-hour',
  'stream-hour': 'stream-hour',
  'lcu-hour': 'LCU-hour',
  'kpu-hour': 'KPU-hour',
  'wcu-hour': 'WCU-hour',
  'rcu-hour': 'RCU-hour',
  'gb-month': 'GB-month',
  'million-requests': 'million requests',
  'million-put-requests': 'million PUT requests',
  'million-get-requests': 'million GET requests',
  'million-read-request-units': 'million read request units',
  'million-write-request-units': 'million write request units',
  'million-put-payload-units': 'million PUT payload units',
  'gb-ingested': 'GB ingested',
}

const UNIT_NAMES: Record<DemandUnit, string> = {
  predictions: 'predictions',
  requests: 'requests',
  transactions: 'transactions',
  images: 'images',
  completions: 'completions',
}

export interface GrowthSummary {
  unit: string
  now: string
  target: string
  /** "100×" */
  factor: string
  horizon: string
  peakNow: string
  peakTarget: string
}

/** Today's and the target's daily volume and peak rate; peaks are derived when the scenario omits them. */
export function summariseGrowth(growth: Growth): GrowthSummary {
  const peak = (stated: number | undefined, perDay: number) => {
    const rps = stated ?? derivedPeakRps(perDay, growth.peakToAverage)
    return `${formatCount(rps < 10 ? Number(rps.toPrecision(2)) : Math.round(rps))} rps`
  }
  const months = growth.horizonMonths
  return {
    unit: UNIT_NAMES[growth.unit],
    now: formatQuantity(growth.perDayNow),
    target: formatQuantity(growth.perDayTarget),
    factor: `${Number((growth.perDayTarget / growth.perDayNow).toPrecision(3))}×`,
    horizon: months % 12 === 0 ? `${months / 12} ${months === 12 ? 'year' : 'years'}` : `${months} months`,
    peakNow: peak(growth.peakRpsNow, growth.perDayNow),
    peakTarget: peak(growth.peakRpsTarget, growth.perDayTarget),
  }
}

/** The numbers of a requirement in one line ("p99 ≤ 150 ms · p50 ≤ 60 ms"); empty for a plain constraint. */
export function requirementFigures(requirement: Requirement): string {
  switch (requirement.kind) {
    case 'latency':
      return [
        `p99 ≤ ${formatMs(requirement.p99LatencyMs)}`,
        requirement.p50LatencyMs !== undefined ? `p50 ≤ ${formatMs(requirement.p50LatencyMs)}` : null,
        requirement.scope,
      ]
        .filter(Boolean)
        .join(' · ')
    case 'generation-latency':
      return `time to first token p99 ≤ ${formatMs(requirement.ttftP99Ms)} · ≥ ${formatCount(requirement.minOutputTokensPerSecondPerStream)} tokens/s per stream`
    case 'throughput':
      return `${formatCount(requirement.peakRps)} rps at peak`
    case 'batch':
      return `${formatQuantity(requirement.itemsPerRun)} items in ≤ ${Number(requirement.windowHours.toFixed(1))} h`
    case 'budget':
      return `≤ ${formatUsd(requirement.monthlyBudgetUsd)} / month`
    case 'availability':
      return `${formatFraction(requirement.availabilitySlo)} available`
    case 'recovery':
      return `RPO ${formatMinutes(requirement.rpoMinutes)} · RTO ${formatMinutes(requirement.rtoMinutes)}`
    case 'freshness':
      return `at most ${formatMinutes(requirement.maxStalenessMinutes)} stale`
    case 'constraint':
      return ''
  }
}

/** A series value as its metric reads: "480 ms", "91%", "1,200". */
export function formatSeriesValue(metric: SeriesMetric, value: number): string {
  switch (metric) {
    case 'p50-latency-ms':
    case 'p99-latency-ms':
      return formatMs(value)
    case 'cpu-utilisation':
    case 'gpu-utilisation':
    case 'error-rate':
      return formatFraction(value)
    case 'rps':
      return `${formatCount(value)} rps`
    case 'queue-depth':
      return formatCount(value)
    case 'output-tokens-per-second':
      return `${formatCount(value)} tokens/s`
  }
}

/** A value on a chart's vertical axis, kept short: "91%", "480", "1.2k" (the axis names the unit). */
export function formatAxisValue(metric: SeriesMetric, value: number): string {
  if (isFractionMetric(metric)) return `${Math.round(value * 100)}%`
  if (value >= 1e6) return `${Number((value / 1e6).toFixed(1))}M`
  if (value >= 1e3) return `${Number((value / 1e3).toFixed(1))}k`
  return String(Number(value.toFixed(1)))
}

/** What a chart's vertical axis measures, as its label says it. */
export function seriesAxisLabel(metric: SeriesMetric): string {
  switch (metric) {
    case 'rps':
      return 'Requests per second'
    case 'p50-latency-ms':
      return 'p50 latency (ms)'
    case 'p99-latency-ms':
      return 'p99 latency (ms)'
    case 'cpu-utilisation':
      return 'CPU utilisation'
    case 'gpu-utilisation':
      return 'GPU utilisation'
    case 'error-rate':
      return 'Error rate'
    case 'queue-depth':
      return 'Requests waiting'
    case 'output-tokens-per-second':
      return 'Output tokens per second'
  }
}

/** True for metrics shown as 0–100 %. */
export function isFractionMetric(metric: SeriesMetric): boolean {
  return metric === 'cpu-utilisation' || metric === 'gpu-utilisation' || metric === 'error-rate'
}

export interface SeriesPoint {
  /** clock time of the sample, "HH:MM", with "Day 2 " in front past the first day */
  time: string
  value: number
}

/** The samples of a series with their clock times, starting at `start` every `stepMinutes`. */
export function seriesPoints(series: TimeSeries): SeriesPoint[] {
  const [hours, minutes] = series.start.split(':').map(Number)
  const first = hours * 60 + minutes
  return series.values.map((value, i) => {
    const at = first + i * series.stepMinutes
    const day = Math.floor(at / 1440)
    const clock = `${String(Math.floor((at % 1440) / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}`
    return { time: day > 0 ? `Day ${day + 1} ${clock}` : clock, value }
  })
}
