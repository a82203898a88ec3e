import { describe, expect, it } from 'vitest'
import { colourFor, displayName, getBrowserUserId, initials } from './identity.ts'

function memoryStorage() {
  const data = new Map<string, string>()
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  }
}

describe('identity', () => {
  it('keeps one user id per browser', () => {
    const storage = memoryStorage()
    const first = getBrowserUserId(storage)
    expect(first).toMatch(/^[a-f0-9]{24}$/)
    expect(getBrowserUserId(storage)).toBe(first)
    expect(getBrowserUserId(memoryStorage())).not.toBe(first)
  })

  it('replaces a stored id that is not a valid user id', () => {
    const storage = memoryStorage()
    storage.setItem('scaleboard.userId', 'not valid!')
    expect(getBrowserUserId(storage)).toMatch(/^[a-f0-9]{24}$/)
  })

  it('names the candidate by name, everyone else by role', () => {
    expect(displayName('candidate', 'Ada Lovelace')).toBe('Ada Lovelace')
    expect(displayName('candidate', null)).toBe('Candidate')
    expect(displayName('interviewer', 'Ada Lovelace')).toBe('Interviewer')
  })

  it('gives roles different colours, stable per user', () => {
    expect(colourFor('candidate', 'u1')).toBe(colourFor('candidate', 'u1'))
    expect(colourFor('candidate', 'u1')).not.toBe(colourFor('interviewer', 'u1'))
  })

  it('makes initials', () => {
    expect(initials('Ada Lovelace')).toBe('AL')
    expect(initials('Interviewer')).toBe('IN')
    expect(initials('  ')).toBe('?')
  })
})
