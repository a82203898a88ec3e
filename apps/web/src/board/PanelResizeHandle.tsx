import {
  type KeyboardEvent,
  type PointerEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react'
import { clampWidth, panelWidthBounds, type WidthBounds, widthForKey } from './panelWidth.ts'
import './sidePanel.css'

interface Props {
  side: 'left' | 'right'
  /** the panel's title, to name the separator */
  title: string
  /** what the separator resizes */
  controls: string
  /** show a width; store it too unless `persist` is false (mid-drag). null: back to the default */
  onResize: (width: number | null, persist?: boolean) => void
}

/** The other side panels' widths: the board keeps its minimum beside all of them. */
function boundsFor(panel: HTMLElement): WidthBounds {
  let others = 0
  for (const sibling of panel.parentElement?.children ?? [])
    if (sibling !== panel && sibling.classList.contains('board-side'))
      others += sibling.getBoundingClientRect().width
  return panelWidthBounds(window.innerWidth, others)
}

/**
 * The inner edge of the panel it is placed in, as a window splitter: drag it (pointer capture keeps
 * the drag when the pointer outruns it), or focus it and use the arrows (Shift for bigger steps),
 * Home and End. A double click goes back to the default width.
 */
export function PanelResizeHandle({ side, title, controls, onResize }: Props) {
  const handle = useRef<HTMLDivElement>(null)
  const panelOf = useCallback(() => handle.current?.parentElement ?? null, [])
  const [width, setWidth] = useState<number | null>(null)
  const [bounds, setBounds] = useState<WidthBounds>(() => panelWidthBounds(window.innerWidth))
  const drag = useRef<{
    pointerId: number
    startX: number
    startWidth: number
    bounds: WidthBounds
    width: number
  } | null>(null)
  const [dragging, setDragging] = useState(false)

  // The value the separator reports is the width the panel really has (the stylesheet's default,
  // a stored width, or what the window leaves it), kept up to date as it changes.
  const measure = useCallback(() => {
    const element = panelOf()
    if (!element) return
    setWidth(Math.round(element.getBoundingClientRect().width))
    setBounds(boundsFor(element))
  }, [panelOf])
  useLayoutEffect(() => {
    const element = panelOf()
    if (!element) return
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    window.addEventListener('resize', measure)
    return () => {
      observer.disconnect()
      window.removeEventListener('resize', measure)
    }
  }, [panelOf, measure])

  const endDrag = () => {
    const current = drag.current
    if (!current) return
    drag.current = null
    setDragging(false)
    document.documentElement.classList.remove('sb-panel-resizing')
    onResize(current.width)
  }
  useEffect(() => () => document.documentElement.classList.remove('sb-panel-resizing'), [])

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const element = panelOf()
    if (e.button !== 0 || !element) return
    e.preventDefault()
    e.currentTarget.focus()
    e.currentTarget.setPointerCapture(e.pointerId)
    const startWidth = element.getBoundingClientRect().width
    drag.current = {
      pointerId: e.pointerId,
      startX: e.clientX,
      startWidth,
      bounds: boundsFor(element),
      width: startWidth,
    }
    setDragging(true)
    document.documentElement.classList.add('sb-panel-resizing')
  }
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const current = drag.current
    if (!current || e.pointerId !== current.pointerId) return
    const dx = e.clientX - current.startX
    current.width = clampWidth(current.startWidth + (side === 'left' ? dx : -dx), current.bounds)
    onResize(current.width, false)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const element = panelOf()
    if (!element) return
    const next = widthForKey(
      e.key,
      e.shiftKey,
      element.getBoundingClientRect().width,
      boundsFor(element),
      side,
    )
    if (next === null) return
    e.preventDefault()
    onResize(next)
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable window splitter has no HTML element; <hr> cannot take focus or a value
    <div
      ref={handle}
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${title}`}
      aria-controls={controls}
      aria-valuenow={width ?? undefined}
      aria-valuemin={bounds.min}
      aria-valuemax={bounds.max}
      aria-valuetext={width === null ? undefined : `${width} pixels wide`}
      tabIndex={0}
      className={`panel-resize panel-resize--${side}`}
      data-dragging={dragging || undefined}
      title="Drag to resize; double-click for the default width"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onLostPointerCapture={endDrag}
      onKeyDown={onKeyDown}
      onDoubleClick={() => onResize(null)}
    />
  )
}
