import { RefreshCw } from 'lucide-react'
import { Component, type ErrorInfo, type ReactNode } from 'react'
import { MessagePage } from './MessagePage.tsx'

interface State {
  error: Error | null
}

/**
 * No page of the app is ever blank: an error that escapes a page is shown in plain words, with a
 * way to start again. (The board's own connection and request errors are handled where they happen.)
 */
export class AppErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[scaleboard] the page failed:', error, info.componentStack)
  }

  override render() {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <MessagePage title="Something went wrong on this page">
        <p>
          Your board is safe: every change the server accepted is stored. Reload the page to continue. If it
          happens again, tell the organiser what you were doing.
        </p>
        <p>
          <small>Detail: {error.message}</small>
        </p>
        <div>
          <button
            type="button"
            className="sb-button sb-button--primary"
            onClick={() => window.location.reload()}
          >
            <RefreshCw size={16} aria-hidden /> Reload
          </button>
        </div>
      </MessagePage>
    )
  }
}
