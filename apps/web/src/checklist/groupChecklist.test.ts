import type { ChecklistEntry } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { describeTally, groupChecklist, tallyStatuses } from './groupChecklist.ts'

const item = (
  id: string,
  group: ChecklistEntry['group'],
  status?: ChecklistEntry['status'],
): ChecklistEntry => ({
  id,
  text: id,
  group,
  source: 'scenario',
  ...(status ? { status } : {}),
})

describe('groupChecklist', () => {
  it('orders groups as the exercise assesses them and keeps item order within a group', () => {
    const sections = groupChecklist([
      item('dr', 'operations'),
      item('gpu', 'bottlenecks'),
      item('p99', 'requirements'),
      item('queue', 'bottlenecks'),
    ])
    expect(sections.map((s) => s.group)).toEqual(['bottlenecks', 'requirements', 'operations'])
    expect(sections[0]?.items.map((i) => i.id)).toEqual(['gpu', 'queue'])
    expect(sections[0]?.label).toBe('Bottlenecks addressed')
  })

  it('leaves out empty groups, and an empty checklist has no sections', () => {
    expect(groupChecklist([])).toEqual([])
    expect(groupChecklist([item('a', 'migration')])).toHaveLength(1)
  })
})

describe('tally', () => {
  it('counts statuses, a missing status as open', () => {
    const tally = tallyStatuses([
      item('a', 'scaling', 'met'),
      item('b', 'scaling'),
      item('c', 'scaling', 'missed'),
    ])
    expect(tally).toEqual({ open: 1, partial: 0, met: 1, missed: 1 })
    expect(describeTally(tally)).toBe('1 met · 1 missed · 1 open')
  })

  it('says so when there is nothing', () => {
    expect(describeTally(tallyStatuses([]))).toBe('Nothing to tick yet')
  })
})
