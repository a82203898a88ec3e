import { RefreshCw } from 'lucide-react'
import { lazy, Suspense } from 'react'
import { isOrganiserView, isWellFormedLinkToken } from '../linkToken.ts'
import { MessagePage } from '../MessagePage.tsx'
import { BoardSkeleton } from './BoardSkeleton.tsx'
import { LinkProblemPage, MissingToken } from './LinkProblemPage.tsx'
import { useSessionAccess } from './useSessionAccess.ts'
import './board.css'

// tldraw (~2 MB) loads only once the link is known to open a board: a bad link's message is quick.
const BoardRoom = lazy(() => import('./BoardRoom.tsx').then((m) => ({ default: m.BoardRoom })))

/**
 * `/s/:sessionId#token=…`: checks the link, then opens the board. main.tsx has already moved the
 * token from the address bar into this tab's sessionStorage, so a reload still finds it.
 * `/s/:sessionId#as=organiser`: the organiser's view, as the session's interviewer, with the
 * organiser token the home page saved (linkToken.ts).
 */
export function BoardPage({ sessionId, token }: { sessionId: string; token: string | null }) {
  const asOrganiser = isOrganiserView(window.location)
  if (!token) return asOrganiser ? <LinkProblemPage problem="organiser" /> : <MissingToken />
  // A damaged link is told apart before any request: the server would only say "malformed" too.
  if (!asOrganiser && !isWellFormedLinkToken(token)) return <LinkProblemPage problem="malformed" />
  return <CheckedBoard sessionId={sessionId} token={token} asOrganiser={asOrganiser} />
}

function CheckedBoard({
  sessionId,
  token,
  asOrganiser,
}: {
  sessionId: string
  token: string
  asOrganiser: boolean
}) {
  const { state, retry } = useSessionAccess(sessionId, token, { asOrganiser })
  switch (state.status) {
    case 'loading':
      return <BoardSkeleton />
    case 'invalid-link':
      return <LinkProblemPage problem={state.problem} />
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
      return (
        <Suspense fallback={<BoardSkeleton title={state.access.session.title} />}>
          <BoardRoom sessionId={sessionId} token={token} access={state.access} />
        </Suspense>
      )
  }
}
