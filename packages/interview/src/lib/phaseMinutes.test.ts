import { DEFAULT_PHASE_MINUTES, PhaseMinutes } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { resolvePhaseMinutes } from './phaseMinutes.ts'

describe('resolvePhaseMinutes', () => {
  it('is the exercise’s defaults when nothing overrides them', () => {
    expect(resolvePhaseMinutes()).toEqual(DEFAULT_PHASE_MINUTES)
    expect(resolvePhaseMinutes(null, undefined, {})).toEqual(DEFAULT_PHASE_MINUTES)
  })

  it('lets the level override the defaults and the session override the level, phase by phase', () => {
    const level = { briefing: 5, design: 90, walkthrough: 20 }
    const session = { design: 45, feedback: 0.5 }
    expect(resolvePhaseMinutes(level, session)).toEqual({
      briefing: 5,
      design: 45,
      walkthrough: 20,
      feedback: 0.5,
      revision: DEFAULT_PHASE_MINUTES.revision,
    })
  })

  it('ignores undefined entries and returns a fresh, valid object', () => {
    const resolved = resolvePhaseMinutes({ design: undefined, revision: 12 })
    expect(resolved.design).toBe(DEFAULT_PHASE_MINUTES.design)
    expect(resolved.revision).toBe(12)
    expect(PhaseMinutes.parse(resolved)).toEqual(resolved)
    resolved.design = 1
    expect(DEFAULT_PHASE_MINUTES.design).toBe(75)
  })
})
