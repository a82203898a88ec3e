import { PanelLeftClose, PanelLeftOpen, PanelRightClose, PanelRightOpen } from 'lucide-react'
import { type ReactNode, useId, useState } from 'react'

interface Props {
  side: 'left' | 'right'
  title: string
  children: ReactNode
  defaultOpen?: boolean
}

/** A collapsible area at the board's edge (scenario brief on the left, inspector on the right). */
export function SidePanel({ side, title, children, defaultOpen = true }: Props) {
  const [open, setOpen] = useState(defaultOpen)
  const contentId = useId()
  const Close = side === 'left' ? PanelLeftClose : PanelRightClose
  const Open = side === 'left' ? PanelLeftOpen : PanelRightOpen
  if (!open) {
    return (
      <aside className={`board-side board-side--${side} board-side--collapsed`} aria-label={title}>
        <button
          type="button"
          className="board-side__toggle"
          aria-expanded={false}
          aria-controls={contentId}
          onClick={() => setOpen(true)}
          title={`Show ${title}`}
        >
          <Open size={16} aria-hidden />
          <span className="board-side__rail-label">{title}</span>
        </button>
      </aside>
    )
  }
  return (
    <aside className={`board-side board-side--${side}`} aria-label={title}>
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
    </aside>
  )
}
