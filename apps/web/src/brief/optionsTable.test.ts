import type { InfrastructureOption } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import {
  formatLeadTime,
  formatMonthlyUsd,
  nextSort,
  optionLines,
  providersOf,
  sortOptions,
} from './optionsTable.ts'

const source = { title: 'Price list', seen: '2025-06' }

function instance(
  id: string,
  pricePerHourUsd: number,
  more: Partial<Extract<InfrastructureOption, { category: 'instance' }>> = {},
): InfrastructureOption {
  return {
    id,
    category: 'instance',
    provider: 'aws',
    name: id,
    vcpu: 4,
    memoryGiB: 16,
    pricePerHourUsd,
    source,
    ...more,
  }
}

const g4dn = instance('EC2 g4dn.xlarge', 0.526, { gpu: { model: 'NVIDIA T4', count: 1, memoryGiB: 16 } })
const c6i = instance('EC2 c6i.2xlarge', 0.34, { vcpu: 8 })
const c6iLarge = instance('EC2 c6i.12xlarge', 2.04, { vcpu: 48, memoryGiB: 96 })
const vm = instance('Data-centre VM', 0.05, { provider: 'on-prem', vcpu: 2, memoryGiB: 8, leadTimeDays: 14 })
const dbHost = instance('Data-centre database host', 0.48, {
  provider: 'on-prem',
  vcpu: 16,
  leadTimeDays: 56,
})
const cache: InfrastructureOption = {
  id: 'cache',
  category: 'managed-service',
  provider: 'aws',
  service: 'cache',
  name: 'ElastiCache cache.r6g.large',
  prices: [{ unit: 'node-hour', amountUsd: 0.206, label: 'per node: 2 vCPU, 13.07 GiB' }],
  source,
}
const s3: InfrastructureOption = {
  id: 's3',
  category: 'managed-service',
  provider: 'aws',
  service: 'object-storage',
  name: 'S3 Standard',
  prices: [
    { unit: 'gb-month', amountUsd: 0.023, label: 'first 50 TB per month' },
    { unit: 'million-get-requests', amountUsd: 0.4 },
  ],
  source,
}
const gcp = instance('Compute Engine n2-standard-4', 0.194236, { provider: 'gcp' })

const names = (options: InfrastructureOption[]) => options.map((o) => o.name)

describe('optionLines', () => {
  it('gives an instance one line: its machine, its GPUs, $/hour and $/month at 730 h', () => {
    expect(optionLines(g4dn)).toEqual([
      {
        key: 'hour',
        what: '4 vCPU · 16 GiB',
        gpu: '1 × NVIDIA T4 (16 GiB)',
        hour: { amount: '$0.526' },
        month: { amount: '$384' },
      },
    ])
  })

  it('gives a managed service a line per unit price, each in the column its billing belongs to', () => {
    expect(optionLines(cache)).toEqual([
      {
        key: 'node-hour',
        what: 'Per node: 2 vCPU, 13.07 GiB',
        hour: { amount: '$0.206', per: 'node' },
        month: { amount: '$150', per: 'node' },
      },
    ])
    expect(optionLines(s3)).toEqual([
      { key: 'gb-month', what: 'First 50 TB per month', hour: null, month: { amount: '$0.023', per: 'GB' } },
      {
        key: 'million-get-requests',
        what: 'Million GET requests',
        hour: null,
        month: { amount: '$0.4', per: 'million GETs' },
      },
    ])
  })

  it('rounds a month to dollars from $100, to cents from $1', () => {
    expect(formatMonthlyUsd(248.2)).toBe('$248')
    expect(formatMonthlyUsd(3737.6)).toBe('$3,738')
    expect(formatMonthlyUsd(16.425)).toBe('$16.43')
    expect(formatMonthlyUsd(0.4745)).toBe('$0.4745')
  })
})

describe('formatLeadTime', () => {
  it('says on demand for the cloud, weeks or days when stated, nothing when unknown', () => {
    expect(formatLeadTime(c6i)).toBe('On demand')
    expect(formatLeadTime(vm)).toBe('2 weeks')
    expect(formatLeadTime(instance('x', 1, { leadTimeDays: 7 }))).toBe('1 week')
    expect(formatLeadTime(instance('x', 1, { leadTimeDays: 3 }))).toBe('3 days')
    expect(formatLeadTime(instance('x', 1, { leadTimeDays: 0 }))).toBe('Same day')
    expect(formatLeadTime(instance('x', 1, { provider: 'on-prem' }))).toBeNull()
  })
})

describe('sortOptions', () => {
  const options = [c6i, s3, g4dn, vm, cache, dbHost, c6iLarge, gcp]

  it('keeps the scenario order without a sort', () => {
    expect(sortOptions(options, null)).toEqual(options)
  })

  it('sorts $/hour as numbers, both ways; what has no hourly price stays last', () => {
    expect(names(sortOptions(options, { column: 'hour', direction: 'ascending' }))).toEqual([
      'Data-centre VM',
      'Compute Engine n2-standard-4',
      'ElastiCache cache.r6g.large',
      'EC2 c6i.2xlarge',
      'Data-centre database host',
      'EC2 g4dn.xlarge',
      'EC2 c6i.12xlarge',
      'S3 Standard',
    ])
    expect(names(sortOptions(options, { column: 'hour', direction: 'descending' }))).toEqual([
      'EC2 c6i.12xlarge',
      'EC2 g4dn.xlarge',
      'Data-centre database host',
      'EC2 c6i.2xlarge',
      'ElastiCache cache.r6g.large',
      'Compute Engine n2-standard-4',
      'Data-centre VM',
      'S3 Standard',
    ])
    expect(sortOptions(options, { column: 'month', direction: 'ascending' })).toEqual(
      sortOptions(options, { column: 'hour', direction: 'ascending' }),
    )
  })

  it('sorts names with their numbers read as numbers', () => {
    expect(names(sortOptions([c6iLarge, c6i], { column: 'name', direction: 'ascending' }))).toEqual([
      'EC2 c6i.2xlarge',
      'EC2 c6i.12xlarge',
    ])
  })

  it('sorts machines by vCPU, then memory, then GPU memory; managed services last', () => {
    expect(
      names(sortOptions([cache, c6iLarge, g4dn, vm, gcp], { column: 'specs', direction: 'ascending' })),
    ).toEqual([
      'Data-centre VM',
      'Compute Engine n2-standard-4',
      'EC2 g4dn.xlarge',
      'EC2 c6i.12xlarge',
      'ElastiCache cache.r6g.large',
    ])
  })

  it('sorts lead time with on demand first; an unknown lead time goes last', () => {
    const unknown = instance('Colo rack', 1, { provider: 'on-prem' })
    expect(
      names(sortOptions([dbHost, unknown, vm, c6i], { column: 'lead', direction: 'descending' })),
    ).toEqual(['Data-centre database host', 'Data-centre VM', 'EC2 c6i.2xlarge', 'Colo rack'])
  })

  it('starts a new column ascending and flips the same one', () => {
    expect(nextSort(null, 'hour')).toEqual({ column: 'hour', direction: 'ascending' })
    expect(nextSort({ column: 'hour', direction: 'ascending' }, 'hour')).toEqual({
      column: 'hour',
      direction: 'descending',
    })
    expect(nextSort({ column: 'hour', direction: 'descending' }, 'hour')).toEqual({
      column: 'hour',
      direction: 'ascending',
    })
    expect(nextSort({ column: 'hour', direction: 'descending' }, 'name')).toEqual({
      column: 'name',
      direction: 'ascending',
    })
  })
})

describe('providersOf', () => {
  it('counts options per provider in the scenario order', () => {
    expect(providersOf([vm, c6i, gcp, g4dn])).toEqual([
      { provider: 'on-prem', count: 1 },
      { provider: 'aws', count: 2 },
      { provider: 'gcp', count: 1 },
    ])
  })
})
