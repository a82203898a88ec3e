import { RefreshCw, TriangleAlert, WifiOff } from 'lucide-react'
import type { ConnectionFailure, ConnectionNotice } from './connectionState.ts'

interface Props {
  failure: ConnectionFailure | null
  notice: ConnectionNotice | null
  schemaTooNew: boolean
  onRetry: () => void
}

const reload = () => window.location.reload()

/** The server's own words, after ours: detail for the curious, never the whole story. */
function Detail({ detail }: { detail: string | null }) {
  return detail ? <small className="board-banner__detail">Server: {detail}</small> : null
}

/** The button that fixes a failure, if anything on this page can. */
function FailureAction({ failure, onRetry }: { failure: ConnectionFailure; onRetry: () => void }) {
  switch (failure.action) {
    case 'reload':
      return (
        <button type="button" className="sb-button sb-button--small" onClick={reload}>
          <RefreshCw size={14} aria-hidden /> Reload board
        </button>
      )
    case 'retry':
      return (
        <button type="button" className="sb-button sb-button--small" onClick={onRetry}>
          Try again
        </button>
      )
    case null:
      return null
  }
}

/** Problems shown over the top of the board. They explain and offer the fix; the board stays usable. */
export function BoardBanners({ failure, notice, schemaTooNew, onRetry }: Props) {
  if (!failure && !notice && !schemaTooNew) return null
  return (
    <>
      {failure && (
        <div className="sb-alert sb-alert--error board-banner" role="alert" data-testid="connection-failure">
          <TriangleAlert size={16} aria-hidden />
          <span>
            {failure.message}
            <Detail detail={failure.detail} />
          </span>
          <FailureAction failure={failure} onRetry={onRetry} />
        </div>
      )}
      {!failure && notice && (
        <div
          className="sb-alert sb-alert--warning board-banner"
          role="status"
          data-testid="connection-notice"
        >
          <WifiOff size={16} aria-hidden />
          <span>
            {notice.message}
            <Detail detail={notice.detail} />
          </span>
        </div>
      )}
      {schemaTooNew && (
        <div className="sb-alert sb-alert--warning board-banner" role="alert">
          <TriangleAlert size={16} aria-hidden />
          <span>This board was made with a newer version of Scaleboard. Reload the page to edit it.</span>
          <button type="button" className="sb-button sb-button--small" onClick={reload}>
            Reload
          </button>
        </div>
      )}
    </>
  )
}
