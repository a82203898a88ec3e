import type { ReactNode } from 'react'
import { SidePanel } from './SidePanel.tsx'

export interface PanelSlot {
  title: string
  /** localStorage name of the panel's open / collapsed state */
  id: string
  content: ReactNode
  /** open on first visit (later visits remember the user's choice) */
  defaultOpen?: boolean
  /** highlight the collapsed panel: it has something to show */
  attention?: boolean
}

interface Props {
  topBar: ReactNode
  /** Scenario brief. No slot, no panel: the board takes the room. */
  left?: PanelSlot
  /** Inspector (later also checklist and notes). */
  right?: PanelSlot
  /** Under the board, beside tldraw's own toolbar: the component palette. */
  bottom?: ReactNode
  /** Messages over the top of the board (connection problems); never block it. */
  banners?: ReactNode
  children: ReactNode
}

/** One screen: top bar, the board in the middle, collapsible panels at its edges. */
export function BoardLayout({ topBar, left, right, bottom, banners, children }: Props) {
  return (
    <div className="board-page">
      {topBar}
      <div className="board-body">
        {left && (
          <SidePanel
            side="left"
            title={left.title}
            id={left.id}
            defaultOpen={left.defaultOpen}
            attention={left.attention}
          >
            {left.content}
          </SidePanel>
        )}
        <div className="board-centre">
          <main className="board-canvas" aria-label="Board">
            <div className="board-banners">{banners}</div>
            {children}
          </main>
          {bottom}
        </div>
        {right && (
          <SidePanel
            side="right"
            title={right.title}
            id={right.id}
            defaultOpen={right.defaultOpen}
            attention={right.attention}
          >
            {right.content}
          </SidePanel>
        )}
      </div>
    </div>
  )
}
