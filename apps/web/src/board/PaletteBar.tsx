import { ComponentPalette } from '@scaleboard/components'
import { useCallback, useEffect, useRef, type WheelEvent } from 'react'
import type { Editor, TLShapeId } from 'tldraw'
import { moveBesideReference, moveClearOfOthers } from './besideReference.ts'

const GROUPS = '.sb-palette__groups'

/**
 * The component library in a bar under the board, beside tldraw's own toolbar (never over it).
 * Rendered before the editor exists so the board doesn't change size when the palette arrives.
 */
export function PaletteBar({ editor }: { editor: Editor | null }) {
  const barRef = useRef<HTMLDivElement>(null)
  const onPlace = useCallback(
    (id: TLShapeId) => editor && (moveBesideReference(editor, [id]) || moveClearOfOthers(editor, id)),
    [editor],
  )

  // The groups scroll sideways when the bar is narrow: fade the edge that has more behind it.
  useEffect(() => {
    const bar = barRef.current
    if (!bar || !editor) return
    const update = () => {
      const groups = bar.querySelector<HTMLElement>(GROUPS)
      const left = !!groups && groups.scrollLeft > 1
      const right = !!groups && groups.scrollLeft + groups.clientWidth < groups.scrollWidth - 1
      bar.dataset.more = left && right ? 'both' : left ? 'left' : right ? 'right' : 'none'
    }
    update()
    const resize = new ResizeObserver(update)
    resize.observe(bar)
    // scroll doesn't bubble, but a capturing listener on the bar hears it; typing a search changes the list
    const afterRender = () => requestAnimationFrame(update)
    bar.addEventListener('scroll', update, true)
    bar.addEventListener('input', afterRender)
    return () => {
      resize.disconnect()
      bar.removeEventListener('scroll', update, true)
      bar.removeEventListener('input', afterRender)
    }
  }, [editor])

  // A mouse wheel scrolls vertically; the palette's groups scroll sideways.
  const onWheel = (e: WheelEvent<HTMLDivElement>) => {
    const groups = (e.target as HTMLElement).closest<HTMLElement>(GROUPS)
    if (groups && e.deltaY !== 0 && Math.abs(e.deltaY) > Math.abs(e.deltaX)) groups.scrollLeft += e.deltaY
  }

  return (
    <div className="board-palette" ref={barRef} onWheel={onWheel} data-testid="palette-bar">
      {editor && <ComponentPalette editor={editor} orientation="horizontal" onPlace={onPlace} />}
    </div>
  )
}
