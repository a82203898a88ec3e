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

/** 64 → "64 GB", 2000 → "2 TB", 0.5 → "0.5 GB" */
export function formatStorage(gb: number): string {
  if (gb >= 1000) return `${Number((gb / 1000).toFixed(1))} TB`
  return `${Number(gb.toFixed(1))} GB`
}

function formatMs(ms: number): string {
  return `${Number(ms.toFixed(1))} ms`
}

/**
 * The key-figure line a card shows under its name, e.g.
 * "4 × A10G · 120 rps each · p99 80 ms · $4.0/h". Only figures that fit the kind are shown;
 * cost is the total for all replicas when the replica count is known.
 */
export function formatFigures(kind: ComponentKind, figures: ComponentFigures): string {
  const fits = new Set(COMPONENT_CATALOGUE[kind].figures)
  const f: ComponentFigures = {}
  for (const name of fits) if (figures[name] !== undefined) Object.assign(f, { [name]: figures[name] })

  const parts: string[] = []
  if (f.replicas !== undefined && f.hardware) parts.push(`${formatCount(f.replicas)} × ${f.hardware}`)
  else if (f.replicas !== undefined)
    parts.push(`${formatCount(f.replicas)} ${f.replicas === 1 ? 'replica' : 'replicas'}`)
  else if (f.hardware) parts.push(f.hardware)

  if (f.autoscaleMin !== undefined && f.autoscaleMax !== undefined)
    parts.push(`autoscale ${f.autoscaleMin}–${f.autoscaleMax}`)
  else if (f.autoscaleMin !== undefined) parts.push(`autoscale min ${f.autoscaleMin}`)
  else if (f.autoscaleMax !== undefined) parts.push(`autoscale max ${f.autoscaleMax}`)

  if (f.capacityRpsPerReplica !== undefined)
    parts.push(`${formatCount(f.capacityRpsPerReplica)} rps${fits.has('replicas') ? ' each' : ''}`)
  if (f.cacheHitRate !== undefined) parts.push(`${formatFraction(f.cacheHitRate)} hits`)
  if (f.latencyP99Ms !== undefined) parts.push(`p99 ${formatMs(f.latencyP99Ms)}`)
  else if (f.latencyP50Ms !== undefined) parts.push(`p50 ${formatMs(f.latencyP50Ms)}`)
  if (f.storageGb !== undefined) parts.push(formatStorage(f.storageGb))
  if (f.availability !== undefined) parts.push(`${formatFraction(f.availability)} up`)
  if (f.costPerReplicaHourUsd !== undefined)
    parts.push(formatUsdPerHour(f.costPerReplicaHourUsd * (f.replicas ?? 1)))

  return parts.join(SEPARATOR)
}
