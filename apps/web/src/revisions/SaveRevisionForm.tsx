import { REVISION_LABEL_MAX_LENGTH, type Revision } from '@scaleboard/schema'
import { Bookmark } from 'lucide-react'
import { type FormEvent, useId, useState } from 'react'
import { createRevision } from '../api.ts'
import { usePanelAction } from '../interview/usePanelAction.ts'
import { checkRevisionLabel } from './revisionList.ts'

/** From this many characters on, the form shows how many are left. */
const COUNT_FROM = REVISION_LABEL_MAX_LENGTH - 20

interface Props {
  sessionId: string
  token: string
  onSaved: (revision: Revision) => void
}

/** One line: a name for this moment of the board, Enter (or Save revision) keeps it. */
export function SaveRevisionForm({ sessionId, token, onSaved }: Props) {
  const [label, setLabel] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const { busy, error, run } = usePanelAction()
  const inputId = useId()
  const messageId = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    const checked = checkRevisionLabel(label)
    if (!checked.ok) {
      setProblem(checked.message)
      return
    }
    setProblem(null)
    const saved = await run('Could not save the revision', async () =>
      onSaved(await createRevision(sessionId, token, checked.label)),
    )
    if (saved) setLabel('')
  }

  const message = problem ?? error
  return (
    <form className="revisions-save" onSubmit={submit} aria-label="Save a revision" noValidate>
      <label htmlFor={inputId} className="panel-label">
        Mark this moment
      </label>
      <div className="revisions-save__row">
        <input
          id={inputId}
          className="panel-input"
          value={label}
          maxLength={REVISION_LABEL_MAX_LENGTH}
          placeholder="e.g. before caching"
          autoComplete="off"
          aria-invalid={problem !== null}
          aria-describedby={message ? messageId : undefined}
          onChange={(event) => {
            setLabel(event.target.value)
            if (problem) setProblem(null)
          }}
        />
        {/* "Save" keeps the placeholder readable in a narrow panel; the name says what is saved */}
        <button
          type="submit"
          className="sb-button sb-button--small"
          disabled={busy}
          aria-label="Save revision"
        >
          <Bookmark size={14} aria-hidden /> {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
      {label.length >= COUNT_FROM && (
        <p className="panel-hint revisions-save__count" aria-live="polite">
          {label.length} / {REVISION_LABEL_MAX_LENGTH} characters
        </p>
      )}
      {message && (
        <p className="panel-error" role="alert" id={messageId}>
          {message}
        </p>
      )}
    </form>
  )
}
