import { PHASE_LABELS, type SessionListItem } from '@scaleboard/schema'
import { KeyRound, MonitorPlay, RefreshCw, Trash2 } from 'lucide-react'
import { Fragment, useEffect, useState } from 'react'
import { ApiRequestError, deleteSession, listSessions } from '../api.ts'
import { LEVEL_LABELS } from '../labels.ts'
import { organiserBoardPath } from '../linkToken.ts'
import { DeleteSessionDialog } from './DeleteSessionDialog.tsx'
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
  | { status: 'ready'; sessions: SessionListItem[] }
  | { status: 'error'; message: string }

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

/** "just now", "12 minutes ago", "3 hours ago", then the date: when something last happened. */
export function formatLastActivity(iso: string, now = Date.now()): string {
  const minutes = Math.round((now - Date.parse(iso)) / 60_000)
  if (minutes < 1) return 'just now'
  if (minutes < 60) return relativeFormat.format(-minutes, 'minute')
  const hours = Math.round(minutes / 60)
  if (hours < 24) return relativeFormat.format(-hours, 'hour')
  return dateFormat.format(new Date(iso))
}

export function RecentSessions({ adminToken, refreshKey, onUnauthorized, onAccepted }: Props) {
  const [state, setState] = useState<ListState>({ status: 'loading' })
  const [reload, setReload] = useState(0)
  /** the session whose links panel is open */
  const [linksOf, setLinksOf] = useState<string | null>(null)
  /** the session the delete dialog asks about */
  const [deleting, setDeleting] = useState<SessionListItem | null>(null)
  const [deleteBusy, setDeleteBusy] = useState(false)
  const [deleteError, setDeleteError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

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

  const removeRow = (id: string) => {
    setState((current) =>
      current.status === 'ready'
        ? { ...current, sessions: current.sessions.filter((s) => s.id !== id) }
        : current,
    )
    setLinksOf((open) => (open === id ? null : open))
  }

  const confirmDelete = async () => {
    if (!deleting) return
    setDeleteBusy(true)
    setDeleteError(null)
    try {
      await deleteSession(adminToken, deleting.id)
      removeRow(deleting.id)
      setNotice(`“${deleting.title}” was deleted.`)
      setDeleting(null)
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) return onUnauthorized()
      if (error instanceof ApiRequestError && error.status === 404) {
        // Already gone (another tab, or retention): the list only catches up.
        removeRow(deleting.id)
        setNotice(`“${deleting.title}” had already been deleted.`)
        setDeleting(null)
        return
      }
      setDeleteError(`Could not delete it: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      setDeleteBusy(false)
    }
  }

  return (
    <section className="home-card home-recent" aria-labelledby="recent-title">
      <div className="home-recent__header">
        <h2 id="recent-title">Recent sessions</h2>
        <button
          type="button"
          className="sb-button sb-button--small sb-button--quiet"
          onClick={() => {
            setNotice(null)
            setReload((n) => n + 1)
          }}
        >
          <RefreshCw size={14} aria-hidden /> Refresh
        </button>
      </div>
      {notice && (
        <p className="home-muted home-recent__notice" role="status" data-testid="recent-notice">
          {notice}
        </p>
      )}
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
        <table className="home-table" data-testid="sessions-table">
          <colgroup>
            <col className="home-table__col-session" />
            <col className="home-table__col-scenario" />
            <col className="home-table__col-status" />
            <col className="home-table__col-actions" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Scenario</th>
              <th scope="col">Phase</th>
              <th scope="col">
                <span className="sb-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.sessions.map((s) => (
              <Fragment key={s.id}>
                <tr data-testid="session-row" data-session-id={s.id}>
                  <td>
                    <span className="home-table__title">{s.title}</span>
                    <span className="home-table__sub">
                      {s.candidateName ?? <span className="home-muted">No candidate named</span>}
                    </span>
                  </td>
                  <td>
                    <span className="home-table__scenario">
                      {s.scenarioTitle ?? s.scenarioId ?? <span className="home-muted">Blank board</span>}
                    </span>
                    {s.level && <span className="home-tag">{LEVEL_LABELS[s.level]}</span>}
                  </td>
                  <td>
                    {s.phase ? (
                      <span className="home-tag home-tag--phase" data-testid="session-phase">
                        {PHASE_LABELS[s.phase]}
                      </span>
                    ) : (
                      <span className="home-muted" data-testid="session-phase">
                        Not started
                      </span>
                    )}
                    <span className="home-table__sub">
                      <time
                        dateTime={s.lastActivityAt}
                        title={`Last activity: ${dateFormat.format(new Date(s.lastActivityAt))}`}
                      >
                        active {formatLastActivity(s.lastActivityAt)}
                      </time>
                    </span>
                  </td>
                  <td>
                    <div className="home-table__actions">
                      <a
                        className="sb-button sb-button--small"
                        href={organiserBoardPath(s.id)}
                        target="_blank"
                        rel="noopener"
                        title="Open the board as its interviewer (the interviewer’s link stays as it is)"
                      >
                        <MonitorPlay size={14} aria-hidden /> Open
                        <span className="sb-visually-hidden"> “{s.title}” as interviewer</span>
                      </a>
                      <button
                        type="button"
                        className="sb-button sb-button--small sb-button--quiet"
                        aria-expanded={linksOf === s.id}
                        onClick={() => setLinksOf((open) => (open === s.id ? null : s.id))}
                      >
                        <KeyRound size={14} aria-hidden /> Links
                        <span className="sb-visually-hidden"> of “{s.title}”</span>
                      </button>
                      <button
                        type="button"
                        className="sb-button sb-button--small sb-button--quiet home-button--quiet-danger"
                        title="Delete this session"
                        onClick={() => {
                          setDeleteError(null)
                          setDeleting(s)
                        }}
                      >
                        <Trash2 size={14} aria-hidden />
                        <span className="sb-visually-hidden">Delete “{s.title}”</span>
                      </button>
                    </div>
                  </td>
                </tr>
                {linksOf === s.id && (
                  <tr className="home-table__detail">
                    <td colSpan={4}>
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
      {deleting && (
        <DeleteSessionDialog
          session={deleting}
          busy={deleteBusy}
          error={deleteError}
          onCancel={() => setDeleting(null)}
          onConfirm={confirmDelete}
        />
      )}
    </section>
  )
}
