import { DEFAULT_PHASE_MINUTES, type PhaseMinutes, TimedPhase } from '@scaleboard/schema'

/**
 * DEFAULT_PHASE_MINUTES overridden by the scenario level's, then by the session's: later
 * arguments win, and a missing or undefined entry keeps what came before.
 */
export function resolvePhaseMinutes(
  ...overrides: Array<Partial<PhaseMinutes> | null | undefined>
): PhaseMinutes {
  const minutes: PhaseMinutes = { ...DEFAULT_PHASE_MINUTES }
  for (const override of overrides) {
    if (!override) continue
    for (const phase of TimedPhase.options) {
      const value = override[phase]
      if (value !== undefined) minutes[phase] = value
    }
  }
  return minutes
}
