import type { ChecklistEntry, Revision, SessionClockStamp } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { activitySpans, phaseRevisionLabel, revisionPhasePair, sessionTimeline } from './sessionTimeline.ts'

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0)
const min = (m: number) => T0 + m * 60_000
const stamp = (m: number, phase: SessionClockStamp['phase'] = 'design'): SessionClockStamp => ({
  at: new Date(min(m)).toISOString(),
  phase,
  phaseElapsedMs: null,
})
const revision = (id: string, label: string, m: number, kind: Revision['kind'] = 'phase'): Revision => ({
  id,
  label,
  kind,
  seq: m,
  annotationsSeq: 0,
  at: new Date(min(m)).toISOString(),
  author: 'system',
})

describe('phaseRevisionLabel', () => {
  it('names the revision taken when the interview leaves a phase with a board worth keeping', () => {
    expect(phaseRevisionLabel('design')).toBe('End of design')
    expect(phaseRevisionLabel('walkthrough')).toBe('After walkthrough')
    expect(phaseRevisionLabel('revision')).toBe('After revision')
    expect(phaseRevisionLabel('briefing')).toBeNull()
  })
})

describe('sessionTimeline', () => {
  it('puts every kind of event on one time axis, oldest first, in words', () => {
    const ticked: ChecklistEntry = {
      id: 'item-1',
      text: 'Caches features',
      group: 'bottlenecks',
      source: 'scenario',
      status: 'met',
      changedAt: stamp(30),
    }
    const untouched: ChecklistEntry = {
      id: 'item-2',
      text: 'Never rated',
      group: 'scaling',
      source: 'scenario',
    }
    const events = sessionTimeline({
      phaseEvents: [
        { at: min(0), command: { phase: 'design' } },
        { at: min(20), command: { action: 'pause' } },
        { at: min(60), command: { phase: 'walkthrough' } },
        { at: min(90), command: { phase: 'done' } },
      ],
      revisions: [revision('r1', 'End of design', 60)],
      checklist: [ticked, untouched],
      messages: [
        { id: 'm1', author: 'candidate', text: 'Is the SLO per region?', at: stamp(5), clarification: false },
        { id: 'm2', author: 'interviewer', text: 'Per region.', at: stamp(6), clarification: true },
      ],
      requirementChanges: [{ id: 'q1', text: 'Traffic doubles', at: stamp(40), checklistItemId: 'item-3' }],
      feedback: {
        strength: { text: 'Clear' },
        improvement: { text: 'Costs' },
        released: true,
        updatedAt: stamp(85, 'feedback'),
      },
      notes: [{ id: 'n1', text: 'strong', itemId: null, at: stamp(10) }],
    })
    expect(events.map((e) => [(e.at - T0) / 60_000, e.kind, e.text])).toEqual([
      [0, 'phase', 'Design started'],
      [5, 'message', 'Q: Is the SLO per region?'],
      [6, 'message', 'Clarification: Per region.'],
      [10, 'note', 'Note: strong'],
      [20, 'clock', 'Clock paused'],
      [30, 'checklist', 'Checklist: Caches features — met (Bottlenecks addressed)'],
      [40, 'requirement', 'New requirement: Traffic doubles'],
      [60, 'phase', 'Walkthrough started'],
      [60, 'revision', 'Revision “End of design”'],
      [85, 'feedback', 'Feedback shared with the candidate'],
      [90, 'phase', 'Interview finished'],
    ])
  })

  it('leaves private notes out when none are passed', () => {
    const events = sessionTimeline({
      phaseEvents: [],
      revisions: [],
      checklist: [],
      messages: [],
      requirementChanges: [],
      feedback: null,
    })
    expect(events).toEqual([])
  })
})

describe('revisionPhasePair', () => {
  const phases = [
    { at: min(0), command: { phase: 'design' as const } },
    { at: min(60), command: { phase: 'feedback' as const } },
    { at: min(70), command: { phase: 'revision' as const } },
    { at: min(85), command: { phase: 'done' as const } },
  ]
  const revisions = [
    revision('r1', 'End of design', 60),
    revision('r2', 'After feedback', 70),
    revision('m1', 'mid-revision', 78, 'manual'),
    revision('r3', 'After revision', 85),
  ]

  it('frames the revision phase: the revision at its start and the one at its end', () => {
    expect(revisionPhasePair(phases, revisions)).toMatchObject({ from: { id: 'r2' }, to: { id: 'r3' } })
  })

  it('while the phase runs, compares with the newest revision since it started', () => {
    expect(revisionPhasePair(phases.slice(0, 3), revisions.slice(0, 3))).toMatchObject({
      from: { id: 'r2' },
      to: { id: 'm1' },
    })
  })

  it('is null without a revision phase, or with nothing to compare', () => {
    expect(revisionPhasePair(phases.slice(0, 2), revisions)).toBeNull()
    expect(revisionPhasePair(phases.slice(0, 3), revisions.slice(0, 2))).toBeNull()
  })
})

describe('activitySpans', () => {
  it('joins each role’s edits into spans, split at long gaps, the server’s own left out', () => {
    const spans = activitySpans(
      [
        { at: 0, role: 'system' },
        { at: 1_000, role: 'candidate' },
        { at: 20_000, role: 'candidate' },
        { at: 25_000, role: 'interviewer' },
        { at: 90_000, role: 'candidate' },
      ],
      30_000,
    )
    expect(spans).toEqual([
      { role: 'candidate', from: 1_000, to: 20_000, edits: 2 },
      { role: 'interviewer', from: 25_000, to: 25_000, edits: 1 },
      { role: 'candidate', from: 90_000, to: 90_000, edits: 1 },
    ])
  })
})
