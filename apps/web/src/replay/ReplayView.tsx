import type {
  BoardDiff,
  DiffEntry,
  ReplayData,
  Revision,
  SessionAccess,
  TimelineEvent,
} from '@scaleboard/schema'
import {
  AlertTriangle,
  ArrowLeft,
  ChevronDown,
  Download,
  FileDown,
  FileText,
  Image,
  Maximize,
  Minus,
  Plus,
  Share2,
} from 'lucide-react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Editor } from 'tldraw'
import { getBoardDiff, getReport, shareReplay } from '../api.ts'
import { RoleBadge } from '../board/RoleBadge.tsx'
import { SidePanel } from '../board/SidePanel.tsx'
import { PanelSection } from '../interview/PanelSection.tsx'
import { LEVEL_LABELS } from '../labels.ts'
import { organiserBoardPath } from '../linkToken.ts'
import { errorMessage, type RequestState } from '../useRequest.ts'
import { ComparePanel } from './ComparePanel.tsx'
import { defaultComparePair, diffMarks, withGhosts } from './compare.ts'
import { EventsList } from './EventsList.tsx'
import { boardImage, downloadBlob, exportFileName, type ImageFormat } from './exportBoard.ts'
import { PlaybackControls } from './PlaybackControls.tsx'
import { formatElapsed, formatElapsedForFile, revisionTime } from './playback.ts'
import { ReplayCanvas, useReplayCameraActions } from './ReplayCanvas.tsx'
import { brokenUpdatesOf, momentAt, openHistories, type ReplayMoment } from './replayHistory.ts'
import { Timeline, type TimelineModel } from './Timeline.tsx'
import { activityLanes, eventTicks, phaseChapters } from './timeline.ts'
import { usePlayback } from './usePlayback.ts'
import '../interview/panels.css'

interface Props {
  sessionId: string
  token: string
  access: SessionAccess
  data: ReplayData
  asOrganiser: boolean
}

type Compare = { from: string; to: string; diff: RequestState<BoardDiff> | null }

/** The replay: a read-only board at any moment of the session, its timeline, events and diffs. */
export function ReplayView({ sessionId, token, access, data, asOrganiser }: Props) {
  const histories = useMemo(() => openHistories(data), [data])
  const { start, end } = histories
  const revisions = useMemo(
    () => [...data.revisions].sort((a, b) => revisionTime(a) - revisionTime(b) || a.seq - b.seq),
    [data.revisions],
  )
  const updateTimes = useMemo(
    () => [...histories.board.points(), ...histories.annotations.points()].map((p) => p.at),
    [histories],
  )
  const model = useMemo<TimelineModel>(() => {
    const roleOf = (updates: ReplayData['board']['updates']) =>
      updates.map((u) => ({ at: u.at, role: u.role }))
    return {
      start,
      end,
      chapters: phaseChapters(data.events, end),
      revisions,
      ticks: eventTicks(data.events, histories.annotations.points()),
      activity: activityLanes([...roleOf(data.board.updates), ...roleOf(data.annotations.updates)]),
      broken: brokenUpdatesOf(histories),
    }
  }, [data, histories, revisions, start, end])

  // a link to one revision (`#rev=<id>`, from the board's Revisions list) opens at it
  const [linkedRevision] = useState(() => {
    const id = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('rev')
    return revisions.find((revision) => revision.id === id) ?? null
  })
  const playback = usePlayback({ start, end, updateTimes, revisions, initialRevision: linkedRevision })
  const [editor, setEditor] = useState<Editor | null>(null)
  const camera = useReplayCameraActions(editor)
  const [refused, setRefused] = useState<Array<{ id: string; reason: string }>>([])

  const initialPair = useMemo(() => defaultComparePair(revisions, data.events), [revisions, data.events])
  const [compare, setCompare] = useState<Compare>({
    from: initialPair?.from.id ?? revisions.at(-2)?.id ?? '',
    to: initialPair?.to.id ?? revisions.at(-1)?.id ?? '',
    diff: null,
  })
  const comparing = compare.diff !== null
  const revisionById = useMemo(() => new Map(revisions.map((r) => [r.id, r])), [revisions])

  const timelineMoment = useMemo<ReplayMoment>(() => {
    const began = performance.now()
    const moment = momentAt(
      histories,
      playback.revision ? { revision: playback.revision } : { at: playback.at },
    )
    const hook = window.__scaleboardReplay
    if (hook) hook.lastMomentMs = performance.now() - began
    return moment
  }, [histories, playback.revision, playback.at])

  // Comparing shows the "to" board, with the "from" board's removed shapes as ghosts.
  const compareView = useMemo(() => {
    if (compare.diff?.status !== 'ready') return null
    const from = revisionById.get(compare.from)
    const to = revisionById.get(compare.to)
    if (!from || !to) return null
    const toMoment = momentAt(histories, { revision: to })
    const fromBoard = histories.board.stateAt(from.seq).records
    const removed = compare.diff.data.removed.map((e) => e.id)
    return {
      records: withGhosts(fromBoard, toMoment.records, removed),
      skipped: toMoment.skipped,
      marks: diffMarks(compare.diff.data),
      to,
    }
  }, [compare, histories, revisionById])

  const records = compareView?.records ?? timelineMoment.records
  const skipped = compareView?.skipped ?? timelineMoment.skipped
  const marks = useMemo(() => compareView?.marks ?? new Map(), [compareView])

  const runCompare = useCallback(() => {
    const { from, to } = compare
    setCompare((c) => ({ ...c, diff: { status: 'loading' } }))
    getBoardDiff(sessionId, token, from, to).then(
      (diff) =>
        setCompare((c) =>
          c.from === from && c.to === to ? { ...c, diff: { status: 'ready', data: diff } } : c,
        ),
      (error: unknown) =>
        setCompare((c) => (c.from === from && c.to === to ? { ...c, diff: { status: 'error', error } } : c)),
    )
  }, [compare, sessionId, token])

  const onEvent = useCallback(
    (event: TimelineEvent) => {
      const revision = event.kind === 'revision' && event.ref ? revisionById.get(event.ref) : undefined
      if (revision) playback.showRevision(revision)
      else playback.seek(event.at)
    },
    [playback, revisionById],
  )

  // a new comparison brings its changes into view (the store holds them by now: child effects run first)
  useEffect(() => {
    if (compareView) camera.showAll(compareView.marks.keys())
  }, [compareView, camera])

  const onEntry = useCallback((entry: DiffEntry) => camera.zoomTo(entry.id), [camera])

  useReplayKeys(playback, comparing)

  const chapterNow = model.chapters.find((c) => playback.at >= c.start && playback.at < c.end) ?? null
  const shownRevision = compareView?.to ?? playback.revision
  const shownLabel = shownRevision ? shownRevision.label : `at ${formatElapsed(playback.at - start)}`
  // "4:05" reads as a time, but a colon is no good in a file name
  const fileLabel = shownRevision ? shownRevision.label : `at ${formatElapsedForFile(playback.at - start)}`
  const canReport = access.role === 'interviewer'
  const boardHref = asOrganiser ? organiserBoardPath(sessionId) : `/s/${encodeURIComponent(sessionId)}`
  const problems = [...skipped, ...refused.filter((r) => records.has(r.id))]

  return (
    <div className="board-page replay-page" data-testid="replay-page">
      <header className="board-topbar">
        <div className="board-topbar__title">
          <img src="/favicon.svg" alt="Scaleboard" className="board-topbar__logo" />
          <h1 title={data.title}>{data.title}</h1>
          {access.session.level && (
            <span className="board-topbar__level">{LEVEL_LABELS[access.session.level]}</span>
          )}
          <span className="replay-badge" data-testid="replay-badge">
            Replay
          </span>
        </div>
        <div className="board-topbar__center">
          <span className="replay-topbar__shown" data-testid="replay-shown">
            {comparing ? 'Comparing' : 'Showing'} <strong>{shownLabel}</strong>
          </span>
        </div>
        <div className="board-topbar__status">
          <ExportMenu
            editor={editor}
            title={data.title}
            label={shownLabel}
            fileLabel={fileLabel}
            report={canReport ? { sessionId, token } : null}
          />
          {canReport && <ShareToggle sessionId={sessionId} token={token} initial={data.shared} />}
          <RoleBadge role={access.role} />
          <a className="sb-button sb-button--small" href={boardHref} data-testid="replay-back">
            <ArrowLeft size={15} aria-hidden /> Board
          </a>
        </div>
      </header>
      <div className="board-body">
        <div className="board-centre">
          <main className="board-canvas replay-canvas" aria-label="Board at the moment shown (read-only)">
            <ReplayCanvas records={records} marks={marks} onEditor={setEditor} onRefused={setRefused} />
            <div className="replay-canvas__chips">
              <span className="replay-chip replay-chip--readonly">Read-only</span>
              {comparing && (
                <span className="replay-chip replay-chip--legend" data-testid="compare-legend">
                  <i className="replay-swatch replay-swatch--added" /> added
                  <i className="replay-swatch replay-swatch--removed" /> removed
                  <i className="replay-swatch replay-swatch--changed" /> changed
                </span>
              )}
              {problems.length > 0 && <SkippedChip problems={problems} />}
            </div>
            <fieldset className="replay-zoom">
              <legend className="sb-visually-hidden">Zoom</legend>
              <button type="button" onClick={camera.zoomOut} aria-label="Zoom out" title="Zoom out">
                <Minus size={15} aria-hidden />
              </button>
              <button type="button" onClick={camera.fit} aria-label="Fit the board" title="Fit the board">
                <Maximize size={15} aria-hidden />
              </button>
              <button type="button" onClick={camera.zoomIn} aria-label="Zoom in" title="Zoom in">
                <Plus size={15} aria-hidden />
              </button>
            </fieldset>
          </main>
        </div>
        <SidePanel side="right" title="Events & compare" id="replay">
          <div className="interview-panels">
            <PanelSection id="replay-compare" title="Compare revisions">
              <ComparePanel
                revisions={revisions}
                from={compare.from}
                to={compare.to}
                onChange={(pair) => setCompare({ ...pair, diff: null })}
                diff={compare.diff}
                onCompare={runCompare}
                onLeave={() => setCompare((c) => ({ ...c, diff: null }))}
                onEntry={onEntry}
              />
            </PanelSection>
            <PanelSection id="replay-events" title="Events" summary={`${data.events.length}`}>
              <EventsList events={data.events} start={start} at={playback.at} onSelect={onEvent} />
            </PanelSection>
          </div>
        </SidePanel>
      </div>
      <footer className={`replay-bottom${comparing ? ' replay-bottom--comparing' : ''}`}>
        <PlaybackControls
          playback={playback}
          start={start}
          end={end}
          hasRevisions={revisions.length > 0}
          phaseLabel={chapterNow?.label ?? null}
          disabled={comparing}
        />
        <Timeline
          model={model}
          at={playback.at}
          revision={playback.revision}
          compared={compareView ? { from: compare.from, to: compare.to } : null}
          onSeek={(at) => {
            if (comparing) setCompare((c) => ({ ...c, diff: null }))
            playback.seek(at)
          }}
          onRevision={(revision: Revision) => {
            if (comparing) setCompare((c) => ({ ...c, diff: null }))
            playback.showRevision(revision)
          }}
        />
      </footer>
    </div>
  )
}

/** Space plays or pauses, `[` and `]` step between revisions, wherever the focus is but in a field. */
function useReplayKeys(playback: ReturnType<typeof usePlayback>, comparing: boolean) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (comparing || event.metaKey || event.ctrlKey || event.altKey) return
      const target = event.target as HTMLElement | null
      if (target?.closest('input, select, textarea, [contenteditable="true"]')) return
      if (event.key === ' ' && !target?.closest('button, a')) {
        event.preventDefault()
        event.stopPropagation()
        playback.togglePlay()
      } else if (event.key === '[' || event.key === ']') {
        event.preventDefault()
        event.stopPropagation()
        playback.stepRevision(event.key === ']' ? 1 : -1)
      }
    }
    // capture: before tldraw, whose Space means "pan while held" (the replay pans with a drag anyway)
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [playback, comparing])
}

function SkippedChip({ problems }: { problems: Array<{ id: string; reason: string }> }) {
  const count = problems.length
  return (
    <details className="replay-chip replay-chip--warning" data-testid="replay-skipped">
      <summary>
        <AlertTriangle size={14} aria-hidden /> {count} {count === 1 ? 'record' : 'records'} could not be
        shown
      </summary>
      <ul>
        {problems.slice(0, 20).map((p) => (
          <li key={p.id}>
            <code>{p.id}</code>: {p.reason}
          </li>
        ))}
        {count > 20 && <li>…and {count - 20} more</li>}
      </ul>
    </details>
  )
}

/**
 * One "Export" button with the images of the board shown (PNG, SVG) and, for the interviewer's
 * side, the interview report (Markdown to download, the printable page in a new tab).
 */
function ExportMenu({
  editor,
  title,
  label,
  fileLabel,
  report,
}: {
  editor: Editor | null
  title: string
  label: string
  fileLabel: string
  report: { sessionId: string; token: string } | null
}) {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const menu = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const onPointer = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) setOpen(false)
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false)
    }
    window.addEventListener('pointerdown', onPointer)
    window.addEventListener('keydown', onKey)
    return () => {
      window.removeEventListener('pointerdown', onPointer)
      window.removeEventListener('keydown', onKey)
    }
  }, [open])

  const run = async (work: () => Promise<void>) => {
    setOpen(false)
    setBusy(true)
    setProblem(null)
    try {
      await work()
    } catch (error) {
      setProblem(errorMessage(error))
    } finally {
      setBusy(false)
    }
  }
  const image = (format: ImageFormat) =>
    run(async () => {
      if (!editor) return
      const blob = await boardImage(editor, format)
      if (blob) downloadBlob(blob, exportFileName(title, fileLabel, format))
      else setProblem('The board is empty at this moment: nothing to export.')
    })
  const markdown = (target: { sessionId: string; token: string }) =>
    run(async () => {
      const blob = await getReport(target.sessionId, target.token, 'markdown')
      downloadBlob(blob, exportFileName(title, 'report', 'md'))
    })
  const printable = (target: { sessionId: string; token: string }) => {
    // opened within the click, so pop-up blockers let it through; filled once the report arrives
    const tab = window.open('', '_blank')
    return run(async () => {
      try {
        const blob = await getReport(target.sessionId, target.token, 'html')
        const url = URL.createObjectURL(new Blob([blob], { type: 'text/html' }))
        if (tab) tab.location.href = url
        else window.location.assign(url)
        setTimeout(() => URL.revokeObjectURL(url), 60_000)
      } catch (error) {
        tab?.close()
        throw error
      }
    })
  }

  return (
    <div className="replay-export" ref={menu}>
      <button
        type="button"
        className="sb-button sb-button--small"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        disabled={busy}
        data-testid="replay-export"
      >
        <Download size={15} aria-hidden /> {busy ? 'Exporting…' : 'Export'}
        <ChevronDown size={14} aria-hidden />
      </button>
      {open && (
        <div className="replay-export__menu">
          <p className="replay-export__heading">The board shown ({label})</p>
          <button type="button" onClick={() => image('png')} disabled={!editor} data-testid="export-png">
            <Image size={15} aria-hidden /> PNG image
          </button>
          <button type="button" onClick={() => image('svg')} disabled={!editor} data-testid="export-svg">
            <Image size={15} aria-hidden /> SVG image
          </button>
          {report && (
            <>
              <p className="replay-export__heading">Interview report</p>
              <button type="button" onClick={() => markdown(report)} data-testid="report-markdown">
                <FileDown size={15} aria-hidden /> Markdown
              </button>
              <button type="button" onClick={() => printable(report)} data-testid="report-html">
                <FileText size={15} aria-hidden /> Printable page
              </button>
            </>
          )}
        </div>
      )}
      {problem && (
        <span className="replay-export__problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  )
}

/** The interviewer lets the candidate open this replay, or stops letting them. */
function ShareToggle({ sessionId, token, initial }: { sessionId: string; token: string; initial: boolean }) {
  const [shared, setShared] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const toggle = async () => {
    setBusy(true)
    setProblem(null)
    try {
      setShared((await shareReplay(sessionId, token, !shared)).shared)
    } catch (error) {
      setProblem(errorMessage(error))
    } finally {
      setBusy(false)
    }
  }
  return (
    <button
      type="button"
      className={`sb-button sb-button--small${shared ? ' replay-share--on' : ''}`}
      aria-pressed={shared}
      onClick={toggle}
      disabled={busy}
      title={
        shared
          ? 'The candidate can open this replay. Click to stop sharing.'
          : 'Let the candidate open this replay'
      }
      data-testid="replay-share"
    >
      <Share2 size={15} aria-hidden /> {shared ? 'Shared' : 'Share'}
      {problem && (
        <span className="replay-export__problem" role="alert">
          {problem}
        </span>
      )}
    </button>
  )
}
