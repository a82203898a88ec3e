import type { ComponentFigures, ComponentKind } from '@scaleboard/schema'
import { COMPONENT_CATALOGUE } from './componentCatalogue.ts'

const SEPARATOR = ' · '

function oneDecimal(n: number): string {
  return String(Number(n.toFixed(1)))
}

/** 800 → "800", 1200 → "1,200", 25000 → "25k", 1500000 → "1.5M" */
export function formatCount(n: number): string {
  const size = Math.abs(n)
  if (size >= 1e9) return `${oneDecimal(n / 1e9)}B`
  if (size >= 1e6) return `${oneDecimal(n / 1e6)}M`
  if (size >= 1e4) return `${oneDecimal(n / 1e3)}k`
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 })
}

/** 0.999 → "99.9%", 0.9999 → "99.99%", 0.6 → "60%" */
export function formatFraction(f: number): string {
  return `${Number((f * 100).toFixed(3))}%`
}

/** Dollars per hour: "$0.45/h", "$4.0/h", "$48/h", "$1,200/h" */
export function formatUsdPerHour(usd: number): string {
  const digits = usd < 1 ? 2 : usd < 10 ? 1 : 0
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}/h`
}

/** Dollars per month: "$36.50", "$292", "$1,460" (cents only below $100) */
export function formatUsd(usd: number): string {
  const digits = usd < 100 ? 2 : 0
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`
}

/** 64 → "64 GB", 2000 → "2 TB", 0.5 → "0.5 GB" */
export function formatStorage(gb: number): string {
  if (gb >= 1000) return `${Number((gb / 1000).toFixed(1))} TB`
  return `${Number(gb.toFixed(1))} GB`
}

function formatMs(ms: number): string {
  return `${Number(ms.toFixed(1))} ms`
}

/** A component's key figures as short phrases, in the two lines a card shows. */
export interface FigureLines {
  /** how much of it there is: replicas and hardware, autoscaling, capacity, cost */
  scale: string[]
  /** how it serves: latency p50 and p99, cache hits, storage, availability */
  service: string[]
}

/**
 * The key figures as phrases, e.g. scale ["4 × A10G", "120 rps each", "$4.0/h"] and service
 * ["p50 35 ms", "p99 80 ms"]. Only figures that fit the kind are used; cost is the total for all
 * replicas when the count is known.
 */
export function figureLines(kind: ComponentKind, figures: ComponentFigures): FigureLines {
  const fits = new Set(COMPONENT_CATALOGUE[kind].figures)
  const f: ComponentFigures = {}
  for (const name of fits) if (figures[name] !== undefined) Object.assign(f, { [name]: figures[name] })

  const scale: string[] = []
  if (f.replicas !== undefined && f.hardware) scale.push(`${formatCount(f.replicas)} × ${f.hardware}`)
  else if (f.replicas !== undefined)
    scale.push(`${formatCount(f.replicas)} ${f.replicas === 1 ? 'replica' : 'replicas'}`)
  else if (f.hardware) scale.push(f.hardware)

  if (f.autoscaleMin !== undefined && f.autoscaleMax !== undefined)
    scale.push(`autoscale ${f.autoscaleMin}–${f.autoscaleMax}`)
  else if (f.autoscaleMin !== undefined) scale.push(`autoscale min ${f.autoscaleMin}`)
  else if (f.autoscaleMax !== undefined) scale.push(`autoscale max ${f.autoscaleMax}`)

  if (f.capacityRpsPerReplica !== undefined)
    scale.push(`${formatCount(f.capacityRpsPerReplica)} rps${fits.has('replicas') ? ' each' : ''}`)
  if (f.costPerReplicaHourUsd !== undefined)
    scale.push(formatUsdPerHour(f.costPerReplicaHourUsd * (f.replicas ?? 1)))

  const service: string[] = []
  if (f.latencyP50Ms !== undefined) service.push(`p50 ${formatMs(f.latencyP50Ms)}`)
  if (f.latencyP99Ms !== undefined) service.push(`p99 ${formatMs(f.latencyP99Ms)}`)
  if (f.cacheHitRate !== undefined) service.push(`${formatFraction(f.cacheHitRate)} hits`)
  if (f.storageGb !== undefined) service.push(formatStorage(f.storageGb))
  if (f.availability !== undefined) service.push(`${formatFraction(f.availability)} up`)

  return { scale, service }
}

/** One line of phrases, e.g. "4 × A10G · 120 rps each · $4.0/h". */
export function joinFigures(parts: readonly string[]): string {
  return parts.join(SEPARATOR)
}

/**
 * The key figures in one line, e.g. "4 × A10G · 120 rps each · $4.0/h · p50 35 ms · p99 80 ms",
 * for the inspector's summary and screen readers; the card shows the same as two lines.
 */
export function formatFigures(kind: ComponentKind, figures: ComponentFigures): string {
  const { scale, service } = figureLines(kind, figures)
  return joinFigures([...scale, ...service])
}
