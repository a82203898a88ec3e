import type { BoardDiff, DiffEntry, Revision } from '@scaleboard/schema'
import { GitCompare, X } from 'lucide-react'
import { useId } from 'react'
import type { RequestState } from '../useRequest.ts'
import { errorMessage } from '../useRequest.ts'
import type { DiffMark } from './compare.ts'

interface Props {
  revisions: readonly Revision[]
  from: string
  to: string
  onChange: (pair: { from: string; to: string }) => void
  /** null: not comparing */
  diff: RequestState<BoardDiff> | null
  onCompare: () => void
  onLeave: () => void
  onEntry: (entry: DiffEntry) => void
}

const GROUPS: Array<{ key: keyof BoardDiff; mark: DiffMark; title: string }> = [
  { key: 'added', mark: 'added', title: 'Added' },
  { key: 'removed', mark: 'removed', title: 'Removed' },
  { key: 'changed', mark: 'changed', title: 'Changed' },
]

/** Pick two revisions, see what changed between them as a list, and on the canvas. */
export function ComparePanel({ revisions, from, to, onChange, diff, onCompare, onLeave, onEntry }: Props) {
  const fromId = useId()
  const toId = useId()
  if (revisions.length < 2)
    return <p className="replay-empty">Comparing needs two revisions; this session has {revisions.length}.</p>
  const options = revisions.map((r) => (
    <option key={r.id} value={r.id}>
      {r.label}
    </option>
  ))
  return (
    <div className="replay-compare" data-testid="replay-compare">
      <div className="replay-compare__pick">
        <label htmlFor={fromId}>From</label>
        <select
          id={fromId}
          className="sb-select"
          value={from}
          onChange={(event) => onChange({ from: event.target.value, to })}
          data-testid="compare-from"
        >
          {options}
        </select>
        <label htmlFor={toId}>To</label>
        <select
          id={toId}
          className="sb-select"
          value={to}
          onChange={(event) => onChange({ from, to: event.target.value })}
          data-testid="compare-to"
        >
          {options}
        </select>
      </div>
      <div className="replay-compare__actions">
        <button
          type="button"
          className="sb-button sb-button--small sb-button--primary"
          onClick={onCompare}
          disabled={from === to}
          data-testid="compare-run"
        >
          <GitCompare size={15} aria-hidden /> {diff ? 'Compare again' : 'Compare'}
        </button>
        {diff && (
          <button
            type="button"
            className="sb-button sb-button--small"
            onClick={onLeave}
            data-testid="compare-leave"
          >
            <X size={15} aria-hidden /> Back to the timeline
          </button>
        )}
      </div>
      {from === to && <p className="replay-empty">Pick two different revisions.</p>}
      {diff?.status === 'loading' && (
        <p className="replay-empty" role="status">
          Comparing…
        </p>
      )}
      {diff?.status === 'error' && (
        <p className="sb-alert sb-alert--error" role="alert">
          {errorMessage(diff.error)}
        </p>
      )}
      {diff?.status === 'ready' && <DiffLists diff={diff.data} onEntry={onEntry} />}
    </div>
  )
}

function DiffLists({ diff, onEntry }: { diff: BoardDiff; onEntry: (entry: DiffEntry) => void }) {
  const total = diff.added.length + diff.removed.length + diff.changed.length
  if (total === 0) return <p className="replay-empty">The two boards are the same.</p>
  return (
    <div className="replay-diff" data-testid="replay-diff">
      {GROUPS.map(({ key, mark, title }) =>
        diff[key].length === 0 ? null : (
          <section key={key} className={`replay-diff__group replay-diff__group--${mark}`}>
            <h4>
              {title} <span className="replay-diff__count">{diff[key].length}</span>
            </h4>
            <ul>
              {diff[key].map((entry) => (
                <li key={entry.id}>
                  <button
                    type="button"
                    className="replay-diff__entry"
                    onClick={() => onEntry(entry)}
                    title="Show on the board"
                    data-testid="diff-entry"
                    data-mark={mark}
                  >
                    {entry.summary}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ),
      )}
    </div>
  )
}
