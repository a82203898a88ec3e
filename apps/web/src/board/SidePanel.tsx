import { PanelLeftClose, PanelLeftOpen, PanelRightClose, PanelRightOpen } from 'lucide-react'
import { type ReactNode, useId } from 'react'
import { PanelResizeHandle } from './PanelResizeHandle.tsx'
import { usePanelWidth } from './panelWidth.ts'
import { usePersistentFlag } from './persistentFlag.ts'

interface Props {
  side: 'left' | 'right'
  title: string
  /**
   * Names the panel in localStorage, so it stays open or collapsed, and as wide as it was dragged,
   * across reloads and sessions.
   */
  id: string
  children: ReactNode
  defaultOpen?: boolean
  /** Something in the panel is worth a look (e.g. a component is selected): the collapsed rail says so. */
  attention?: boolean
}

/**
 * A collapsible area at the board's edge (scenario brief on the left, inspector on the right),
 * widened or narrowed by dragging its inner edge; the board beside it resizes with it.
 */
export function SidePanel({ side, title, id, children, defaultOpen = true, attention = false }: Props) {
  const [open, setOpen] = usePersistentFlag(`panel.${id}.open`, defaultOpen)
  const [width, setWidth] = usePanelWidth(id)
  const contentId = useId()
  const Close = side === 'left' ? PanelLeftClose : PanelRightClose
  const Open = side === 'left' ? PanelLeftOpen : PanelRightOpen
  if (!open) {
    return (
      <aside
        className={`board-side board-side--${side} board-side--${id} board-side--collapsed${attention ? ' board-side--attention' : ''}`}
        aria-label={title}
        data-testid={`panel-${id}`}
        data-open="false"
      >
        <button
          type="button"
          className="board-side__toggle"
          aria-expanded={false}
          aria-controls={contentId}
          onClick={() => setOpen(true)}
          title={`Show ${title}`}
          aria-label={`Show ${title}`}
        >
          <Open size={16} aria-hidden />
          <span className="board-side__rail-label">{title}</span>
        </button>
      </aside>
    )
  }
  return (
    <aside
      className={`board-side board-side--${side} board-side--${id} board-side--resizable`}
      aria-label={title}
      data-testid={`panel-${id}`}
      data-open="true"
      style={width === null ? undefined : { width }}
    >
      <div className="board-side__header">
        <h2>{title}</h2>
        <button
          type="button"
          className="board-side__toggle"
          aria-expanded
          aria-controls={contentId}
          onClick={() => setOpen(false)}
          title={`Hide ${title}`}
        >
          <Close size={16} aria-hidden />
          <span className="sb-visually-hidden">Hide {title}</span>
        </button>
      </div>
      <div className="board-side__content" id={contentId}>
        {children}
      </div>
      <PanelResizeHandle side={side} title={title} controls={contentId} onResize={setWidth} />
    </aside>
  )
}
