/** A side-panel action's error, announced to screen readers; nothing when there is none. */
export function PanelError({ message }: { message: string | null | undefined }) {
  if (!message) return null
  return (
    <p className="panel-error" role="alert">
      {message}
    </p>
  )
}
