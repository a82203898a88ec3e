import { RefreshCw } from 'lucide-react'
import { useEffect, useState } from 'react'
import { claimLinkToken, isOrganiserView, isWellFormedLinkToken } from '../linkToken.ts'
import { MessagePage } from '../MessagePage.tsx'
import { parseRoute } from '../routes.ts'
import { BoardSkeleton } from './BoardSkeleton.tsx'
import { LinkProblemPage, MissingToken } from './LinkProblemPage.tsx'
import { prefetchSessionAccess, useSessionAccess } from './useSessionAccess.ts'
import './board.css'

type BoardRoomModule = typeof import('./BoardRoom.tsx')

// tldraw (~2 MB) loads only once the link is known to open a board: a bad link's message is quick.
let boardRoomLoad: Promise<BoardRoomModule> | null = null
let boardRoomModule: BoardRoomModule | null = null
function loadBoardRoom(): Promise<BoardRoomModule> {
  boardRoomLoad ??= import('./BoardRoom.tsx').then((module) => {
    boardRoomModule = module
    return module
  })
  return boardRoomLoad
}

/**
 * Whether this board link should be checked with the server at all: the same rules as BoardPage.
 * A damaged link is told apart before any request: the server would only say "malformed" too.
 */
function worthChecking(token: string | null, asOrganiser: boolean): token is string {
  return token !== null && (asOrganiser || isWellFormedLinkToken(token))
}

/**
 * The opening starts as this chunk is evaluated, not when BoardPage first renders. React reveals
 * a page that replaces a loading screen no sooner than 300 ms after that screen appeared (its
 * Suspense throttle), and the board page replaces main.tsx's "Loading Scaleboard…": measured at
 * 2,000 cards, the access check started ~270 ms after this chunk had arrived, with the main thread
 * idle. Now the check runs in that time, and once it says the link opens a board the board chunk
 * (tldraw) loads too. A link that opens nothing still loads no board code.
 */
function startOpening() {
  if (typeof window === 'undefined') return
  // main.tsx has moved the token out of the address bar already: this reads it back.
  const route = claimLinkToken(parseRoute(window.location), window)
  if (route.page !== 'board' || !worthChecking(route.token, isOrganiserView(window.location))) return
  prefetchSessionAccess(route.sessionId, route.token).then(loadBoardRoom, () => {})
}
startOpening()

/**
 * `/s/:sessionId#token=…`: checks the link, then opens the board. main.tsx has already moved the
 * token from the address bar into this tab's sessionStorage, so a reload still finds it.
 * `/s/:sessionId#as=organiser`: the organiser's view, as the session's interviewer, with the
 * organiser token the home page saved (linkToken.ts).
 */
export function BoardPage({ sessionId, token }: { sessionId: string; token: string | null }) {
  const asOrganiser = isOrganiserView(window.location)
  if (!token) return asOrganiser ? <LinkProblemPage problem="organiser" /> : <MissingToken />
  if (!worthChecking(token, asOrganiser)) return <LinkProblemPage problem="malformed" />
  return <CheckedBoard sessionId={sessionId} token={token} asOrganiser={asOrganiser} />
}

/**
 * The board chunk's BoardRoom once `wanted` and loaded; null while it loads. Not React.lazy: a
 * Suspense fallback would hold the board back for the same 300 ms throttle once the chunk is in.
 * A chunk that fails to load throws, for the app's error boundary, as React.lazy would.
 */
function useBoardRoom(wanted: boolean): BoardRoomModule['BoardRoom'] | null {
  const [loaded, setLoaded] = useState<{ module: BoardRoomModule } | { error: unknown } | null>(() =>
    boardRoomModule ? { module: boardRoomModule } : null,
  )
  useEffect(() => {
    if (!wanted || loaded || boardRoomModule) return
    let live = true
    loadBoardRoom().then(
      (module) => live && setLoaded({ module }),
      (error: unknown) => live && setLoaded({ error }),
    )
    return () => {
      live = false
    }
  }, [wanted, loaded])
  if (loaded && 'error' in loaded) throw loaded.error
  // loaded early (startOpening): no need to wait for the effect
  const module = loaded?.module ?? boardRoomModule
  return wanted && module ? module.BoardRoom : null
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
  const BoardRoom = useBoardRoom(state.status === 'ready')
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
      if (!BoardRoom) return <BoardSkeleton title={state.access.session.title} />
      return <BoardRoom sessionId={sessionId} token={token} access={state.access} />
  }
}
