import type { SessionListItem } from '@scaleboard/schema'
import { Trash2 } from 'lucide-react'
import { type KeyboardEvent, useEffect, useRef } from 'react'

interface Props {
  session: SessionListItem
  busy: boolean
  error: string | null
  onCancel: () => void
  onConfirm: () => void
}

const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * "Delete this session?" as a modal dialog: it names the session and its candidate, says what
 * goes, keeps the keyboard inside (Tab wraps around), starts on Cancel, and Esc cancels.
 */
export function DeleteSessionDialog({ session, busy, error, onCancel, onConfirm }: Props) {
  const dialog = useRef<HTMLDialogElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (!element.open) element.showModal()
    cancel.current?.focus()
    return () => element.close()
  }, [])

  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return
    const items = [...(dialog.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])]
    if (items.length === 0) return
    const first = items[0]
    const last = items[items.length - 1]
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  const who = session.candidateName ? ` with ${session.candidateName}` : ''
  return (
    <dialog
      ref={dialog}
      className="home-dialog"
      aria-labelledby="delete-session-title"
      aria-describedby="delete-session-what"
      onKeyDown={trapTab}
      onCancel={(event) => {
        // Esc: close through React state, so the page and the dialog agree.
        event.preventDefault()
        if (!busy) onCancel()
      }}
    >
      <h2 id="delete-session-title">Delete “{session.title}”?</h2>
      <p id="delete-session-what">
        The interview{who} is deleted for good: its board, annotations, notes, checklist and feedback, and its
        three links. Anyone who has the board open is disconnected and told it was deleted. This cannot be
        undone.
      </p>
      {error && (
        <p className="sb-alert sb-alert--error" role="alert">
          {error}
        </p>
      )}
      <div className="home-dialog__actions">
        <button ref={cancel} type="button" className="sb-button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="sb-button home-button--danger" onClick={onConfirm} disabled={busy}>
          <Trash2 size={14} aria-hidden /> {busy ? 'Deleting…' : 'Delete session'}
        </button>
      </div>
    </dialog>
  )
}
