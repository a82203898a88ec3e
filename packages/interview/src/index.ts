/**
 * @scaleboard/interview: the interview's workflow as pure functions over data. No I/O: the server
 * stores the events and pushes the views, the web app renders them.
 */

export { type ChecklistItemState, checklistView, scenarioChecklist } from './lib/checklist.ts'
export { formatClockStamp, sessionClockStamp } from './lib/clockStamp.ts'
export {
  PHASE_COMMAND_ERROR_CODES,
  PhaseCommandError,
  type PhaseCommandErrorCode,
} from './lib/PhaseCommandError.ts'
export {
  applyPhaseCommand,
  elapsedMs,
  initialPhaseClock,
  type PhaseClock,
  phaseClockFromEvents,
  phaseView,
} from './lib/phaseClock.ts'
export { resolvePhaseMinutes } from './lib/phaseMinutes.ts'
export { type TimerTone, timerTone } from './lib/timerTone.ts'
