import type { TimelineEvent } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import {
  activityLanes,
  eventTicks,
  fractionOf,
  phaseChapters,
  phaseOfEvent,
  timeAtFraction,
} from './timeline.ts'

const phase = (at: number, ref: string, text = `${ref} started`): TimelineEvent => ({
  at,
  kind: 'phase',
  text,
  ref,
})

describe('phaseChapters', () => {
  it('turns phase events into chapters that last until the next phase', () => {
    const events: TimelineEvent[] = [
      phase(100, 'briefing', 'Briefing started'),
      { at: 150, kind: 'clock', text: 'Clock started' },
      phase(200, 'design', 'Design started'),
      { at: 250, kind: 'message', text: 'Q: per region?' },
      phase(900, 'done', 'Interview finished'),
    ]
    expect(phaseChapters(events, 1_000)).toEqual([
      { phase: 'briefing', label: 'Briefing', start: 100, end: 200 },
      { phase: 'design', label: 'Design', start: 200, end: 900 },
    ])
  })

  it('runs the last phase to the end of the span and sorts events first', () => {
    const chapters = phaseChapters([phase(500, 'revision'), phase(100, 'design')], 800)
    expect(chapters.map((c) => [c.phase, c.start, c.end])).toEqual([
      ['design', 100, 500],
      ['revision', 500, 800],
    ])
  })

  it('joins a repeated move to the same phase, and keeps a going back as its own chapter', () => {
    const events = [phase(0, 'design'), phase(100, 'design'), phase(200, 'walkthrough'), phase(300, 'design')]
    expect(phaseChapters(events, 400).map((c) => [c.phase, c.start, c.end])).toEqual([
      ['design', 0, 200],
      ['walkthrough', 200, 300],
      ['design', 300, 400],
    ])
  })

  it('reads the phase from the text when the ref is missing, and keeps unknown text as the label', () => {
    expect(phaseOfEvent({ text: 'Walkthrough started' })).toBe('walkthrough')
    const chapters = phaseChapters([{ at: 0, kind: 'phase', text: 'Warm-up' }], 50)
    expect(chapters).toEqual([{ phase: null, label: 'Warm-up', start: 0, end: 50 }])
  })
})

describe('activityLanes', () => {
  it('splits each role’s edits at pauses longer than 30 s and leaves out system and observers', () => {
    const spans = activityLanes([
      { at: 0, role: 'system' },
      { at: 1_000, role: 'candidate' },
      { at: 20_000, role: 'candidate' },
      { at: 50_000, role: 'candidate' }, // 30 s after the last: same span
      { at: 80_001, role: 'candidate' }, // 30.001 s: a new one
      { at: 5_000, role: 'interviewer' },
      { at: 6_000, role: 'observer' },
    ])
    expect(spans.candidate).toEqual([
      { start: 1_000, end: 50_000, updates: 3 },
      { start: 80_001, end: 80_001, updates: 1 },
    ])
    expect(spans.interviewer).toEqual([{ start: 5_000, end: 5_000, updates: 1 }])
  })

  it('does not depend on the order the updates come in (board and layer logs are merged)', () => {
    const spans = activityLanes([
      { at: 40_000, role: 'candidate' },
      { at: 1_000, role: 'candidate' },
      { at: 20_000, role: 'candidate' },
    ])
    expect(spans.candidate).toEqual([{ start: 1_000, end: 40_000, updates: 3 }])
  })
})

describe('eventTicks', () => {
  it('keeps the side events, drops phases, revisions and clocks, and groups annotation bursts', () => {
    const ticks = eventTicks(
      [
        phase(0, 'design'),
        { at: 10, kind: 'revision', text: 'Revision “x”' },
        { at: 20, kind: 'clock', text: 'Clock paused' },
        { at: 30, kind: 'checklist', text: 'Checklist: Caching — met' },
        { at: 40_000, kind: 'requirement', text: 'New requirement: EU' },
      ],
      [{ at: 1_000 }, { at: 5_000 }, { at: 30_000 }],
    )
    expect(ticks).toEqual([
      { at: 30, kind: 'checklist', text: 'Checklist: Caching — met' },
      { at: 1_000, kind: 'annotation', text: 'Annotations (2 edits)' },
      { at: 30_000, kind: 'annotation', text: 'Annotation' },
      { at: 40_000, kind: 'requirement', text: 'New requirement: EU' },
    ])
  })
})

describe('fractionOf / timeAtFraction', () => {
  it('map between time and position, clamped to the span', () => {
    expect(fractionOf(150, 100, 200)).toBe(0.5)
    expect(fractionOf(50, 100, 200)).toBe(0)
    expect(fractionOf(250, 100, 200)).toBe(1)
    expect(fractionOf(5, 5, 5)).toBe(0)
    expect(timeAtFraction(0.25, 100, 200)).toBe(125)
    expect(timeAtFraction(-1, 100, 200)).toBe(100)
    expect(timeAtFraction(2, 100, 200)).toBe(200)
  })
})
