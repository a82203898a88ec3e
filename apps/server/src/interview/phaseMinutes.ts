import { resolvePhaseMinutes } from '@scaleboard/interview'
import type { PhaseMinutes } from '@scaleboard/schema'
import type { SessionRecord } from '@scaleboard/storage'

/** The session's planned minutes: stored at creation; older sessions get the exercise's defaults. */
export function resolveSessionMinutes(session: SessionRecord): PhaseMinutes {
  return resolvePhaseMinutes(session.phaseMinutes)
}
