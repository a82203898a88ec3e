import type { TimelineEvent } from '@scaleboard/schema'
import { useEffect, useRef } from 'react'
import { formatElapsed, formatWallTime } from './playback.ts'

const KIND_LABELS: Record<TimelineEvent['kind'], string> = {
  phase: 'Phase',
  clock: 'Clock',
  revision: 'Revision',
  checklist: 'Checklist',
  feedback: 'Feedback',
  message: 'Q&A',
  requirement: 'Requirement',
  note: 'Note',
  'what-if': 'What-if',
}

interface Props {
  events: readonly TimelineEvent[]
  start: number
  at: number
  onSelect: (event: TimelineEvent) => void
}

/** The session's events as a list to read; the last one at or before the moment shown is marked. */
export function EventsList({ events, start, at, onSelect }: Props) {
  const current = events.findLastIndex((event) => event.at <= at)
  const list = useRef<HTMLOListElement>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the marked item moves when `current` does
  useEffect(() => {
    const item = list.current?.querySelector<HTMLElement>('[aria-current="true"]')
    item?.scrollIntoView?.({ block: 'nearest' })
  }, [current])
  if (events.length === 0) return <p className="replay-empty">Nothing else happened in this session yet.</p>
  return (
    <ol className="replay-events" ref={list} data-testid="replay-events">
      {events.map((event, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed for the page's life
        <li key={i}>
          <button
            type="button"
            className={`replay-event replay-event--${event.kind}`}
            aria-current={i === current}
            onClick={() => onSelect(event)}
            title={`${formatWallTime(event.at)} · ${KIND_LABELS[event.kind]}`}
          >
            <span className="replay-event__time">{formatElapsed(event.at - start)}</span>
            <span className="replay-event__kind">{KIND_LABELS[event.kind]}</span>
            <span className="replay-event__text">{event.text}</span>
          </button>
        </li>
      ))}
    </ol>
  )
}
