/** What the replay shows while the link is checked and the session's logs download. */
export function ReplaySkeleton({ title, label = 'Loading the replay…' }: { title?: string; label?: string }) {
  return (
    <div className="board-page board-skeleton replay-skeleton" aria-busy="true">
      <header className="board-topbar">
        <div className="board-topbar__title">
          <img src="/favicon.svg" alt="Scaleboard" className="board-topbar__logo" />
          {title ? <h1>{title}</h1> : <span className="board-skeleton__bar board-skeleton__bar--title" />}
          <span className="replay-badge">Replay</span>
        </div>
        <div className="board-topbar__center" />
        <div className="board-topbar__status">
          <span className="board-skeleton__bar board-skeleton__bar--pill" />
        </div>
      </header>
      <div className="board-body">
        <div className="board-canvas board-skeleton__canvas">
          <div className="board-skeleton__shape board-skeleton__shape--a" />
          <div className="board-skeleton__shape board-skeleton__shape--b" />
          <div className="board-skeleton__shape board-skeleton__shape--c" />
          <p className="board-skeleton__label" role="status" data-testid="replay-loading">
            {label}
          </p>
        </div>
      </div>
      <div className="replay-skeleton__timeline" />
    </div>
  )
}
