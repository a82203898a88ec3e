import { lazy, StrictMode, Suspense } from 'react'
import { createRoot } from 'react-dom/client'
import { AppErrorBoundary } from './AppErrorBoundary.tsx'
import { claimLinkToken } from './linkToken.ts'
import { MessagePage } from './MessagePage.tsx'
import { parseRoute } from './routes.ts'
import './styles.css'

// Each page is its own chunk: the organiser's home and the error pages never load tldraw (~2 MB).
const HomePage = lazy(() => import('./home/HomePage.tsx').then((m) => ({ default: m.HomePage })))
const BoardPage = lazy(() => import('./board/BoardPage.tsx').then((m) => ({ default: m.BoardPage })))
const ReplayPage = lazy(() => import('./replay/ReplayPage.tsx').then((m) => ({ default: m.ReplayPage })))

// Before the first render: a board link's token leaves the address bar at once (see linkToken.ts).
// A replay opens with its board's link token, kept the same way.
const route = claimLinkToken(parseRoute(window.location), window)

// A board link renders once its page chunk (a few kB) is in, rather than through "Loading
// Scaleboard…": React reveals a page that replaces a Suspense fallback no sooner than 300 ms after
// the fallback appeared, and the board page starts the link check as soon as it is evaluated.
let boardPage: typeof import('./board/BoardPage.tsx') | null = null
const boardPageLoad =
  route.page === 'board'
    ? import('./board/BoardPage.tsx').then((module) => {
        boardPage = module
      })
    : null

function App() {
  switch (route.page) {
    case 'home':
      return <HomePage />
    case 'board':
      return boardPage ? (
        <boardPage.BoardPage sessionId={route.sessionId} token={route.token} />
      ) : (
        <BoardPage sessionId={route.sessionId} token={route.token} />
      )
    case 'replay':
      return <ReplayPage sessionId={route.sessionId} token={route.token} />
    case 'malformed-link':
      return (
        <MessagePage title="This link is damaged">
          <p>
            The address is not a whole board link: part of it was probably lost when it was copied. Copy the
            link again from the message you received, or ask the organiser to send it again.
          </p>
        </MessagePage>
      )
    case 'not-found':
      return (
        <MessagePage title="Page not found">
          <p>There is nothing at this address. Board links look like /s/…#token=…</p>
        </MessagePage>
      )
  }
}

function PageLoading() {
  return (
    <div className="page-loading" role="status">
      Loading Scaleboard…
    </div>
  )
}

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <AppErrorBoundary>
        <Suspense fallback={<PageLoading />}>
          <App />
        </Suspense>
      </AppErrorBoundary>
    </StrictMode>,
  )
// A chunk that fails to load is loaded again by the lazy page, whose failure the boundary shows.
if (boardPageLoad) boardPageLoad.then(render, render)
else render()
