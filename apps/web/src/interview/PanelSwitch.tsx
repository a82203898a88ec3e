/**
 * An on/off switch of the side panel ("Share result with candidate", "Show to everyone"…), with a
 * line under it that says what the current setting means.
 */
export function PanelSwitch({
  label,
  checked,
  disabled,
  onToggle,
  hint,
}: {
  label: string
  checked: boolean
  disabled?: boolean
  onToggle: () => void
  /** what "on" and "off" mean for who sees what */
  hint: { on: string; off: string }
}) {
  return (
    <>
      <label className="panel-switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={checked}
          checked={checked}
          disabled={disabled}
          onChange={onToggle}
        />
        <span>{label}</span>
      </label>
      <p className="panel-hint">{checked ? hint.on : hint.off}</p>
    </>
  )
}
