import type { ReactNode } from 'react'
import { SidePanel } from './SidePanel.tsx'

export interface PanelSlot {
  title: string
  content: ReactNode
}

interface Props {
  topBar: ReactNode
  /** Scenario brief (later). No slot, no panel: the board takes the room. */
  left?: PanelSlot
  /** Inspector, checklist, notes (later). */
  right?: PanelSlot
  /** Messages over the top of the board (connection problems); never block it. */
  banners?: ReactNode
  children: ReactNode
}

/** One screen: top bar, the board in the middle, collapsible panels at its edges. */
export function BoardLayout({ topBar, left, right, banners, children }: Props) {
  return (
    <div className="board-page">
      {topBar}
      <div className="board-body">
        {left && (
          <SidePanel side="left" title={left.title}>
            {left.content}
          </SidePanel>
        )}
        <main className="board-canvas" aria-label="Board">
          <div className="board-banners">{banners}</div>
          {children}
        </main>
        {right && (
          <SidePanel side="right" title={right.title}>
            {right.content}
          </SidePanel>
        )}
      </div>
    </div>
  )
}
