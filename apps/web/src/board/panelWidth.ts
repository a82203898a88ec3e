import { useCallback, useState } from 'react'
import { readSetting, removeSetting, writeSetting } from '../localSettings.ts'

const PREFIX = 'scaleboard.'

/** How wide a side panel may be dragged, in CSS pixels. */
export const PANEL_WIDTH = {
  min: 240,
  max: 720,
  /** never more of the window than this */
  maxShareOfWindow: 0.6,
  /** the board keeps at least this much width beside the panels */
  minBoard: 360,
  /** one arrow key press; with Shift, four */
  step: 16,
} as const

export interface WidthBounds {
  min: number
  max: number
}

/**
 * The widths a panel may take in a window this wide, beside other panels this wide: at most 720 px,
 * 60% of the window, and what leaves the board its minimum; never less than the minimum.
 */
export function panelWidthBounds(windowWidth: number, otherPanelsWidth = 0): WidthBounds {
  const max = Math.min(
    PANEL_WIDTH.max,
    Math.floor(windowWidth * PANEL_WIDTH.maxShareOfWindow),
    windowWidth - otherPanelsWidth - PANEL_WIDTH.minBoard,
  )
  return { min: PANEL_WIDTH.min, max: Math.max(PANEL_WIDTH.min, max) }
}

export function clampWidth(width: number, { min, max }: WidthBounds): number {
  return Math.round(Math.min(max, Math.max(min, width)))
}

/**
 * The width a key asks for, or null for a key that does not resize. The separator moves with the
 * arrows: on a left panel ArrowRight widens it, on a right panel ArrowLeft does.
 */
export function widthForKey(
  key: string,
  shiftKey: boolean,
  width: number,
  bounds: WidthBounds,
  side: 'left' | 'right',
): number | null {
  const step = PANEL_WIDTH.step * (shiftKey ? 4 : 1)
  const outward = side === 'left' ? 'ArrowRight' : 'ArrowLeft'
  const inward = side === 'left' ? 'ArrowLeft' : 'ArrowRight'
  switch (key) {
    case outward:
      return clampWidth(width + step, bounds)
    case inward:
      return clampWidth(width - step, bounds)
    case 'Home':
      return bounds.min
    case 'End':
      return bounds.max
    default:
      return null
  }
}

/** A stored width in pixels, or null when none is stored (the panel keeps its default). */
export function readWidth(key: string, storage: Pick<Storage, 'getItem'> = localStorage): number | null {
  const value = Number(readSetting(PREFIX + key, storage))
  return Number.isFinite(value) && value > 0 ? Math.round(value) : null
}

export function writeWidth(
  key: string,
  width: number | null,
  storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage,
): void {
  if (width === null) removeSetting(PREFIX + key, storage)
  else writeSetting(PREFIX + key, String(Math.round(width)), storage)
}

/**
 * A panel's width chosen by dragging, kept in localStorage under `panel.<id>.width`; null means
 * the default from the stylesheet. `set` shows a width at once and, unless `persist` is false
 * (mid-drag), stores it.
 */
export function usePanelWidth(
  id: string,
): [number | null, (width: number | null, persist?: boolean) => void] {
  const key = `panel.${id}.width`
  const [width, setWidth] = useState(() => readWidth(key))
  const set = useCallback(
    (next: number | null, persist = true) => {
      setWidth(next)
      if (persist) writeWidth(key, next)
    },
    [key],
  )
  return [width, set]
}
