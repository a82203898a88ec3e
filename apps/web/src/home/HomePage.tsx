import type { CreatedSession } from '@scaleboard/schema'
import { LogOut } from 'lucide-react'
import { useCallback, useState } from 'react'
import { AdminTokenForm } from './AdminTokenForm.tsx'
import { forgetAdminToken, loadAdminToken, saveAdminToken, takeAdminTokenFromUrl } from './adminToken.ts'
import { CreateSessionForm } from './CreateSessionForm.tsx'
import { RecentSessions } from './RecentSessions.tsx'
import { SessionLinks } from './SessionLinks.tsx'
import './home.css'

/** The organiser's page: sign in with the server's admin token, create sessions, hand out links. */
export function HomePage() {
  // A token from an organiser link is tried before it is kept: a wrong or stale link must never
  // replace a saved token that works.
  const [start] = useState(() => {
    const saved = loadAdminToken()
    const fromLink = takeAdminTokenFromUrl()
    return { saved, fromLink }
  })
  const [adminToken, setAdminToken] = useState(start.fromLink ?? start.saved)
  const [fallback, setFallback] = useState(
    start.fromLink && start.saved && start.saved !== start.fromLink ? start.saved : null,
  )
  const [tokenError, setTokenError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [created, setCreated] = useState<CreatedSession | null>(null)
  const [refreshKey, setRefreshKey] = useState(0)

  const onUnauthorized = useCallback(() => {
    setCreated(null)
    if (fallback) {
      // The link's token was refused: go on with the saved one, which stays saved.
      setAdminToken(fallback)
      setFallback(null)
      setNotice(
        'The organiser link you opened was not accepted, so you are still signed in with your saved token.',
      )
      return
    }
    forgetAdminToken()
    setAdminToken(null)
    setTokenError('The server did not accept this organiser token. Paste the token it printed at start-up.')
  }, [fallback])

  const onAccepted = useCallback((token: string) => {
    saveAdminToken(token)
    setFallback(null)
  }, [])

  if (!adminToken) {
    return (
      <AdminTokenForm
        error={tokenError}
        onSubmit={(token) => {
          saveAdminToken(token)
          setTokenError(null)
          setAdminToken(token)
        }}
      />
    )
  }

  return (
    <div className="home">
      <header className="home-header">
        <div className="sb-brand">
          <img src="/favicon.svg" alt="" />
          Scaleboard
        </div>
        <span className="home-header__role">Organiser</span>
        <button
          type="button"
          className="sb-button sb-button--small sb-button--quiet home-header__signout"
          onClick={() => {
            forgetAdminToken()
            setAdminToken(null)
            setCreated(null)
          }}
        >
          <LogOut size={14} aria-hidden /> Forget token
        </button>
      </header>
      <main className="home-main">
        {notice && (
          <p className="sb-alert" role="status" data-testid="home-notice">
            {notice}
          </p>
        )}
        <div className="home-intro">
          <h1>Interview sessions</h1>
          <p>
            Each session is one shared board for a system-design round. Create one, then send the candidate,
            interviewer and observer links.
          </p>
        </div>
        <div className="home-columns">
          <div className="home-column">
            <CreateSessionForm
              adminToken={adminToken}
              onUnauthorized={onUnauthorized}
              onCreated={(session) => {
                setCreated(session)
                setRefreshKey((n) => n + 1)
              }}
            />
            {created && <SessionLinks session={created} />}
          </div>
          <div className="home-column">
            <RecentSessions
              adminToken={adminToken}
              refreshKey={refreshKey}
              onUnauthorized={onUnauthorized}
              onAccepted={onAccepted}
            />
          </div>
        </div>
      </main>
    </div>
  )
}
