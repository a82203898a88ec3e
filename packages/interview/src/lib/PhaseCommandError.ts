export const PHASE_COMMAND_ERROR_CODES = [
  'not_started',
  'already_started',
  'not_paused',
  'already_paused',
  'finished',
] as const
export type PhaseCommandErrorCode = (typeof PHASE_COMMAND_ERROR_CODES)[number]

/**
 * A phase command that makes no sense in the clock's current state (resume when not paused, pause
 * before the start, extend once the interview is done…). Expected, not a bug: the REST route turns
 * it into a 409 with `code`.
 */
export class PhaseCommandError extends Error {
  readonly code: PhaseCommandErrorCode

  constructor(code: PhaseCommandErrorCode, message: string) {
    super(message)
    this.name = 'PhaseCommandError'
    this.code = code
  }
}
