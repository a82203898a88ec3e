import type { ComponentKind } from '@scaleboard/schema'
import {
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent as ReactPointerEvent,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react'
import { type Editor, type TLShapeId, useValue } from 'tldraw'
import type { CatalogueEntry } from '../catalogue/componentCatalogue.ts'
import { searchCatalogue } from '../catalogue/searchCatalogue.ts'
import { getComponentIcon } from './icons.ts'
import { placeComponent } from './placeComponent.ts'
import './components.css'

export interface ComponentPaletteProps {
  editor: Editor
  /** 'horizontal' for a bottom bar (default), 'vertical' for a side panel */
  orientation?: 'horizontal' | 'vertical'
  /** called after a component was placed on the canvas */
  onPlace?: (id: TLShapeId, kind: ComponentKind) => void
  className?: string
}

/** Pointer travel before a press on an item becomes a drag rather than a click. */
const DRAG_THRESHOLD_PX = 5

type DragState =
  | { phase: 'idle' }
  | { phase: 'pressed'; kind: ComponentKind; pointerId: number; startX: number; startY: number }
  | { phase: 'dragging'; kind: ComponentKind; pointerId: number; x: number; y: number; overCanvas: boolean }

/** Hands the keyboard to the canvas, so Delete or the arrow keys act on what was just placed. */
function focusCanvas(editor: Editor) {
  editor.getContainer().focus()
  editor.focus()
}

/** True when a screen point is over tldraw's canvas itself, not over its UI or another panel. */
function isOverCanvas(editor: Editor, x: number, y: number): boolean {
  const element = document.elementFromPoint(x, y)
  return !!element && editor.getContainer().contains(element) && !!element.closest('.tl-canvas')
}

/**
 * The component library: grouped, searchable, and operable three ways. Click (or Enter / Space)
 * places a component at the centre of the view; dragging an item onto the canvas places it where
 * it is dropped; arrow keys move between items, Home / End jump to the ends. In the search box,
 * Arrow Down enters the list and Enter places the first match.
 */
export function ComponentPalette({
  editor,
  orientation = 'horizontal',
  onPlace,
  className,
}: ComponentPaletteProps) {
  const [query, setQuery] = useState('')
  const [activeKind, setActiveKind] = useState<ComponentKind | null>(null)
  const [drag, setDrag] = useState<DragState>({ phase: 'idle' })
  const dragRef = useRef<DragState>(drag)
  const suppressClickRef = useRef(false)
  const itemRefs = useRef(new Map<ComponentKind, HTMLButtonElement>())
  const searchRef = useRef<HTMLInputElement>(null)
  const readonly = useValue('palette readonly', () => editor.getIsReadonly(), [editor])
  const searchId = useId()

  const groups = useMemo(() => searchCatalogue(query), [query])
  const visible = useMemo(() => groups.flatMap((g) => g.entries), [groups])
  const focusKind = visible.some((e) => e.kind === activeKind) ? activeKind : (visible[0]?.kind ?? null)

  const updateDrag = useCallback((next: DragState) => {
    dragRef.current = next
    setDrag(next)
  }, [])

  const place = useCallback(
    (kind: ComponentKind, point?: { x: number; y: number }) => {
      const id = placeComponent(editor, kind, point)
      if (id) onPlace?.(id, kind)
      return id
    },
    [editor, onPlace],
  )

  // While an item is pressed, follow the pointer over the whole window (capture phase, so the
  // canvas can't swallow the events) and drop or cancel on release / Escape.
  const dragPhase = drag.phase
  useEffect(() => {
    if (dragPhase === 'idle') return
    const onMove = (e: PointerEvent) => {
      const state = dragRef.current
      if (state.phase === 'idle' || e.pointerId !== state.pointerId) return
      if (state.phase === 'pressed') {
        const distance = Math.hypot(e.clientX - state.startX, e.clientY - state.startY)
        if (distance < DRAG_THRESHOLD_PX) return
      }
      updateDrag({
        phase: 'dragging',
        kind: state.kind,
        pointerId: state.pointerId,
        x: e.clientX,
        y: e.clientY,
        overCanvas: isOverCanvas(editor, e.clientX, e.clientY),
      })
    }
    const onUp = (e: PointerEvent) => {
      const state = dragRef.current
      if (state.phase === 'idle' || e.pointerId !== state.pointerId) return
      updateDrag({ phase: 'idle' })
      if (state.phase !== 'dragging') return
      // the press turned into a drag: the click that follows must not place a second component
      suppressClickRef.current = true
      if (isOverCanvas(editor, e.clientX, e.clientY)) {
        const id = place(state.kind, editor.screenToPage({ x: e.clientX, y: e.clientY }))
        if (id) focusCanvas(editor)
      }
    }
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape') return
      e.stopPropagation()
      if (dragRef.current.phase === 'dragging') suppressClickRef.current = true
      updateDrag({ phase: 'idle' })
    }
    const onCancel = () => updateDrag({ phase: 'idle' })
    window.addEventListener('pointermove', onMove, true)
    window.addEventListener('pointerup', onUp, true)
    window.addEventListener('pointercancel', onCancel, true)
    window.addEventListener('keydown', onKey, true)
    return () => {
      window.removeEventListener('pointermove', onMove, true)
      window.removeEventListener('pointerup', onUp, true)
      window.removeEventListener('pointercancel', onCancel, true)
      window.removeEventListener('keydown', onKey, true)
    }
  }, [dragPhase, editor, place, updateDrag])

  const focusItem = (kind: ComponentKind | undefined) => {
    if (!kind) return
    setActiveKind(kind)
    itemRefs.current.get(kind)?.focus()
  }

  const onItemKeyDown = (e: KeyboardEvent<HTMLButtonElement>, kind: ComponentKind) => {
    const i = visible.findIndex((entry) => entry.kind === kind)
    const moves: Record<string, number | undefined> = {
      ArrowRight: i + 1,
      ArrowDown: i + 1,
      ArrowLeft: i - 1,
      ArrowUp: i - 1,
      Home: 0,
      End: visible.length - 1,
    }
    const target = moves[e.key]
    if (target !== undefined) {
      e.preventDefault()
      if (i === 0 && (e.key === 'ArrowUp' || e.key === 'ArrowLeft')) searchRef.current?.focus()
      else focusItem(visible[Math.max(0, Math.min(visible.length - 1, target))]?.kind)
    } else if (e.key === 'Escape') {
      e.preventDefault()
      searchRef.current?.focus()
    }
  }

  const onSearchKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      focusItem(visible[0]?.kind)
    } else if (e.key === 'Enter') {
      e.preventDefault()
      if (visible[0] && !readonly) place(visible[0].kind)
    } else if (e.key === 'Escape') {
      e.preventDefault()
      if (query) setQuery('')
      else focusCanvas(editor)
    }
  }

  const onItemPointerDown = (e: ReactPointerEvent<HTMLButtonElement>, kind: ComponentKind) => {
    if (readonly || e.button !== 0) return
    suppressClickRef.current = false
    updateDrag({ phase: 'pressed', kind, pointerId: e.pointerId, startX: e.clientX, startY: e.clientY })
  }

  const onItemClick = (e: MouseEvent<HTMLButtonElement>, kind: ComponentKind) => {
    setActiveKind(kind)
    // only a pointer click can be the tail of a drag; Enter / Space (detail 0) always place
    if (suppressClickRef.current && e.detail > 0) {
      suppressClickRef.current = false
      return
    }
    if (readonly) return
    const id = place(kind)
    // a mouse click hands the keyboard to the canvas (Delete, arrows act on the new shape);
    // Enter / Space (detail 0) keep focus here so several components can be added in a row
    if (id && e.detail > 0) focusCanvas(editor)
  }

  const dragged = drag.phase === 'dragging' ? visible.find((e) => e.kind === drag.kind) : undefined

  return (
    <section
      className={['sb-palette', `sb-palette--${orientation}`, className].filter(Boolean).join(' ')}
      aria-label="Component library"
      data-testid="component-palette"
    >
      <input
        id={searchId}
        ref={searchRef}
        className="sb-palette__search"
        type="search"
        placeholder="Search components"
        aria-label="Search components"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onSearchKeyDown}
        data-testid="palette-search"
      />
      {visible.length === 0 ? (
        <p className="sb-palette__empty" role="status">
          No component matches “{query.trim()}”.
        </p>
      ) : (
        <div
          className="sb-palette__groups"
          role="toolbar"
          aria-label="Components"
          aria-orientation={orientation}
        >
          {groups.map((group) => (
            <fieldset key={group.group} className="sb-palette__group">
              <legend className="sb-palette__group-label">{group.label}</legend>
              <div className="sb-palette__items">
                {group.entries.map((entry) => (
                  <PaletteItem
                    key={entry.kind}
                    entry={entry}
                    tabbable={entry.kind === focusKind}
                    disabled={readonly}
                    buttonRef={(el) => {
                      if (el) itemRefs.current.set(entry.kind, el)
                      else itemRefs.current.delete(entry.kind)
                    }}
                    onKeyDown={(e) => onItemKeyDown(e, entry.kind)}
                    onPointerDown={(e) => onItemPointerDown(e, entry.kind)}
                    onClick={(e) => onItemClick(e, entry.kind)}
                    onFocus={() => setActiveKind(entry.kind)}
                  />
                ))}
              </div>
            </fieldset>
          ))}
        </div>
      )}
      {readonly && <p className="sb-palette__note">View only: components can't be added.</p>}
      {dragged && drag.phase === 'dragging' && (
        <DragGhost entry={dragged} x={drag.x} y={drag.y} overCanvas={drag.overCanvas} />
      )}
    </section>
  )
}

interface PaletteItemProps {
  entry: CatalogueEntry
  tabbable: boolean
  disabled: boolean
  buttonRef: (el: HTMLButtonElement | null) => void
  onKeyDown: (e: KeyboardEvent<HTMLButtonElement>) => void
  onPointerDown: (e: ReactPointerEvent<HTMLButtonElement>) => void
  onClick: (e: MouseEvent<HTMLButtonElement>) => void
  onFocus: () => void
}

function PaletteItem({ entry, tabbable, disabled, buttonRef, ...handlers }: PaletteItemProps) {
  const Icon = getComponentIcon(entry.kind)
  return (
    <button
      ref={buttonRef}
      type="button"
      className={`sb-palette__item sb-group-${entry.group}`}
      tabIndex={tabbable ? 0 : -1}
      disabled={disabled}
      title={`${entry.description} Click to add at the centre, or drag onto the board.`}
      data-testid={`palette-item-${entry.kind}`}
      {...handlers}
    >
      <Icon size={16} strokeWidth={1.75} aria-hidden />
      {entry.label}
    </button>
  )
}

function DragGhost({
  entry,
  x,
  y,
  overCanvas,
}: {
  entry: CatalogueEntry
  x: number
  y: number
  overCanvas: boolean
}) {
  const Icon = getComponentIcon(entry.kind)
  return (
    <div
      className={`sb-palette__ghost sb-group-${entry.group}${overCanvas ? '' : ' sb-palette__ghost--outside'}`}
      style={{ left: x, top: y }}
      aria-hidden
    >
      <Icon size={16} strokeWidth={1.75} />
      {entry.label}
    </div>
  )
}
