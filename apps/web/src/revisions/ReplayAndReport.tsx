import { EyeOff, FileDown, Printer } from 'lucide-react'
import { useId, useState } from 'react'
import { getReport, shareReplay } from '../api.ts'
import { LoadState } from '../interview/PanelSection.tsx'
import { PanelSwitch } from '../interview/PanelSwitch.tsx'
import type { LiveResource } from '../interview/useLiveResource.ts'
import { usePanelAction } from '../interview/usePanelAction.ts'
import { reportFileName } from './revisionList.ts'

/** How long a report's Blob URL lives: long enough for the new tab or the download to read it. */
const BLOB_URL_MS = 60_000

interface Props {
  sessionId: string
  token: string
  replayShared: LiveResource<boolean>
}

/** The interviewer's part: whether the candidate may replay, and the interview report. */
export function ReplayAndReport({ sessionId, token, replayShared }: Props) {
  const headingId = useId()
  return (
    <section className="revisions-manage" aria-labelledby={headingId} data-testid="revisions-manage">
      <h4 className="revisions-manage__title" id={headingId}>
        Replay &amp; report
        <span className="panel-section__private" title="The candidate and observers never see this">
          <EyeOff size={12} aria-hidden />
          Interviewer only
        </span>
      </h4>
      <ReplayShareSwitch sessionId={sessionId} token={token} replayShared={replayShared} />
      <ReportActions sessionId={sessionId} token={token} />
    </section>
  )
}

function ReplayShareSwitch({ sessionId, token, replayShared }: Props) {
  const { data: shared, loaded, error, reload, set } = replayShared
  const { busy, error: actionError, run } = usePanelAction()
  if (!loaded || shared === null)
    return <LoadState error={error} onRetry={reload} what="whether the replay is shared" />
  const toggle = () =>
    run('Could not change who may replay', async () => {
      const answer = await shareReplay(sessionId, token, !shared)
      set(() => answer.shared)
    })
  return (
    <div className="revisions-manage__share">
      <PanelSwitch
        label="Let the candidate replay"
        checked={shared}
        disabled={busy}
        onToggle={toggle}
        hint={{
          on: 'The candidate can open the replay from this panel.',
          off: 'Only you and observers can open the replay.',
        }}
      />
      {error && (
        <p className="panel-error" role="alert">
          Could not refresh the sharing: {error}
        </p>
      )}
      {actionError && (
        <p className="panel-error" role="alert">
          {actionError}
        </p>
      )}
    </div>
  )
}

function ReportActions({ sessionId, token }: { sessionId: string; token: string }) {
  const [leaveOutNotes, setLeaveOutNotes] = useState(false)
  const [blockedUrl, setBlockedUrl] = useState<string | null>(null)
  const download = usePanelAction()
  const printable = usePanelAction()
  const withNotes = !leaveOutNotes

  const downloadMarkdown = () =>
    download.run('Could not download the report', async () => {
      const blob = await getReport(sessionId, token, 'markdown', withNotes)
      const url = URL.createObjectURL(blob)
      const link = document.createElement('a')
      link.href = url
      link.download = reportFileName(sessionId, withNotes)
      document.body.append(link)
      link.click()
      link.remove()
      window.setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_MS)
    })

  const openPrintable = async () => {
    setBlockedUrl(null)
    // The tab opens now, inside the click: opened after the fetch, a popup blocker may stop it.
    const tab = window.open('', '_blank')
    if (tab) {
      tab.opener = null
      tab.document.title = 'Interview report'
      tab.document.body.textContent = 'Preparing the report…'
    }
    const opened = await printable.run('Could not open the printable report', async () => {
      const blob = await getReport(sessionId, token, 'html', withNotes)
      // A Blob URL renders only with an HTML type, whatever the response said.
      const url = URL.createObjectURL(new Blob([blob], { type: 'text/html;charset=utf-8' }))
      window.setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_MS)
      if (tab && !tab.closed) tab.location.replace(url)
      else setBlockedUrl(url)
    })
    if (!opened) tab?.close()
  }

  const busy = download.busy || printable.busy
  return (
    <div className="revisions-report" data-testid="revisions-report">
      <div className="revisions-report__buttons">
        <button
          type="button"
          className="sb-button sb-button--small"
          disabled={busy}
          onClick={() => void downloadMarkdown()}
        >
          <FileDown size={14} aria-hidden /> Download report (Markdown)
        </button>
        <button
          type="button"
          className="sb-button sb-button--small"
          disabled={busy}
          onClick={() => void openPrintable()}
        >
          <Printer size={14} aria-hidden /> Printable report
        </button>
      </div>
      <label className="panel-check revisions-report__notes">
        <input
          type="checkbox"
          checked={leaveOutNotes}
          onChange={(event) => setLeaveOutNotes(event.target.checked)}
        />
        <span>Leave out my private notes (a copy for the hiring committee)</span>
      </label>
      {busy && (
        <p className="panel-hint" role="status">
          Preparing the report…
        </p>
      )}
      {blockedUrl && (
        <p className="panel-hint">
          The browser kept the new tab from opening.{' '}
          <a href={blockedUrl} target="_blank" rel="noopener">
            Open the printable report
          </a>
        </p>
      )}
      {download.error && (
        <p className="panel-error" role="alert">
          {download.error}
        </p>
      )}
      {printable.error && (
        <p className="panel-error" role="alert">
          {printable.error}
        </p>
      )}
    </div>
  )
}
