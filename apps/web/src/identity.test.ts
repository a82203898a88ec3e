import { describe, expect, it } from 'vitest'
import {
  cleanDisplayName,
  colourFor,
  DISPLAY_NAME_MAX_LENGTH,
  displayName,
  getBrowserUserId,
  getOwnDisplayName,
  initials,
  setOwnDisplayName,
} from './identity.ts'
import { memoryStorage } from './testing/memoryStorage.ts'

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

  it("uses the interviewer's chosen name, and only the interviewer's", () => {
    expect(displayName('interviewer', 'Ada Lovelace', 'Grace Hopper')).toBe('Grace Hopper')
    expect(displayName('interviewer', null, null)).toBe('Interviewer')
    expect(displayName('candidate', 'Ada Lovelace', 'Grace Hopper')).toBe('Ada Lovelace')
    expect(displayName('candidate', null, 'Grace Hopper')).toBe('Candidate')
    expect(displayName('observer', null, 'Grace Hopper')).toBe('Observer')
  })

  it('cleans a typed name: trimmed, single spaces, no control or direction characters, 40 at most', () => {
    expect(cleanDisplayName('  Grace   Hopper \n')).toBe('Grace Hopper')
    expect(cleanDisplayName('Grace\u202eHopper\u0000')).toBe('Grace Hopper')
    expect(cleanDisplayName('   ')).toBe('')
    const long = 'x'.repeat(60)
    expect(cleanDisplayName(long)).toHaveLength(DISPLAY_NAME_MAX_LENGTH)
    // counted in characters, so a name never ends in half an emoji
    const emoji = cleanDisplayName('🙂'.repeat(45))
    expect(Array.from(emoji)).toHaveLength(DISPLAY_NAME_MAX_LENGTH)
    expect(emoji).toBe('🙂'.repeat(DISPLAY_NAME_MAX_LENGTH))
    expect(cleanDisplayName(`${'a'.repeat(39)} b`)).toBe('a'.repeat(39))
  })

  it('keeps the chosen name in the browser, and forgets it when emptied', () => {
    const storage = memoryStorage()
    expect(getOwnDisplayName(storage)).toBeNull()
    expect(setOwnDisplayName('  Grace  Hopper ', storage)).toBe('Grace Hopper')
    expect(getOwnDisplayName(storage)).toBe('Grace Hopper')
    expect(setOwnDisplayName('   ', storage)).toBeNull()
    expect(getOwnDisplayName(storage)).toBeNull()
    storage.setItem('scaleboard.displayName', '\u0000 ')
    expect(getOwnDisplayName(storage)).toBeNull()
    expect(getOwnDisplayName(null)).toBeNull()
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
