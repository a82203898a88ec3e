import { RefreshCw } from 'lucide-react'
import { lazy, type ReactNode, Suspense } from 'react'
import { isOrganiserView, isWellFormedLinkToken } from '../linkToken.ts'
import { MessagePage } from '../MessagePage.tsx'
import { BoardSkeleton } from './BoardSkeleton.tsx'
import { type LinkProblem, useSessionAccess } from './useSessionAccess.ts'
import './board.css'

// tldraw (~2 MB) loads only once the link is known to open a board: a bad link's message is quick.
const BoardRoom = lazy(() => import('./BoardRoom.tsx').then((m) => ({ default: m.BoardRoom })))

/** One plain page per kind of bad link: what happened, and what to do next. */
const LINK_PROBLEMS: Record<LinkProblem, { title: string; body: ReactNode }> = {
  malformed: {
    title: 'This link is incomplete',
    body: (
      <p>
        Part of it was probably cut off when it was copied. Open the whole link from the message you were sent
        (it ends with <code>#token=</code> and 43 letters and digits), or ask the organiser for a new link.
      </p>
    ),
  },
  revoked: {
    title: 'This link was replaced',
    body: (
      <p>
        This link was replaced by a newer one, so it no longer opens the board. Ask the organiser for the new
        link.
      </p>
    ),
  },
  deleted: {
    title: 'This interview was deleted',
    body: (
      <p>
        The organiser deleted this interview, with its board and its links. There is nothing left to open
        here. Ask the organiser if you need a new session.
      </p>
    ),
  },
  'other-session': {
    title: 'This link is for another interview',
    body: (
      <p>
        The link works, but for a different interview than this address. Open the link exactly as you were
        sent it, or ask the organiser for the link to this one.
      </p>
    ),
  },
  wrong: {
    title: 'This link doesn’t open this interview',
    body: (
      <p>
        The board does not recognise this link. Check that you opened the latest link you were sent, or ask
        the organiser for a new link.
      </p>
    ),
  },
  organiser: {
    title: 'Sign in as the organiser again',
    body: (
      <p>
        This is the organiser’s view of a board, but this browser has no working organiser token. Open the{' '}
        <a href="/">organiser page</a>, sign in with the token the server printed, and open the session from
        there.
      </p>
    ),
  },
}

function InvalidLink({ problem }: { problem: LinkProblem }) {
  const { title, body } = LINK_PROBLEMS[problem]
  return (
    <MessagePage title={title}>
      <div data-testid="link-problem" data-problem={problem}>
        {body}
      </div>
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
 * `/s/:sessionId#as=organiser`: the organiser's view, as the session's interviewer, with the
 * organiser token the home page saved (linkToken.ts).
 */
export function BoardPage({ sessionId, token }: { sessionId: string; token: string | null }) {
  const asOrganiser = isOrganiserView(window.location)
  if (!token) return asOrganiser ? <InvalidLink problem="organiser" /> : <MissingToken />
  // A damaged link is told apart before any request: the server would only say "malformed" too.
  if (!asOrganiser && !isWellFormedLinkToken(token)) return <InvalidLink problem="malformed" />
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
      return <InvalidLink problem={state.problem} />
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
