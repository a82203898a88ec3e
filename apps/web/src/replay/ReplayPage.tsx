import type { ReplayData, SessionAccess } from '@scaleboard/schema'
import { RefreshCw } from 'lucide-react'
import { lazy, Suspense } from 'react'
import { ApiRequestError, getReplay } from '../api.ts'
import { LinkProblemPage, MissingToken } from '../board/LinkProblemPage.tsx'
import { useSessionAccess } from '../board/useSessionAccess.ts'
import { isOrganiserView, isWellFormedLinkToken } from '../linkToken.ts'
import { MessagePage } from '../MessagePage.tsx'
import { errorMessage, useRequest } from '../useRequest.ts'
import { ReplaySkeleton } from './ReplaySkeleton.tsx'
import '../board/board.css'
import './replay.css'

// tldraw and the history code load once the link is known to open the replay.
const ReplayView = lazy(() => import('./ReplayView.tsx').then((m) => ({ default: m.ReplayView })))

/**
 * `/s/:sessionId/replay#token=…` (or `#as=organiser`): the session's history. The link is
 * checked as the board checks it, and a bad one gets the same page as on the board.
 */
export function ReplayPage({ sessionId, token }: { sessionId: string; token: string | null }) {
  const asOrganiser = isOrganiserView(window.location)
  if (!token) return asOrganiser ? <LinkProblemPage problem="organiser" /> : <MissingToken />
  if (!asOrganiser && !isWellFormedLinkToken(token)) return <LinkProblemPage problem="malformed" />
  return <CheckedReplay sessionId={sessionId} token={token} asOrganiser={asOrganiser} />
}

function CheckedReplay({
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
      return <ReplaySkeleton />
    case 'invalid-link':
      return <LinkProblemPage problem={state.problem} />
    case 'error':
      return <Failed title="Could not open the replay" message={state.message} onRetry={retry} />
    case 'ready':
      return (
        <LoadedReplay sessionId={sessionId} token={token} access={state.access} asOrganiser={asOrganiser} />
      )
  }
}

function LoadedReplay({
  sessionId,
  token,
  access,
  asOrganiser,
}: {
  sessionId: string
  token: string
  access: SessionAccess
  asOrganiser: boolean
}) {
  const { state, retry } = useRequest<ReplayData>(() => getReplay(sessionId, token), `${sessionId} ${token}`)
  const title = access.session.title
  if (state.status === 'loading')
    return <ReplaySkeleton title={title} label="Loading the session’s history…" />
  if (state.status === 'error') {
    const error = state.error
    if (error instanceof ApiRequestError && error.code === 'replay_not_shared')
      return <NotShared sessionId={sessionId} />
    return <Failed title="Could not load the replay" message={errorMessage(error)} onRetry={retry} />
  }
  return (
    <Suspense fallback={<ReplaySkeleton title={title} label="Opening the replay…" />}>
      <ReplayView
        sessionId={sessionId}
        token={token}
        access={access}
        data={state.data}
        asOrganiser={asOrganiser}
      />
    </Suspense>
  )
}

function NotShared({ sessionId }: { sessionId: string }) {
  return (
    <MessagePage title="The interviewer has not shared the replay yet">
      <p data-testid="replay-not-shared">
        The replay of this interview opens once the interviewer shares it with you. Your board is still where
        you left it.
      </p>
      <div>
        <a className="sb-button" href={`/s/${encodeURIComponent(sessionId)}`}>
          Back to the board
        </a>
      </div>
    </MessagePage>
  )
}

function Failed({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) {
  return (
    <MessagePage title={title}>
      <p>{message}</p>
      <div>
        <button type="button" className="sb-button sb-button--primary" onClick={onRetry}>
          <RefreshCw size={16} aria-hidden /> Try again
        </button>
      </div>
    </MessagePage>
  )
}
