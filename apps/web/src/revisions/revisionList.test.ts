import type { Revision } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import {
  arrivedRestores,
  canManageRevisions,
  canSaveRevision,
  checkRevisionLabel,
  describeKind,
  emptyRevisionsText,
  formatRevisionTime,
  newestFirst,
  replayAccess,
  replayHref,
  reportFileName,
  restoredByOthersNotice,
  restoreSummary,
  withRevision,
} from './revisionList.ts'

const revision = (id: string, overrides: Partial<Revision> = {}): Revision => ({
  id,
  label: `Revision ${id}`,
  kind: 'manual',
  seq: 1,
  annotationsSeq: 0,
  at: '2026-12-01T10:00:00.000Z',
  author: 'candidate',
  ...overrides,
})

describe('who may do what', () => {
  it('lets everyone but observers save a revision', () => {
    expect(canSaveRevision('candidate')).toBe(true)
    expect(canSaveRevision('interviewer')).toBe(true)
    expect(canSaveRevision('observer')).toBe(false)
  })

  it('keeps restore, sharing and the report to the interviewer (the organiser’s view included)', () => {
    expect(canManageRevisions('interviewer')).toBe(true)
    expect(canManageRevisions('candidate')).toBe(false)
    expect(canManageRevisions('observer')).toBe(false)
  })

  it('gives the candidate the replay only once it is shared, and promises nothing before it is known', () => {
    expect(replayAccess('candidate', null)).toBe('unknown')
    expect(replayAccess('candidate', false)).toBe('waiting')
    expect(replayAccess('candidate', true)).toBe('open')
    expect(replayAccess('interviewer', false)).toBe('open')
    expect(replayAccess('observer', null)).toBe('open')
  })
})

describe('emptyRevisionsText', () => {
  it('says what revisions are, and invites only those who may save one', () => {
    expect(emptyRevisionsText('candidate')).toBe(
      'Revisions are saved at each phase change. Save one yourself to mark a moment, e.g. ‘before caching’.',
    )
    expect(emptyRevisionsText('interviewer')).toMatch(/Save one yourself/)
    expect(emptyRevisionsText('observer')).toMatch(/^Revisions are saved at each phase change/)
    expect(emptyRevisionsText('observer')).not.toMatch(/Save one yourself/)
  })
})

describe('describeKind', () => {
  it('says why each revision exists', () => {
    expect(describeKind({ kind: 'phase', author: 'system' })).toBe('Phase change')
    expect(describeKind({ kind: 'manual', author: 'candidate' })).toBe('Saved by the candidate')
    expect(describeKind({ kind: 'manual', author: 'organiser' })).toBe('Saved by the organiser')
    expect(describeKind({ kind: 'restore', author: 'interviewer' })).toBe('Before a restore')
  })
})

describe('ordering and merging', () => {
  it('lists the newest first, reversing the server’s oldest-first order (ties keep it)', () => {
    const list = [revision('a'), revision('b'), revision('c')]
    expect(newestFirst(list).map((r) => r.id)).toEqual(['c', 'b', 'a'])
    expect(list.map((r) => r.id)).toEqual(['a', 'b', 'c'])
  })

  it('adds a revision once, whether the refetch brought it first or not', () => {
    const saved = revision('b', { label: 'before caching' })
    expect(withRevision(null, saved)).toEqual([saved])
    expect(withRevision([revision('a')], saved).map((r) => r.id)).toEqual(['a', 'b'])
    const already = withRevision([revision('a'), revision('b')], saved)
    expect(already.map((r) => r.id)).toEqual(['a', 'b'])
    expect(already[1]?.label).toBe('before caching')
  })
})

describe('checkRevisionLabel', () => {
  it('trims the label and takes 1 to 80 characters', () => {
    expect(checkRevisionLabel('  before caching  ')).toEqual({ ok: true, label: 'before caching' })
    expect(checkRevisionLabel('x'.repeat(80))).toEqual({ ok: true, label: 'x'.repeat(80) })
  })

  it('says plainly what is wrong with an empty or too long label', () => {
    const empty = checkRevisionLabel('   ')
    expect(empty.ok).toBe(false)
    expect(!empty.ok && empty.message).toMatch(/Give the revision a name/)
    const long = checkRevisionLabel('y'.repeat(81))
    expect(!long.ok && long.message).toBe('Keep the name to 80 characters (it has 81).')
  })
})

describe('replayHref', () => {
  it('carries the board link’s token in the fragment, and the revision as rev', () => {
    expect(replayHref('s1', { kind: 'link', token: 'abc_-1' })).toBe('/s/s1/replay#token=abc_-1')
    expect(replayHref('s1', { kind: 'link', token: 'abc' }, 'rev 7')).toBe('/s/s1/replay#token=abc&rev=rev+7')
  })

  it('opens the organiser’s view with #as=organiser, never with a token', () => {
    expect(replayHref('a/b', { kind: 'organiser' }, 'r1')).toBe('/s/a%2Fb/replay#as=organiser&rev=r1')
  })

  it('reads back with URLSearchParams as the replay page will', () => {
    const href = replayHref('s1', { kind: 'link', token: 't+k/=' }, 'r&1')
    const fragment = new URLSearchParams(href.split('#')[1])
    expect(fragment.get('token')).toBe('t+k/=')
    expect(fragment.get('rev')).toBe('r&1')
  })
})

describe('restoreSummary', () => {
  it('says what was restored and how much was written back', () => {
    expect(restoreSummary('End of design', { written: 12, removed: 0 })).toBe(
      'Restored ‘End of design’ (12 records written back)',
    )
    expect(restoreSummary('x', { written: 1, removed: 3 })).toBe(
      'Restored ‘x’ (1 record written back, 3 removed)',
    )
  })
})

describe('formatRevisionTime', () => {
  const at = '2026-12-01T10:05:00.000Z'

  it('shows only the time on the day itself', () => {
    const shown = formatRevisionTime(at, new Date(at), 'en-GB')
    expect(shown).toBe(new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }))
    expect(shown).toMatch(/^\d\d:\d\d$/)
  })

  it('puts the date in front on another day', () => {
    const later = new Date(new Date(at).getTime() + 3 * 24 * 3600 * 1000)
    expect(formatRevisionTime(at, later, 'en-GB')).toMatch(/^\d{1,2} \w{3}, \d\d:\d\d$/)
  })

  it('shows a time it cannot read as it came', () => {
    expect(formatRevisionTime('not a time')).toBe('not a time')
  })
})

describe('restores made by someone else', () => {
  it('are news only after the first answer, and only once', () => {
    const first = [revision('a'), revision('b', { kind: 'phase', author: 'system' })]
    expect(arrivedRestores(null, [...first, revision('r0', { kind: 'restore' })])).toEqual([])
    const seen = new Set(first.map((r) => r.id))
    const restored = revision('r1', { kind: 'restore', author: 'interviewer', label: 'Before restoring' })
    const next = [...first, revision('c'), restored]
    expect(arrivedRestores(seen, next)).toEqual([restored])
    expect(arrivedRestores(new Set(next.map((r) => r.id)), next)).toEqual([])
  })

  it('say who restored and where the board before it is kept', () => {
    expect(restoredByOthersNotice({ author: 'interviewer' })).toBe(
      'The interviewer restored an earlier revision of the board. How it looked just before is kept in the list below.',
    )
    expect(restoredByOthersNotice({ author: 'organiser' })).toMatch(/^The organiser restored/)
  })
})

describe('reportFileName', () => {
  it('names the file after the session, and says when the notes are left out', () => {
    expect(reportFileName('abc123', true)).toBe('scaleboard-report-abc123.md')
    expect(reportFileName('a/b c', false)).toBe('scaleboard-report-a-b-c-without-notes.md')
  })
})
