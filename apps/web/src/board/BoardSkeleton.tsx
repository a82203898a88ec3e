import type { ReactNode } from 'react'

/** What the board page shows while the link is checked and the board's first sync runs. */
export function BoardSkeleton({ title, children }: { title?: string; children?: ReactNode }) {
  return (
    <div className="board-page board-skeleton" aria-busy="true">
      <header className="board-topbar">
        <div className="board-topbar__title">
          <img src="/favicon.svg" alt="Scaleboard" className="board-topbar__logo" />
          {title ? <h1>{title}</h1> : <span className="board-skeleton__bar board-skeleton__bar--title" />}
        </div>
        <div className="board-topbar__center" />
        <div className="board-topbar__status">
          <span className="board-skeleton__bar board-skeleton__bar--pill" />
          {children}
        </div>
      </header>
      <div className="board-body">
        <div className="board-canvas board-skeleton__canvas">
          <div className="board-skeleton__tools" />
          <div className="board-skeleton__shape board-skeleton__shape--a" />
          <div className="board-skeleton__shape board-skeleton__shape--b" />
          <div className="board-skeleton__shape board-skeleton__shape--c" />
          <p className="board-skeleton__label" role="status">
            Loading the board…
          </p>
        </div>
      </div>
    </div>
  )
}
