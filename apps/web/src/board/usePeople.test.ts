import { describe, expect, it } from 'vitest'
import { withChosenName } from './displayName.ts'
import { peopleFromAwareness } from './usePeople.ts'

const self = { id: 'me', name: 'Ada Lovelace', color: '#1d4ed8', role: 'candidate' }

describe('peopleFromAwareness', () => {
  it('lists the local user first, then each other person once', () => {
    const states = new Map<number, unknown>([
      [1, { user: self }],
      [2, { user: { id: 'int', name: 'Interviewer', color: '#c2410c', role: 'interviewer' } }],
      [3, { user: { id: 'int', name: 'Interviewer', color: '#c2410c', role: 'interviewer' } }],
      [4, {}],
      [5, { user: { id: 'obs', name: 'Observer', color: '#6d28d9', role: 'observer' }, presence: null }],
    ])
    expect(peopleFromAwareness(states, self).map((p) => [p.name, p.isSelf])).toEqual([
      ['Ada Lovelace', true],
      ['Interviewer', false],
      ['Observer', false],
    ])
  })
})

describe('withChosenName', () => {
  const interviewer = { id: 'int', name: 'Interviewer', color: '#c2410c', role: 'interviewer' }

  it('renames the interviewer, and back to the role when the name is cleared', () => {
    expect(withChosenName(interviewer, 'Grace Hopper')).toEqual({ ...interviewer, name: 'Grace Hopper' })
    expect(withChosenName({ ...interviewer, name: 'Grace Hopper' }, null).name).toBe('Interviewer')
    expect(withChosenName(interviewer, null)).toBe(interviewer)
  })

  it('never renames the candidate (the organiser names them) or an observer', () => {
    expect(withChosenName(self, 'Grace Hopper')).toBe(self)
    const observer = { id: 'obs', name: 'Observer', color: '#6d28d9', role: 'observer' }
    expect(withChosenName(observer, 'Grace Hopper')).toBe(observer)
  })
})
