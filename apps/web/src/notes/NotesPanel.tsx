import type { Checklist, InterviewerNote } from '@scaleboard/schema'
import { Link2 } from 'lucide-react'
import { type FormEvent, useId, useState } from 'react'
import { addNote } from '../api.ts'
import { clockStampTitle, formatClockStamp } from '../interview/clockStamp.ts'
import { PanelError } from '../interview/PanelError.tsx'
import { LoadState } from '../interview/PanelSection.tsx'
import type { LiveResource } from '../interview/useLiveResource.ts'
import { usePanelAction } from '../interview/usePanelAction.ts'

interface Props {
  sessionId: string
  token: string
  notes: LiveResource<InterviewerNote[]>
  /** to link a note to an item, and to name the item a note is about */
  checklist: Checklist | null
}

/** The interviewer's private notes, each stamped with the session clock; newest last, like a log. */
export function NotesPanel({ sessionId, token, notes, checklist }: Props) {
  const { data, error, reload, set } = notes
  const itemText = (id: string | null) =>
    id ? (checklist?.items.find((item) => item.id === id)?.text ?? 'a removed item') : null

  return (
    <div className="notes" data-testid="notes">
      {!data ? (
        <LoadState error={error} onRetry={reload} what="your notes" />
      ) : data.length === 0 ? (
        <p className="panel-empty">No notes yet. What you write here is stamped with the session clock.</p>
      ) : (
        <ol className="notes__list" aria-label="Your notes">
          {data.map((note) => (
            <li key={note.id} className="note" data-testid="note">
              <div className="note__meta">
                <time className="panel-stamp" dateTime={note.at.at} title={clockStampTitle(note.at)}>
                  {formatClockStamp(note.at)}
                </time>
                {note.itemId && (
                  <span className="note__item">
                    <Link2 size={12} aria-hidden />
                    <span className="sb-visually-hidden">about </span>
                    {itemText(note.itemId)}
                  </span>
                )}
              </div>
              <p className="note__text">{note.text}</p>
            </li>
          ))}
        </ol>
      )}
      {data && error && (
        <p className="panel-error" role="alert">
          Could not refresh your notes: {error}
        </p>
      )}
      <AddNoteForm
        sessionId={sessionId}
        token={token}
        checklist={checklist}
        onAdded={(note) => set((current) => [...(current ?? []), note])}
      />
    </div>
  )
}

function AddNoteForm({
  sessionId,
  token,
  checklist,
  onAdded,
}: {
  sessionId: string
  token: string
  checklist: Checklist | null
  onAdded: (note: InterviewerNote) => void
}) {
  const [text, setText] = useState('')
  const [itemId, setItemId] = useState('')
  const { busy, error, run } = usePanelAction()
  const textId = useId()
  const itemSelectId = useId()

  const submit = async (event?: FormEvent) => {
    event?.preventDefault()
    if (!text.trim() || busy) return
    const saved = await run('Could not save the note', async () =>
      onAdded(await addNote(sessionId, token, { text: text.trim(), ...(itemId ? { itemId } : {}) })),
    )
    if (!saved) return
    setText('')
    setItemId('')
  }

  return (
    <form className="panel-form" onSubmit={submit} aria-label="Add a note">
      <label htmlFor={textId} className="panel-label">
        New note
      </label>
      <textarea
        id={textId}
        className="panel-textarea"
        rows={2}
        maxLength={5000}
        value={text}
        placeholder="What you noticed (Ctrl+Enter saves)"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit()
        }}
      />
      <div className="panel-form__row">
        {checklist && checklist.items.length > 0 && (
          <>
            <label htmlFor={itemSelectId} className="sb-visually-hidden">
              About checklist item
            </label>
            <select
              id={itemSelectId}
              className="panel-select"
              value={itemId}
              onChange={(event) => setItemId(event.target.value)}
            >
              <option value="">Not about an item</option>
              {checklist.items.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.text}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="submit" className="sb-button sb-button--small" disabled={busy || !text.trim()}>
          Save note
        </button>
      </div>
      <PanelError message={error} />
    </form>
  )
}
