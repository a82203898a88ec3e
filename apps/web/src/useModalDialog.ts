import { type KeyboardEvent, type SyntheticEvent, useEffect, useRef } from 'react'

const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * A confirm step as a modal `<dialog>`: open on mount with focus on Cancel (the safe choice),
 * Tab kept inside (it wraps around), and Esc cancelling through the caller's state, so the page
 * and the dialog agree; nothing cancels while `busy`. Spread `dialogProps` on the `<dialog>` and
 * put `cancelRef` on its Cancel button.
 */
export function useModalDialog({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (!element.open) element.showModal()
    cancelRef.current?.focus()
    return () => element.close()
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return
    const items = [...(dialog.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])]
    const first = items[0]
    const last = items.at(-1)
    if (!first || !last) return
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  const onCancelEvent = (event: SyntheticEvent<HTMLDialogElement>) => {
    event.preventDefault()
    if (!busy) onCancel()
  }

  return { cancelRef, dialogProps: { ref: dialog, onKeyDown, onCancel: onCancelEvent } }
}
