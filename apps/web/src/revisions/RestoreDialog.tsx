import type { Revision } from '@scaleboard/schema'
import { RotateCcw } from 'lucide-react'
import { type KeyboardEvent, useEffect, useId, useRef } from 'react'

interface Props {
  revision: Revision
  busy: boolean
  error: string | null
  onCancel: () => void
  onConfirm: () => void
}

const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * "Restore ‘End of design’?" as a modal dialog that says what happens to everyone's board and that
 * nothing is lost. It starts on Cancel (a restore changes every board at once), keeps Tab inside,
 * and Esc cancels.
 */
export function RestoreDialog({ revision, busy, error, onCancel, onConfirm }: Props) {
  const dialog = useRef<HTMLDialogElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  const titleId = useId()
  const whatId = useId()

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

  return (
    <dialog
      ref={dialog}
      className="revisions-dialog"
      data-testid="restore-dialog"
      aria-labelledby={titleId}
      aria-describedby={whatId}
      onKeyDown={trapTab}
      onCancel={(event) => {
        // Esc: close through React state, so the section and the dialog agree.
        event.preventDefault()
        if (!busy) onCancel()
      }}
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
        <button ref={cancel} type="button" className="sb-button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="sb-button sb-button--primary" onClick={onConfirm} disabled={busy}>
          <RotateCcw size={14} aria-hidden /> {busy ? 'Restoring…' : 'Restore'}
        </button>
      </div>
    </dialog>
  )
}
