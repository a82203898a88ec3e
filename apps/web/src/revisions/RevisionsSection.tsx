import type { Revision, Role } from '@scaleboard/schema'
import { Bookmark, ExternalLink, Flag, History, RotateCcw, X } from 'lucide-react'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import { restoreRevision } from '../api.ts'
import { LoadState, PanelSection } from '../interview/PanelSection.tsx'
import type { LiveResource } from '../interview/useLiveResource.ts'
import { usePanelAction } from '../interview/usePanelAction.ts'
import { isOrganiserView } from '../linkToken.ts'
import { ReplayAndReport } from './ReplayAndReport.tsx'
import { RestoreDialog } from './RestoreDialog.tsx'
import {
  arrivedRestores,
  canManageRevisions,
  canSaveRevision,
  describeKind,
  emptyRevisionsText,
  formatRevisionTime,
  newestFirst,
  replayAccess,
  replayHref,
  restoredByOthersNotice,
  restoreSummary,
  revisionTimeTitle,
  type Viewer,
  withRevision,
} from './revisionList.ts'
import { SaveRevisionForm } from './SaveRevisionForm.tsx'
import { useRevisionData } from './useRevisionData.ts'
import './revisions.css'

interface Props {
  sessionId: string
  token: string
  role: Role
  /** the board's socket: its `changed` frames keep the list live (null until connected) */
  provider: WebsocketProvider | null
}

/** How long a "Restored …" or "Saved …" line stays before it goes by itself. */
const NOTICE_MS = 8000

interface Notice {
  text: string
  tone: 'success' | 'info'
}

/**
 * The side panel's Revisions section, for every role: named moments of the board (taken at each
 * phase change, or saved by hand), a way into the replay, and, for the interviewer, restore,
 * replay sharing and the report.
 */
export function RevisionsSection({ sessionId, token, role, provider }: Props) {
  const { revisions, replayShared } = useRevisionData(sessionId, token, role, provider)
  const count = revisions.data?.length ?? 0
  return (
    <PanelSection id="revisions" title="Revisions" summary={count > 0 ? `${count} saved` : undefined}>
      <RevisionsPanel
        sessionId={sessionId}
        token={token}
        role={role}
        revisions={revisions}
        replayShared={replayShared}
      />
    </PanelSection>
  )
}

function RevisionsPanel({
  sessionId,
  token,
  role,
  revisions,
  replayShared,
}: {
  sessionId: string
  token: string
  role: Role
  revisions: LiveResource<Revision[]>
  replayShared: LiveResource<boolean>
}) {
  const { data, error, reload, set } = revisions
  const manage = canManageRevisions(role)
  const access = replayAccess(role, replayShared.loaded ? replayShared.data : null)
  // The organiser's view has no link token to hand on: the replay reads the saved organiser token too.
  const viewer = useMemo<Viewer>(
    () => (isOrganiserView(window.location) ? { kind: 'organiser' } : { kind: 'link', token }),
    [token],
  )
  const [notice, setNotice] = useState<Notice | null>(null)
  const [restoring, setRestoring] = useState<Revision | null>(null)
  const restore = usePanelAction()
  // which revision the last failed restore was of: its error is not shown in another one's dialog
  const [failedFor, setFailedFor] = useState<string | null>(null)
  const seen = useRef<Set<string> | null>(null)

  useEffect(() => {
    if (!data) return
    const arrived = arrivedRestores(seen.current, data)
    seen.current = new Set(data.map((revision) => revision.id))
    const latest = arrived[arrived.length - 1]
    if (latest) setNotice({ text: restoredByOthersNotice(latest), tone: 'info' })
  }, [data])

  useEffect(() => {
    if (!notice) return
    const timer = window.setTimeout(() => setNotice(null), NOTICE_MS)
    return () => window.clearTimeout(timer)
  }, [notice])

  const keep = (revision: Revision) => set((current) => withRevision(current, revision))

  const confirmRestore = async () => {
    if (!restoring) return
    const target = restoring
    setFailedFor(null)
    const restored = await restore.run(`Could not restore ‘${target.label}’`, async () => {
      const result = await restoreRevision(sessionId, token, target.id)
      // Our own restore is not news to us: the "restored by someone" notice is for the others.
      seen.current?.add(result.before.id)
      keep(result.before)
      setRestoring(null)
      setNotice({ text: restoreSummary(target.label, result), tone: 'success' })
    })
    if (!restored) setFailedFor(target.id)
  }

  return (
    <div className="revisions" data-testid="revisions">
      {access === 'open' && <ReplayLink sessionId={sessionId} viewer={viewer} />}
      {canSaveRevision(role) && (
        <SaveRevisionForm
          sessionId={sessionId}
          token={token}
          onSaved={(revision) => {
            keep(revision)
            setNotice({ text: `Saved ‘${revision.label}’.`, tone: 'success' })
          }}
        />
      )}
      <div className="revisions__notice-region" role="status" aria-live="polite">
        {notice && (
          <p className={`revisions__notice revisions__notice--${notice.tone}`} data-testid="revisions-notice">
            <span>{notice.text}</span>
            <button
              type="button"
              className="revisions__notice-close"
              onClick={() => setNotice(null)}
              aria-label="Dismiss"
            >
              <X size={13} aria-hidden />
            </button>
          </p>
        )}
      </div>
      {!data ? (
        <LoadState error={error} onRetry={reload} what="the revisions" />
      ) : data.length === 0 ? (
        <p className="panel-empty" data-testid="revisions-empty">
          {emptyRevisionsText(role)}
        </p>
      ) : (
        <ol className="revisions__list" aria-label="Revisions, newest first">
          {newestFirst(data).map((revision) => (
            <RevisionRow
              key={revision.id}
              sessionId={sessionId}
              revision={revision}
              viewer={viewer}
              replay={access === 'open'}
              onRestore={manage ? () => setRestoring(revision) : null}
            />
          ))}
        </ol>
      )}
      {data && error && (
        <p className="panel-error" role="alert">
          Could not refresh the revisions: {error}
        </p>
      )}
      {access === 'waiting' && (
        <p className="panel-hint" data-testid="replay-waiting">
          The replay opens when the interviewer shares it.
        </p>
      )}
      {manage && <ReplayAndReport sessionId={sessionId} token={token} replayShared={replayShared} />}
      {restoring && (
        <RestoreDialog
          revision={restoring}
          busy={restore.busy}
          error={failedFor === restoring.id ? restore.error : null}
          onCancel={() => setRestoring(null)}
          onConfirm={() => void confirmRestore()}
        />
      )}
    </div>
  )
}

function ReplayLink({ sessionId, viewer }: { sessionId: string; viewer: Viewer }) {
  return (
    <p className="revisions__replay">
      <a
        className="revisions__replay-link"
        href={replayHref(sessionId, viewer)}
        target="_blank"
        rel="noopener noreferrer"
        data-testid="open-replay"
      >
        <History size={14} aria-hidden /> Open replay
        <ExternalLink size={12} aria-hidden />
        <span className="sb-visually-hidden"> (opens in a new tab)</span>
      </a>
    </p>
  )
}

const KIND_ICONS = { phase: Flag, manual: Bookmark, restore: RotateCcw } as const

function RevisionRow({
  sessionId,
  revision,
  viewer,
  replay,
  onRestore,
}: {
  sessionId: string
  revision: Revision
  viewer: Viewer
  replay: boolean
  onRestore: (() => void) | null
}) {
  const Icon = KIND_ICONS[revision.kind]
  return (
    <li
      className={`revision revision--${revision.kind}`}
      data-testid="revision"
      data-kind={revision.kind}
      data-revision-id={revision.id}
    >
      <div className="revision__head">
        <Icon size={13} aria-hidden className="revision__icon" />
        <span className="revision__label" data-testid="revision-label">
          {revision.label}
        </span>
        <time className="panel-stamp" dateTime={revision.at} title={revisionTimeTitle(revision.at)}>
          {formatRevisionTime(revision.at)}
        </time>
      </div>
      <div className="revision__meta">
        <span className="revision__kind">{describeKind(revision)}</span>
        {(replay || onRestore) && (
          <span className="revision__actions">
            {replay && (
              <a
                className="revision__action"
                href={replayHref(sessionId, viewer, revision.id)}
                target="_blank"
                rel="noopener noreferrer"
                aria-label={`Replay from “${revision.label}” (opens in a new tab)`}
              >
                Replay
                <ExternalLink size={11} aria-hidden />
              </a>
            )}
            {onRestore && (
              <button
                type="button"
                className="revision__action"
                onClick={onRestore}
                aria-label={`Restore “${revision.label}”…`}
              >
                Restore…
              </button>
            )}
          </span>
        )}
      </div>
    </li>
  )
}
