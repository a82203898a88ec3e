import type { Revision } from '@scaleboard/schema'
import { type KeyboardEvent, type PointerEvent, useRef } from 'react'
import { formatElapsed, formatWallTime, keyboardTarget, revisionTime } from './playback.ts'
import type { ActivityLane, ActivityRole, EventTick, PhaseChapter } from './timeline.ts'
import { fractionOf, timeAtFraction } from './timeline.ts'

export interface TimelineModel {
  start: number
  end: number
  chapters: PhaseChapter[]
  revisions: Revision[]
  ticks: EventTick[]
  activity: Record<ActivityRole, ActivityLane[]>
  broken: Array<{ seq: number; at: number; reason: string; layer: 'board' | 'annotations' }>
}

interface Props {
  model: TimelineModel
  at: number
  /** the revision shown exactly, if one is */
  revision: Revision | null
  /** the two revisions being compared, marked on the timeline */
  compared?: { from: string; to: string } | null
  onSeek: (at: number) => void
  onRevision: (revision: Revision) => void
}

const LANES: Array<{ role: ActivityRole; label: string }> = [
  { role: 'candidate', label: 'Candidate' },
  { role: 'interviewer', label: 'Interviewer' },
]

const TICK_LABELS: Record<EventTick['kind'], string> = {
  checklist: 'Checklist',
  feedback: 'Feedback',
  message: 'Q&A',
  requirement: 'Requirement',
  annotation: 'Annotation',
  note: 'Note',
  'what-if': 'What-if',
}

/**
 * The whole session on one axis: phase chapters, revisions, events, who was editing, and the
 * playhead. The track is a slider: drag or click to scrub; arrows step (Shift: ten steps),
 * Home/End jump to the ends. Revision markers are buttons of their own.
 */
export function Timeline({ model, at, revision, compared = null, onSeek, onRevision }: Props) {
  const { start, end } = model
  const track = useRef<HTMLDivElement>(null)
  const dragging = useRef(false)
  const pct = (t: number) => `${fractionOf(t, start, end) * 100}%`
  const width = (a: number, b: number) =>
    `${Math.max(0, fractionOf(b, start, end) - fractionOf(a, start, end)) * 100}%`

  const timeAtPointer = (event: PointerEvent) => {
    const box = track.current?.getBoundingClientRect()
    if (!box || box.width === 0) return start
    return timeAtFraction((event.clientX - box.left) / box.width, start, end)
  }
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return
    dragging.current = true
    onSeek(timeAtPointer(event))
    try {
      event.currentTarget.setPointerCapture(event.pointerId)
    } catch {
      // a pointer the browser no longer tracks: the click still seeks, there is just no drag
    }
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) onSeek(timeAtPointer(event))
  }
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    dragging.current = false
    if (event.currentTarget.hasPointerCapture(event.pointerId))
      event.currentTarget.releasePointerCapture(event.pointerId)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = keyboardTarget(event.key, at, start, end, event.shiftKey)
    if (target === null) return
    event.preventDefault()
    onSeek(target)
  }

  const chapterNow = model.chapters.find((c) => at >= c.start && at < c.end) ?? null
  const valueText = `${formatElapsed(at - start)} since start, ${formatWallTime(at)}${chapterNow ? `, ${chapterNow.label}` : ''}`

  return (
    <div className="replay-timeline" data-testid="replay-timeline">
      <div className="replay-timeline__labels" aria-hidden>
        <span>Revisions</span>
        <span>Phases</span>
        <span>Events</span>
        {LANES.map((lane) => (
          <span key={lane.role}>{lane.label}</span>
        ))}
      </div>
      <div className="replay-timeline__area">
        <div className="replay-lane replay-lane--revisions">
          {model.revisions.map((r) => (
            <button
              key={r.id}
              type="button"
              className={revisionClass(r, {
                current: revision,
                compared,
                late: fractionOf(revisionTime(r), start, end) > 0.85,
              })}
              style={{ left: pct(revisionTime(r)) }}
              aria-label={`Revision “${r.label}” at ${formatElapsed(revisionTime(r) - start)}`}
              data-testid="replay-revision-marker"
              data-label={r.label}
              onClick={() => onRevision(r)}
            >
              <span className="replay-revision__label">{r.label}</span>
            </button>
          ))}
        </div>
        <div
          ref={track}
          className="replay-timeline__track"
          role="slider"
          tabIndex={0}
          aria-label="Session time"
          aria-valuemin={0}
          aria-valuemax={Math.round((end - start) / 1000)}
          aria-valuenow={Math.round((at - start) / 1000)}
          aria-valuetext={valueText}
          data-testid="replay-scrubber"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onKeyDown={onKeyDown}
        >
          <div className="replay-lane replay-lane--chapters">
            {model.chapters.map((chapter) => (
              <div
                key={`${chapter.start}`}
                className={`replay-chapter replay-chapter--${chapter.phase ?? 'other'}`}
                style={{ left: pct(chapter.start), width: width(chapter.start, chapter.end) }}
                title={`${chapter.label}: ${formatElapsed(chapter.start - start)}–${formatElapsed(chapter.end - start)}`}
                data-testid="replay-chapter"
              >
                <span>{chapter.label}</span>
              </div>
            ))}
          </div>
          <div className="replay-lane replay-lane--events">
            {model.ticks.map((tick, i) => (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: ticks of one time and kind are alike
                key={`${tick.at}-${tick.kind}-${i}`}
                className={`replay-tick replay-tick--${tick.kind}`}
                style={{ left: pct(tick.at) }}
                title={`${TICK_LABELS[tick.kind]} · ${formatElapsed(tick.at - start)} · ${tick.text}`}
                data-kind={tick.kind}
              />
            ))}
            {model.broken.map((b) => (
              <span
                key={`${b.layer}-${b.seq}`}
                className="replay-broken"
                style={{ left: pct(b.at) }}
                title={`An update of the ${b.layer === 'board' ? 'board' : 'annotations'} (#${b.seq}) could not be read and is skipped: ${b.reason}`}
                data-testid="replay-broken-marker"
              >
                !
              </span>
            ))}
          </div>
          {LANES.map((lane) => (
            <div key={lane.role} className={`replay-lane replay-lane--activity replay-lane--${lane.role}`}>
              {model.activity[lane.role].map((span) => (
                <span
                  key={span.start}
                  className="replay-activity"
                  style={{ left: pct(span.start), width: width(span.start, span.end) }}
                  title={`${lane.label} editing ${formatElapsed(span.start - start)}–${formatElapsed(span.end - start)} (${span.updates} ${span.updates === 1 ? 'edit' : 'edits'})`}
                />
              ))}
            </div>
          ))}
        </div>
        <div className="replay-playhead" style={{ left: pct(at) }} aria-hidden />
      </div>
    </div>
  )
}

function revisionClass(
  r: Revision,
  {
    current,
    compared,
    late,
  }: { current: Revision | null; compared: { from: string; to: string } | null; late: boolean },
): string {
  const classes = ['replay-revision']
  if (current?.id === r.id) classes.push('replay-revision--current')
  if (compared?.from === r.id) classes.push('replay-revision--from')
  if (compared?.to === r.id) classes.push('replay-revision--to')
  if (late) classes.push('replay-revision--late')
  return classes.join(' ')
}
