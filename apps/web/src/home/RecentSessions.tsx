import type { SessionSummary } from '@scaleboard/schema'
import { RefreshCw } from 'lucide-react'
import { Fragment, useEffect, useState } from 'react'
import { ApiRequestError, listSessions } from '../api.ts'
import { LEVEL_LABELS } from '../labels.ts'
import { ReissueLinks } from './ReissueLinks.tsx'

interface Props {
  adminToken: string
  /** Changes when a session was created, to reload the list. */
  refreshKey: number
  onUnauthorized: () => void
  /** The server accepted the token (the list loaded). */
  onAccepted?: (token: string) => void
}

type ListState =
  | { status: 'loading' }
  | { status: 'ready'; sessions: SessionSummary[] }
  | { status: 'error'; message: string }

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export function RecentSessions({ adminToken, refreshKey, onUnauthorized, onAccepted }: Props) {
  const [state, setState] = useState<ListState>({ status: 'loading' })
  const [reload, setReload] = useState(0)
  /** the session whose links panel is open */
  const [linksOf, setLinksOf] = useState<string | null>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey and reload are reload triggers
  useEffect(() => {
    let cancelled = false
    setState((current) => (current.status === 'ready' ? current : { status: 'loading' }))
    listSessions(adminToken)
      .then((sessions) => {
        if (cancelled) return
        setState({ status: 'ready', sessions })
        onAccepted?.(adminToken)
      })
      .catch((error) => {
        if (cancelled) return
        if (error instanceof ApiRequestError && error.status === 401) return onUnauthorized()
        setState({ status: 'error', message: error instanceof Error ? error.message : String(error) })
      })
    return () => {
      cancelled = true
    }
  }, [adminToken, refreshKey, reload, onUnauthorized, onAccepted])

  return (
    <section className="home-card home-recent" aria-labelledby="recent-title">
      <div className="home-recent__header">
        <h2 id="recent-title">Recent sessions</h2>
        <button
          type="button"
          className="sb-button sb-button--small sb-button--quiet"
          onClick={() => setReload((n) => n + 1)}
        >
          <RefreshCw size={14} aria-hidden /> Refresh
        </button>
      </div>
      {state.status === 'loading' && <p className="home-muted">Loading sessions…</p>}
      {state.status === 'error' && (
        <div className="sb-alert sb-alert--error" role="alert">
          {state.message}
        </div>
      )}
      {state.status === 'ready' && state.sessions.length === 0 && (
        <div className="home-empty">
          <p>
            <strong>No sessions yet.</strong>
          </p>
          <p>
            Fill in “Create a session” and press <em>Create session</em>. You get three links: one for the
            candidate, one for the interviewer and one for observers. Send each to its person; the board opens
            in their browser.
          </p>
        </div>
      )}
      {state.status === 'ready' && state.sessions.length > 0 && (
        <table className="home-table">
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Candidate</th>
              <th scope="col">Scenario</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="sb-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.sessions.map((s) => (
              <Fragment key={s.id}>
                <tr>
                  <td>{s.title}</td>
                  <td>{s.candidateName ?? <span className="home-muted">—</span>}</td>
                  <td className="home-table__nowrap">
                    {s.scenarioId ?? <span className="home-muted">Blank board</span>}
                    {s.level && <span className="home-tag">{LEVEL_LABELS[s.level]}</span>}
                  </td>
                  <td className="home-table__nowrap">
                    <time dateTime={s.createdAt}>{dateFormat.format(new Date(s.createdAt))}</time>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="sb-button sb-button--small sb-button--quiet"
                      aria-expanded={linksOf === s.id}
                      onClick={() => setLinksOf((open) => (open === s.id ? null : s.id))}
                    >
                      Links<span className="sb-visually-hidden"> of “{s.title}”</span>
                    </button>
                  </td>
                </tr>
                {linksOf === s.id && (
                  <tr className="home-table__detail">
                    <td colSpan={5}>
                      <ReissueLinks
                        adminToken={adminToken}
                        sessionId={s.id}
                        sessionTitle={s.title}
                        onUnauthorized={onUnauthorized}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
