import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AppErrorBoundary } from './AppErrorBoundary.tsx'
import { BoardPage } from './board/BoardPage.tsx'
import { HomePage } from './home/HomePage.tsx'
import { claimLinkToken } from './linkToken.ts'
import { MessagePage } from './MessagePage.tsx'
import { parseRoute } from './routes.ts'
import './styles.css'

// Before the first render: a board link's token leaves the address bar at once (see linkToken.ts).
const route = claimLinkToken(parseRoute(window.location), window)

function App() {
  switch (route.page) {
    case 'home':
      return <HomePage />
    case 'board':
      return <BoardPage sessionId={route.sessionId} token={route.token} />
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

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <AppErrorBoundary>
      <App />
    </AppErrorBoundary>
  </StrictMode>,
)
