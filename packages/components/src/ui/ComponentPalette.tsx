import type { ComponentKind } from '@scaleboard/schema'
import { ChevronDown, LayoutGrid } from 'lucide-react'
import {
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type PointerEvent as ReactPointerEvent,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { type Editor, type TLShapeId, useValue } from 'tldraw'
import type { CatalogueEntry } from '../catalogue/componentCatalogue.ts'
import { searchCatalogue } from '../catalogue/searchCatalogue.ts'
import { getComponentIcon } from './icons.ts'
import { isArrowKey, nextByArrow } from './paletteNavigation.ts'
import { placeComponent } from './placeComponent.ts'
import './components.css'

export interface ComponentPaletteProps {
  editor: Editor
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

/** The kinds in a one-line row that don't fit entirely: they wait in the drawer. */
function measureOverflow(
  list: HTMLElement,
  items: Map<ComponentKind, HTMLButtonElement>,
): Set<ComponentKind> {
  const right = list.getBoundingClientRect().right + 0.5
  const hidden = new Set<ComponentKind>()
  for (const [kind, item] of items) if (item.getBoundingClientRect().right > right) hidden.add(kind)
  return hidden
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x))
}

/**
 * The component library, made for a bar under the board: a search box, one row of the components
 * that fit, and "All components", which opens every group as a grid above the bar (typing a search
 * opens it too, showing the matches). Click (or Enter / Space) places a component at the centre
 * of the view; dragging an item onto the canvas places it where it is dropped. Arrow keys move
 * between items as they are laid out, Home / End jump to the ends; in the search box Arrow Down
 * enters the list and Enter places the first match. Escape steps back: out of the list to the
 * search box or the button that opened it, then closes the grid.
 */
export function ComponentPalette({ editor, onPlace, className }: ComponentPaletteProps) {
  const [query, setQuery] = useState('')
  const [open, setOpen] = useState(false)
  const [activeKind, setActiveKind] = useState<ComponentKind | null>(null)
  const [overflow, setOverflow] = useState<ReadonlySet<ComponentKind>>(() => new Set())
  const [drag, setDrag] = useState<DragState>({ phase: 'idle' })
  const dragRef = useRef<DragState>(drag)
  const suppressClickRef = useRef(false)
  const itemRefs = useRef(new Map<ComponentKind, HTMLButtonElement>())
  const sectionRef = useRef<HTMLElement>(null)
  const listRef = useRef<HTMLDivElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const toggleRef = useRef<HTMLButtonElement>(null)
  const readonly = useValue('palette readonly', () => editor.getIsReadonly(), [editor])
  const listId = useId()

  const searching = query.trim() !== ''
  const expanded = open || searching
  const groups = useMemo(() => searchCatalogue(query), [query])
  const visible = useMemo(() => groups.flatMap((g) => g.entries), [groups])
  // the items the keyboard can reach: all of them in the grid, those that fit in the row
  const reachable = useMemo(
    () => (expanded ? visible : visible.filter((e) => !overflow.has(e.kind))),
    [expanded, visible, overflow],
  )
  const focusKind = reachable.some((e) => e.kind === activeKind) ? activeKind : (reachable[0]?.kind ?? null)

  // In the row, find what doesn't fit whenever the room changes (panels open, window resized).
  useLayoutEffect(() => {
    const list = listRef.current
    if (!list || expanded) return
    const update = () => {
      const next = measureOverflow(list, itemRefs.current)
      setOverflow((current) => (sameSet(current, next) ? current : next))
    }
    update()
    // the row's width, and each item's (fonts arriving late change them)
    const resize = new ResizeObserver(update)
    resize.observe(list)
    for (const item of itemRefs.current.values()) resize.observe(item)
    return () => resize.disconnect()
  }, [expanded])

  const updateDrag = useCallback((next: DragState) => {
    dragRef.current = next
    setDrag(next)
  }, [])

  const close = useCallback(() => {
    setOpen(false)
    setQuery('')
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
        if (id) {
          close()
          focusCanvas(editor)
        }
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
  }, [dragPhase, editor, place, updateDrag, close])

  // The grid is a passing thing: a press anywhere else (the canvas, a panel) puts it away.
  useEffect(() => {
    if (!expanded) return
    const onPointerDown = (e: PointerEvent) => {
      if (!sectionRef.current?.contains(e.target as Node)) close()
    }
    window.addEventListener('pointerdown', onPointerDown, true)
    return () => window.removeEventListener('pointerdown', onPointerDown, true)
  }, [expanded, close])

  const focusItem = (kind: ComponentKind | null | undefined) => {
    if (!kind) return
    setActiveKind(kind)
    itemRefs.current.get(kind)?.focus()
  }

  const openGrid = () => {
    setOpen(true)
    // once the grid is laid out, the keyboard goes into it
    requestAnimationFrame(() => focusItem(focusKind ?? visible[0]?.kind))
  }

  /** Escape from the list: to the search while a search is on, else closes the grid, else to the search. */
  const stepBack = () => {
    if (searching || !expanded) searchRef.current?.focus()
    else {
      setOpen(false)
      toggleRef.current?.focus()
    }
  }

  const onItemKeyDown = (e: KeyboardEvent<HTMLButtonElement>, kind: ComponentKind) => {
    const i = reachable.findIndex((entry) => entry.kind === kind)
    if (isArrowKey(e.key)) {
      e.preventDefault()
      const boxes = reachable.map((entry) => {
        const r = itemRefs.current.get(entry.kind)?.getBoundingClientRect()
        return r ?? { left: 0, top: 0, right: 0, bottom: 0 }
      })
      const next = nextByArrow(boxes, i, e.key)
      if (next >= 0) focusItem(reachable[next].kind)
      else if (e.key === 'ArrowLeft') searchRef.current?.focus()
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault()
      focusItem(reachable[e.key === 'Home' ? 0 : reachable.length - 1]?.kind)
    } else if (e.key === 'Escape') {
      e.preventDefault()
      stepBack()
    }
  }

  const onSearchKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      focusItem(focusKind)
    } else if (e.key === 'Enter') {
      e.preventDefault()
      if (visible[0] && !readonly) place(visible[0].kind)
    } else if (e.key === 'Escape') {
      e.preventDefault()
      if (query) setQuery('')
      else if (open) setOpen(false)
      else focusCanvas(editor)
    }
  }

  const onToggleKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'Escape' && expanded) {
      e.preventDefault()
      close()
    }
  }

  // Leaving the palette with the keyboard (Tab past its last control) closes the grid.
  const onBlur = (e: FocusEvent<HTMLElement>) => {
    const next = e.relatedTarget as Node | null
    if (expanded && next && !e.currentTarget.contains(next)) close()
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
    // a mouse click puts the grid away and hands the keyboard to the canvas (Delete, arrows act on
    // the new shape); Enter / Space (detail 0) keep both, so several can be added in a row
    if (id && e.detail > 0) {
      close()
      focusCanvas(editor)
    }
  }

  const dragged = drag.phase === 'dragging' ? visible.find((e) => e.kind === drag.kind) : undefined

  return (
    <section
      ref={sectionRef}
      className={[
        'sb-palette',
        expanded && 'sb-palette--expanded',
        dragged && 'sb-palette--dragging',
        className,
      ]
        .filter(Boolean)
        .join(' ')}
      aria-label="Component library"
      data-testid="component-palette"
      data-expanded={expanded}
      onBlur={onBlur}
    >
      <input
        ref={searchRef}
        className="sb-palette__search"
        type="search"
        placeholder="Search components"
        aria-label="Search components"
        aria-controls={listId}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onSearchKeyDown}
        data-testid="palette-search"
      />
      <div
        id={listId}
        ref={listRef}
        className="sb-palette__list"
        role="toolbar"
        aria-label={searching ? `Components matching “${query.trim()}”` : 'Components'}
        data-testid="palette-list"
      >
        {visible.length === 0 ? (
          <p className="sb-palette__empty" role="status">
            No component matches “{query.trim()}”.
          </p>
        ) : (
          groups.map((group) => (
            <PaletteGroup
              key={group.group}
              label={group.label}
              hidden={!expanded && group.entries.every((entry) => overflow.has(entry.kind))}
            >
              {group.entries.map((entry) => {
                const overflowed = !expanded && overflow.has(entry.kind)
                return (
                  <PaletteItem
                    key={entry.kind}
                    entry={entry}
                    tabbable={entry.kind === focusKind}
                    overflowed={overflowed}
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
                )
              })}
            </PaletteGroup>
          ))
        )}
      </div>
      {expanded && (
        <p className="sb-palette__hint">
          {readonly
            ? 'View only: components can’t be added.'
            : 'Click a component to add it at the centre, or drag it onto the board. Esc closes.'}
        </p>
      )}
      <button
        ref={toggleRef}
        type="button"
        className="sb-palette__toggle"
        aria-label={expanded ? 'Close all components' : 'Show all components'}
        aria-expanded={expanded}
        aria-controls={listId}
        onClick={() => (expanded ? close() : openGrid())}
        onKeyDown={onToggleKeyDown}
        data-testid="palette-toggle"
      >
        {expanded ? <ChevronDown size={15} aria-hidden /> : <LayoutGrid size={15} aria-hidden />}
        {expanded ? 'Close' : 'All components'}
        {!expanded && overflow.size > 0 && (
          <span className="sb-palette__count" title={`${overflow.size} more than fit here`}>
            +{overflow.size}
          </span>
        )}
      </button>
      {readonly && !expanded && <p className="sb-palette__note">View only: components can't be added.</p>}
      {dragged && drag.phase === 'dragging' && (
        <DragGhost entry={dragged} x={drag.x} y={drag.y} overCanvas={drag.overCanvas} />
      )}
    </section>
  )
}

function PaletteGroup({ label, hidden, children }: { label: string; hidden: boolean; children: ReactNode }) {
  return (
    <fieldset className="sb-palette__group" data-overflow={hidden || undefined}>
      <legend className="sb-palette__group-label">{label}</legend>
      <div className="sb-palette__items">{children}</div>
    </fieldset>
  )
}

interface PaletteItemProps {
  entry: CatalogueEntry
  tabbable: boolean
  /** in the row but past its end: kept in the layout (to measure) but out of sight and reach */
  overflowed: boolean
  disabled: boolean
  buttonRef: (el: HTMLButtonElement | null) => void
  onKeyDown: (e: KeyboardEvent<HTMLButtonElement>) => void
  onPointerDown: (e: ReactPointerEvent<HTMLButtonElement>) => void
  onClick: (e: MouseEvent<HTMLButtonElement>) => void
  onFocus: () => void
}

function PaletteItem({ entry, tabbable, overflowed, disabled, buttonRef, ...handlers }: PaletteItemProps) {
  const Icon = getComponentIcon(entry.kind)
  return (
    <button
      ref={buttonRef}
      type="button"
      className={`sb-palette__item sb-group-${entry.group}`}
      tabIndex={tabbable && !overflowed ? 0 : -1}
      disabled={disabled}
      data-overflow={overflowed || undefined}
      aria-hidden={overflowed || undefined}
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
