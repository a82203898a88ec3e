import { RefreshCw } from 'lucide-react'
import { MessagePage } from '../MessagePage.tsx'
import { BoardRoom } from './BoardRoom.tsx'
import { BoardSkeleton } from './BoardSkeleton.tsx'
import { useSessionAccess } from './useSessionAccess.ts'
import './board.css'

function InvalidLink() {
  return (
    <MessagePage title="Can’t open this board">
      <p>This link is not valid. Ask the organiser for a new one.</p>
    </MessagePage>
  )
}

function MissingToken() {
  return (
    <MessagePage title="Open your board link">
      <p>
        This address alone does not open the board. Open the full link you were sent (it ends with #token=…)
        in this browser tab, or ask the organiser for it again.
      </p>
    </MessagePage>
  )
}

/**
 * `/s/:sessionId#token=…`: checks the link, then opens the board. main.tsx has already moved the
 * token from the address bar into this tab's sessionStorage, so a reload still finds it.
 */
export function BoardPage({ sessionId, token }: { sessionId: string; token: string | null }) {
  if (!token) return <MissingToken />
  return <CheckedBoard sessionId={sessionId} token={token} />
}

function CheckedBoard({ sessionId, token }: { sessionId: string; token: string }) {
  const { state, retry } = useSessionAccess(sessionId, token)
  switch (state.status) {
    case 'loading':
      return <BoardSkeleton />
    case 'invalid-link':
      return <InvalidLink />
    case 'error':
      return (
        <MessagePage title="Could not open the board">
          <p>{state.message}</p>
          <div>
            <button type="button" className="sb-button sb-button--primary" onClick={retry}>
              <RefreshCw size={16} aria-hidden /> Try again
            </button>
          </div>
        </MessagePage>
      )
    case 'ready':
      return <BoardRoom sessionId={sessionId} token={token} access={state.access} />
  }
}
