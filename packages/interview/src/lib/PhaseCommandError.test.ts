import { describe, expect, it } from 'vitest'
import { PhaseCommandError } from './PhaseCommandError.ts'

describe('PhaseCommandError', () => {
  it('is an Error with a name, a message and a code from the closed set', () => {
    const error = new PhaseCommandError('not_paused', 'The design clock is not paused.')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('PhaseCommandError')
    expect(error.code).toBe('not_paused')
    expect(error.message).toBe('The design clock is not paused.')
  })
})
