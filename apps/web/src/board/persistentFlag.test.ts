import { describe, expect, it } from 'vitest'
import { memoryStorage } from '../testing/memoryStorage.ts'
import { readFlag, writeFlag } from './persistentFlag.ts'

describe('persistent flags', () => {
  it('reads back what was written, and the default otherwise', () => {
    const storage = memoryStorage()
    expect(readFlag('panel.brief.open', true, storage)).toBe(true)
    writeFlag('panel.brief.open', false, storage)
    expect(storage.data.get('scaleboard.panel.brief.open')).toBe('0')
    expect(readFlag('panel.brief.open', true, storage)).toBe(false)
    writeFlag('panel.brief.open', true, storage)
    expect(readFlag('panel.brief.open', false, storage)).toBe(true)
  })

  it('falls back when storage holds junk or throws', () => {
    const storage = memoryStorage()
    storage.data.set('scaleboard.x', 'maybe')
    expect(readFlag('x', true, storage)).toBe(true)
    const broken = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('denied')
      },
    }
    expect(readFlag('x', false, broken)).toBe(false)
    expect(() => writeFlag('x', true, broken)).not.toThrow()
  })
})
