import { describe, expect, it } from 'vitest'
import { memoryStorage } from '../testing/memoryStorage.ts'
import { clampWidth, panelWidthBounds, readWidth, widthForKey, writeWidth } from './panelWidth.ts'

describe('panel width bounds', () => {
  it('caps a panel at 720 px, at 60% of the window, and where the board keeps 360 px', () => {
    expect(panelWidthBounds(1920)).toEqual({ min: 240, max: 720 })
    expect(panelWidthBounds(1000)).toEqual({ min: 240, max: 600 })
    expect(panelWidthBounds(1280, 700)).toEqual({ min: 240, max: 240 })
    expect(panelWidthBounds(1280, 256)).toEqual({ min: 240, max: 664 })
    // a window too small for any drag keeps the minimum
    expect(panelWidthBounds(300)).toEqual({ min: 240, max: 240 })
  })

  it('clamps and rounds', () => {
    const bounds = { min: 240, max: 720 }
    expect(clampWidth(100, bounds)).toBe(240)
    expect(clampWidth(1000, bounds)).toBe(720)
    expect(clampWidth(400.4, bounds)).toBe(400)
  })
})

describe('widthForKey', () => {
  const bounds = { min: 240, max: 720 }

  it('moves the separator with the arrows: outward widens, inward narrows, in steps', () => {
    expect(widthForKey('ArrowRight', false, 340, bounds, 'left')).toBe(356)
    expect(widthForKey('ArrowLeft', false, 340, bounds, 'left')).toBe(324)
    expect(widthForKey('ArrowRight', true, 340, bounds, 'left')).toBe(404)
    expect(widthForKey('ArrowLeft', false, 280, bounds, 'right')).toBe(296)
    expect(widthForKey('ArrowRight', false, 280, bounds, 'right')).toBe(264)
  })

  it('goes to the ends with Home and End, stays within bounds, and ignores other keys', () => {
    expect(widthForKey('Home', false, 500, bounds, 'left')).toBe(240)
    expect(widthForKey('End', false, 500, bounds, 'left')).toBe(720)
    expect(widthForKey('ArrowRight', false, 715, bounds, 'left')).toBe(720)
    expect(widthForKey('ArrowLeft', false, 245, bounds, 'left')).toBe(240)
    expect(widthForKey('Enter', false, 500, bounds, 'left')).toBeNull()
  })
})

describe('stored widths', () => {
  it('reads back what was written, per panel, and forgets on null', () => {
    const storage = memoryStorage()
    expect(readWidth('panel.brief.width', storage)).toBeNull()
    writeWidth('panel.brief.width', 512.3, storage)
    expect(storage.data.get('scaleboard.panel.brief.width')).toBe('512')
    expect(readWidth('panel.brief.width', storage)).toBe(512)
    expect(readWidth('panel.inspector.width', storage)).toBeNull()
    writeWidth('panel.brief.width', null, storage)
    expect(readWidth('panel.brief.width', storage)).toBeNull()
  })

  it('ignores junk and storage that throws', () => {
    const storage = memoryStorage()
    storage.data.set('scaleboard.panel.brief.width', 'wide')
    expect(readWidth('panel.brief.width', storage)).toBeNull()
    const broken = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('denied')
      },
      removeItem: () => {
        throw new Error('denied')
      },
    }
    expect(readWidth('panel.brief.width', broken)).toBeNull()
    expect(() => writeWidth('panel.brief.width', 400, broken)).not.toThrow()
  })
})
