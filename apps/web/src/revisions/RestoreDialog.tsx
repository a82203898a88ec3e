import type { Revision } from '@scaleboard/schema'
import { RotateCcw } from 'lucide-react'
import { useId } from 'react'
import { useModalDialog } from '../useModalDialog.ts'

interface Props {
  revision: Revision
  busy: boolean
  error: string | null
  onCancel: () => void
  onConfirm: () => void
}

/**
 * "Restore ‘End of design’?" as a modal dialog that says what happens to everyone's board and that
 * nothing is lost. It starts on Cancel (a restore changes every board at once), keeps Tab inside,
 * and Esc cancels.
 */
export function RestoreDialog({ revision, busy, error, onCancel, onConfirm }: Props) {
  const { cancelRef, dialogProps } = useModalDialog({ busy, onCancel })
  const titleId = useId()
  const whatId = useId()

  return (
    <dialog
      {...dialogProps}
      className="revisions-dialog"
      data-testid="restore-dialog"
      aria-labelledby={titleId}
      aria-describedby={whatId}
    >
      <h2 id={titleId}>Restore “{revision.label}”?</h2>
      <p id={whatId}>
        The board goes back to ‘{revision.label}’. Everyone sees it at once. Nothing is lost: the board as it
        is now is saved as a revision first, and the restore shows in the replay.
      </p>
      {error && (
        <p className="panel-error" role="alert">
          {error}
        </p>
      )}
      <div className="revisions-dialog__actions">
        <button ref={cancelRef} type="button" className="sb-button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="sb-button sb-button--primary" onClick={onConfirm} disabled={busy}>
          <RotateCcw size={14} aria-hidden /> {busy ? 'Restoring…' : 'Restore'}
        </button>
      </div>
    </dialog>
  )
}
