import type { PhaseView } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { phaseAnnouncement } from './announcement.ts'

const running: PhaseView = {
  name: 'design',
  startedAt: '2026-11-30T10:00:00.000Z',
  endsAt: '2026-11-30T11:15:00.000Z',
  paused: false,
  remainingMs: 60_000,
  plannedMs: 75 * 60_000,
  serverNow: '2026-11-30T11:14:00.000Z',
}

describe('phaseAnnouncement', () => {
  it('says nothing about the first view or an unchanged one', () => {
    expect(phaseAnnouncement(null, running)).toBeNull()
    expect(phaseAnnouncement(running, { ...running, remainingMs: 50_000 })).toBeNull()
  })

  it('names the new phase, the start, pause, resume and an extension', () => {
    expect(phaseAnnouncement(running, { ...running, name: 'walkthrough' })).toBe('Now: Walkthrough')
    expect(phaseAnnouncement(running, { ...running, name: 'done' })).toBe('The interview is finished')
    const waiting = { ...running, name: 'briefing' as const, startedAt: null, remainingMs: null }
    expect(phaseAnnouncement(waiting, { ...waiting, startedAt: running.startedAt })).toBe('Briefing started')
    expect(phaseAnnouncement(running, { ...running, paused: true })).toBe('Timer paused')
    expect(phaseAnnouncement({ ...running, paused: true }, running)).toBe('Timer resumed')
    expect(phaseAnnouncement(running, { ...running, plannedMs: 80 * 60_000 })).toBe('5 min added to Design')
  })
})
