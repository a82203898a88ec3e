import { TriangleAlert } from 'lucide-react'
import type { ConnectionFailure } from './connectionState.ts'

interface Props {
  failure: ConnectionFailure | null
  schemaTooNew: boolean
  onRetry: () => void
}

const reload = () => window.location.reload()

/** Problems shown over the top of the board. They explain and offer the fix; the board stays usable. */
export function BoardBanners({ failure, schemaTooNew, onRetry }: Props) {
  if (!failure && !schemaTooNew) return null
  // These two only a fresh page fixes; the others may clear on their own or on retry.
  const needsReload = failure?.kind === 'too-large' || failure?.kind === 'refused'
  return (
    <>
      {failure && (
        <div className="sb-alert sb-alert--error board-banner" role="alert">
          <TriangleAlert size={16} aria-hidden />
          <span>{failure.message}</span>
          <button
            type="button"
            className="sb-button sb-button--small"
            onClick={needsReload ? reload : onRetry}
          >
            {needsReload ? 'Reload' : 'Try again'}
          </button>
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
