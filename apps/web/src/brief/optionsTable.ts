import {
  HOURS_PER_MONTH,
  type InfrastructureOption,
  optionPrices,
  type PriceUnit,
  type Provider,
} from '@scaleboard/schema'
import { formatUsd, PRICE_UNIT_LABELS } from './format.ts'

/**
 * The infrastructure options as one comparison table. An instance is one line: its machine, its
 * price by the hour and by the month (730 h). A managed service has one line per unit price: what
 * the unit is, then the price in the column its billing belongs to: per-hour units (per node, per
 * shard, per LCU) in $/hour and, times 730, in $/month; per-GB-month and per-use prices (per
 * million requests) in $/month only, since they are billed by the month on what was used.
 */

export type OptionColumn = 'name' | 'specs' | 'hour' | 'month' | 'lead'
export type SortDirection = 'ascending' | 'descending'
export interface OptionSort {
  column: OptionColumn
  direction: SortDirection
}

export interface Price {
  /** "$0.206" */
  amount: string
  /** what one unit is, after "per": "node", "GB", "million GETs"; absent for a plain hour */
  per?: string
}

/** One line of an option in the table. */
export interface OptionLine {
  key: string
  /** an instance: "8 vCPU · 16 GiB"; a managed service: what this price is for */
  what: string
  /** an instance's GPUs: "1 × NVIDIA T4 (16 GiB)" */
  gpu?: string
  hour: Price | null
  month: Price | null
}

const HOURLY_PER: Partial<Record<PriceUnit, string | undefined>> = {
  hour: undefined,
  'node-hour': 'node',
  'broker-hour': 'broker',
  'shard-hour': 'shard',
  'stream-hour': 'stream',
  'lcu-hour': 'LCU',
  'kpu-hour': 'KPU',
  'wcu-hour': 'WCU',
  'rcu-hour': 'RCU',
}

const MONTHLY_PER: Partial<Record<PriceUnit, string>> = {
  'gb-month': 'GB',
  'million-requests': 'million requests',
  'million-put-requests': 'million PUTs',
  'million-get-requests': 'million GETs',
  'million-read-request-units': 'million read units',
  'million-write-request-units': 'million write units',
  'million-put-payload-units': 'million PUT units',
  'gb-ingested': 'GB ingested',
}

function isHourly(unit: PriceUnit): boolean {
  return unit in HOURLY_PER
}

/** A month's price: whole dollars from $100 on ("$248"), cents below ("$16.43"), digits below $1. */
export function formatMonthlyUsd(amount: number): string {
  if (amount >= 100) return `$${Math.round(amount).toLocaleString('en-US')}`
  if (amount >= 1) return `$${amount.toFixed(2)}`
  return formatUsd(amount)
}

/** "4 vCPU · 16 GiB" */
function formatMachine(vcpu: number, memoryGiB: number): string {
  return `${vcpu} vCPU · ${Number(memoryGiB.toFixed(2))} GiB`
}

/** The lines an option takes in the table. */
export function optionLines(option: InfrastructureOption): OptionLine[] {
  if (option.category === 'instance') {
    const { gpu } = option
    return [
      {
        key: 'hour',
        what: formatMachine(option.vcpu, option.memoryGiB),
        gpu: gpu ? `${gpu.count} × ${gpu.model} (${Number(gpu.memoryGiB.toFixed(2))} GiB)` : undefined,
        hour: { amount: formatUsd(option.pricePerHourUsd) },
        month: { amount: formatMonthlyUsd(option.pricePerHourUsd * HOURS_PER_MONTH) },
      },
    ]
  }
  return option.prices.map((price) => {
    const what = capitalise(price.label ?? PRICE_UNIT_LABELS[price.unit])
    if (isHourly(price.unit)) {
      const per = HOURLY_PER[price.unit]
      return {
        key: price.unit,
        what,
        hour: { amount: formatUsd(price.amountUsd), per },
        month: { amount: formatMonthlyUsd(price.amountUsd * HOURS_PER_MONTH), per },
      }
    }
    return {
      key: price.unit,
      what,
      hour: null,
      month: { amount: formatUsd(price.amountUsd), per: MONTHLY_PER[price.unit] },
    }
  })
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

const CLOUDS: ReadonlySet<Provider> = new Set(['aws', 'gcp', 'azure'])

/** "On demand" for a cloud option with no lead time stated, "2 weeks", "3 days"; null: not stated. */
export function formatLeadTime(option: InfrastructureOption): string | null {
  const days = leadTimeDays(option)
  if (days === null) return null
  if (option.leadTimeDays === undefined) return 'On demand'
  if (days === 0) return 'Same day'
  if (days % 7 === 0) return days === 7 ? '1 week' : `${days / 7} weeks`
  return days === 1 ? '1 day' : `${Number(days.toFixed(1))} days`
}

function leadTimeDays(option: InfrastructureOption): number | null {
  if (option.leadTimeDays !== undefined) return option.leadTimeDays
  return CLOUDS.has(option.provider) ? 0 : null
}

/** The price an option is sorted by: an instance's, or a managed service's first per-hour price. */
function hourlyPrice(option: InfrastructureOption): number | null {
  return optionPrices(option).find((p) => isHourly(p.unit))?.amountUsd ?? null
}

type SortKey = string | number[] | null

function sortKey(option: InfrastructureOption, column: OptionColumn): SortKey {
  switch (column) {
    case 'name':
      return option.name
    case 'specs':
      return option.category === 'instance'
        ? [option.vcpu, option.memoryGiB, (option.gpu?.count ?? 0) * (option.gpu?.memoryGiB ?? 0)]
        : null
    case 'hour':
    case 'month': {
      // $/month is $/hour × 730 for every line that has both, so both sort alike.
      const price = hourlyPrice(option)
      return price === null ? null : [price]
    }
    case 'lead': {
      const days = leadTimeDays(option)
      return days === null ? null : [days]
    }
  }
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

function compareKeys(a: string | number[], b: string | number[]): number {
  if (typeof a === 'string' || typeof b === 'string') return collator.compare(String(a), String(b))
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/**
 * The options in the order of a column, or the scenario's order without one. Options with nothing
 * to compare in that column (a managed service's vCPUs, storage's $/hour) go last either way; ties
 * keep the scenario's order.
 */
export function sortOptions(
  options: readonly InfrastructureOption[],
  sort: OptionSort | null,
): InfrastructureOption[] {
  if (!sort) return [...options]
  const sign = sort.direction === 'ascending' ? 1 : -1
  return options
    .map((option, index) => ({ option, index, key: sortKey(option, sort.column) }))
    .sort((a, b) => {
      if (a.key === null || b.key === null) {
        if (a.key === b.key) return a.index - b.index
        return a.key === null ? 1 : -1
      }
      return sign * compareKeys(a.key, b.key) || a.index - b.index
    })
    .map((entry) => entry.option)
}

/** A header's next sort: a new column starts ascending, the same column flips. */
export function nextSort(current: OptionSort | null, column: OptionColumn): OptionSort {
  if (current?.column === column)
    return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
  return { column, direction: 'ascending' }
}

/** The providers the options come from, in the scenario's order, with how many options each. */
export function providersOf(
  options: readonly InfrastructureOption[],
): { provider: Provider; count: number }[] {
  const counts = new Map<Provider, number>()
  for (const option of options) counts.set(option.provider, (counts.get(option.provider) ?? 0) + 1)
  return [...counts].map(([provider, count]) => ({ provider, count }))
}

/** "Amazon EC2 On-Demand Pricing, … (seen 2025-06)" */
export function describeSource(option: InfrastructureOption): string {
  const { title, seen, note } = option.source
  return `${title} (seen ${seen})${note ? `. ${note}` : ''}`
}
