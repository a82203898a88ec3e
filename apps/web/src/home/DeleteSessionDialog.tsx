import type { SessionListItem } from '@scaleboard/schema'
import { Trash2 } from 'lucide-react'
import { useModalDialog } from '../useModalDialog.ts'

interface Props {
  session: SessionListItem
  busy: boolean
  error: string | null
  onCancel: () => void
  onConfirm: () => void
}

/**
 * "Delete this session?" as a modal dialog: it names the session and its candidate, says what
 * goes, keeps the keyboard inside (Tab wraps around), starts on Cancel, and Esc cancels.
 */
export function DeleteSessionDialog({ session, busy, error, onCancel, onConfirm }: Props) {
  const { cancelRef, dialogProps } = useModalDialog({ busy, onCancel })

  const who = session.candidateName ? ` with ${session.candidateName}` : ''
  return (
    <dialog
      {...dialogProps}
      className="home-dialog"
      aria-labelledby="delete-session-title"
      aria-describedby="delete-session-what"
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
        <button ref={cancelRef} type="button" className="sb-button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="sb-button home-button--danger" onClick={onConfirm} disabled={busy}>
          <Trash2 size={14} aria-hidden /> {busy ? 'Deleting…' : 'Delete session'}
        </button>
      </div>
    </dialog>
  )
}
