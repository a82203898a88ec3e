import {
  CHECKLIST_GROUP_LABELS,
  CHECKLIST_GROUPS,
  type Checklist,
  type ChecklistEntry,
  type ChecklistGroup,
  ChecklistStatus,
  type RequirementChange,
} from '@scaleboard/schema'
import { Plus } from 'lucide-react'
import { type FormEvent, useId, useState } from 'react'
import { addChecklistItem, shareChecklist, updateChecklistItem } from '../api.ts'
import { clockStampTitle, formatClockStamp } from '../interview/clockStamp.ts'
import { PanelError } from '../interview/PanelError.tsx'
import { LoadState } from '../interview/PanelSection.tsx'
import { PanelSwitch } from '../interview/PanelSwitch.tsx'
import type { LiveResource } from '../interview/useLiveResource.ts'
import { usePanelAction } from '../interview/usePanelAction.ts'
import { errorMessage } from '../useRequest.ts'
import { groupChecklist, STATUS_LABELS } from './groupChecklist.ts'
import { RequirementChanges } from './RequirementChanges.tsx'

interface Props {
  sessionId: string
  token: string
  checklist: LiveResource<Checklist>
  requirements: LiveResource<RequirementChange[]>
}

/** The interviewer's rubric: a status and a note per item, items added live, and the share switch. */
export function ChecklistPanel({ sessionId, token, checklist, requirements }: Props) {
  const { data, error, reload, set } = checklist
  if (!data) return <LoadState error={error} onRetry={reload} what="the checklist" />

  const keep = (entry: ChecklistEntry) =>
    set((current) =>
      current
        ? {
            ...current,
            items: current.items.some((item) => item.id === entry.id)
              ? current.items.map((item) => (item.id === entry.id ? entry : item))
              : [...current.items, entry],
          }
        : current,
    )

  return (
    <div className="checklist" data-testid="checklist">
      {error && (
        <p className="panel-error" role="alert">
          Could not refresh the checklist: {error}
        </p>
      )}
      <ShareSwitch
        sessionId={sessionId}
        token={token}
        shared={data.shared}
        onShared={(next) => set(() => next)}
      />
      {data.items.length === 0 ? (
        <p className="panel-empty">
          This scenario has no checklist items. Add what you want to assess below.
        </p>
      ) : (
        groupChecklist(data.items).map((section) => (
          <div key={section.group} className="checklist__group">
            <h4 className="checklist__group-title">{section.label}</h4>
            <ul className="checklist__items">
              {section.items.map((item) => (
                <ChecklistRow key={item.id} sessionId={sessionId} token={token} item={item} onSaved={keep} />
              ))}
            </ul>
          </div>
        ))
      )}
      <RequirementChanges sessionId={sessionId} token={token} requirements={requirements} onAdded={reload} />
      <AddItemForm sessionId={sessionId} token={token} onAdded={keep} />
    </div>
  )
}

function ShareSwitch({
  sessionId,
  token,
  shared,
  onShared,
}: {
  sessionId: string
  token: string
  shared: boolean
  onShared: (checklist: Checklist) => void
}) {
  const { busy, error, run } = usePanelAction()
  const toggle = () => run(null, async () => onShared(await shareChecklist(sessionId, token, !shared)))
  return (
    <div className="checklist__share">
      <PanelSwitch
        label="Share result with candidate"
        checked={shared}
        disabled={busy}
        onToggle={toggle}
        hint={{
          on: 'The candidate and observers now see every status and item note.',
          off: 'Until you share it, only you see statuses and notes.',
        }}
      />
      {error && (
        <p className="panel-error" role="alert">
          Could not change sharing: {error}
        </p>
      )}
    </div>
  )
}

function ChecklistRow({
  sessionId,
  token,
  item,
  onSaved,
}: {
  sessionId: string
  token: string
  item: ChecklistEntry
  onSaved: (entry: ChecklistEntry) => void
}) {
  const status = item.status ?? 'open'
  const [note, setNote] = useState<string | null>(null)
  const [saving, setSaving] = useState<'status' | 'note' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const statusId = useId()
  const noteId = useId()
  const shownNote = note ?? item.note ?? ''

  const save = async (what: 'status' | 'note', body: { status?: ChecklistStatus; note?: string }) => {
    setSaving(what)
    setError(null)
    try {
      onSaved(await updateChecklistItem(sessionId, token, item.id, body))
      if (what === 'note') setNote(null)
    } catch (failure) {
      setError(`Could not save the ${what}: ${errorMessage(failure)}`)
    } finally {
      setSaving(null)
    }
  }

  return (
    <li
      className={`checklist-item checklist-item--${status}`}
      data-testid="checklist-item"
      data-status={status}
    >
      <div className="checklist-item__head">
        <span className="checklist-item__text">{item.text}</span>
        {item.source === 'interviewer' && <span className="panel-tag">added</span>}
      </div>
      <div className="checklist-item__controls">
        <label className="sb-visually-hidden" htmlFor={statusId}>
          Status of “{item.text}”
        </label>
        <span className={`status-dot status-dot--${status}`} aria-hidden />
        <select
          id={statusId}
          className="checklist-item__status"
          value={status}
          disabled={saving === 'status'}
          onChange={(event) => save('status', { status: ChecklistStatus.parse(event.target.value) })}
        >
          {ChecklistStatus.options.map((option) => (
            <option key={option} value={option}>
              {STATUS_LABELS[option]}
            </option>
          ))}
        </select>
        {item.changedAt && (
          <time className="panel-stamp" dateTime={item.changedAt.at} title={clockStampTitle(item.changedAt)}>
            {formatClockStamp(item.changedAt)}
          </time>
        )}
      </div>
      <label className="sb-visually-hidden" htmlFor={noteId}>
        Note on “{item.text}”
      </label>
      <textarea
        id={noteId}
        className="panel-textarea checklist-item__note"
        rows={1}
        placeholder="Note on this item"
        title="Saved when you leave the field"
        value={shownNote}
        onChange={(event) => setNote(event.target.value)}
        onBlur={() => {
          if (note !== null && note.trim() !== (item.note ?? '')) void save('note', { note })
          else setNote(null)
        }}
      />
      {saving === 'note' && (
        <p className="panel-hint" role="status">
          Saving note…
        </p>
      )}
      <PanelError message={error} />
    </li>
  )
}

function AddItemForm({
  sessionId,
  token,
  onAdded,
}: {
  sessionId: string
  token: string
  onAdded: (entry: ChecklistEntry) => void
}) {
  const [text, setText] = useState('')
  const [group, setGroup] = useState<ChecklistGroup>('requirements')
  const { busy, error, run } = usePanelAction()
  const textId = useId()
  const groupId = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!text.trim()) return
    const added = await run('Could not add the item', async () =>
      onAdded(await addChecklistItem(sessionId, token, { text: text.trim(), group })),
    )
    if (added) setText('')
  }

  return (
    <form className="panel-form" onSubmit={submit} aria-label="Add a checklist item">
      <label htmlFor={textId} className="panel-label">
        Add an item
      </label>
      <input
        id={textId}
        className="panel-input"
        value={text}
        maxLength={300}
        placeholder="e.g. Handles a 2× traffic spike"
        onChange={(event) => setText(event.target.value)}
      />
      <div className="panel-form__row">
        <label htmlFor={groupId} className="sb-visually-hidden">
          Group
        </label>
        <select
          id={groupId}
          className="panel-select"
          value={group}
          onChange={(event) => setGroup(event.target.value as ChecklistGroup)}
        >
          {CHECKLIST_GROUPS.map((option) => (
            <option key={option} value={option}>
              {CHECKLIST_GROUP_LABELS[option]}
            </option>
          ))}
        </select>
        <button type="submit" className="sb-button sb-button--small" disabled={busy || !text.trim()}>
          <Plus size={14} aria-hidden /> Add
        </button>
      </div>
      <PanelError message={error} />
    </form>
  )
}

/** What the candidate and observers see once the interviewer shared the result: read-only. */
export function SharedChecklist({ checklist }: { checklist: Checklist }) {
  return (
    <div className="checklist" data-testid="checklist">
      <p className="panel-hint">The interviewer shared how your design met the requirements.</p>
      {groupChecklist(checklist.items).map((section) => (
        <div key={section.group} className="checklist__group">
          <h4 className="checklist__group-title">{section.label}</h4>
          <ul className="checklist__items">
            {section.items.map((item) => {
              const status = item.status ?? 'open'
              return (
                <li
                  key={item.id}
                  className={`checklist-item checklist-item--${status}`}
                  data-testid="checklist-item"
                  data-status={status}
                >
                  <div className="checklist-item__head">
                    <span className="checklist-item__text">{item.text}</span>
                  </div>
                  <div className="checklist-item__controls">
                    <span className={`status-dot status-dot--${status}`} aria-hidden />
                    <span className="checklist-item__status-text">{STATUS_LABELS[status]}</span>
                  </div>
                  {item.note && <p className="checklist-item__shared-note">{item.note}</p>}
                </li>
              )
            })}
          </ul>
        </div>
      ))}
    </div>
  )
}
