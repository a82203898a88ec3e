import { Pencil } from 'lucide-react'
import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react'
import { DISPLAY_NAME_MAX_LENGTH } from '../identity.ts'
import { saveChosenName, useChosenName } from './displayName.ts'
import './DisplayNameControl.css'

/**
 * The interviewer's name as everyone sees it on their cursor and avatar, beside the role badge:
 * click, type, Enter keeps it (an empty name goes back to "Interviewer"), Escape leaves it as it
 * was. Kept in this browser, so it survives reloads and the next session.
 */
export function DisplayNameControl() {
  const name = useChosenName()
  const [draft, setDraft] = useState<string | null>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const settled = useRef(false)
  const inputId = useId()

  /** Leaves editing, keeping the draft or not; Enter and Escape give the keyboard back to the button. */
  const finish = (save: boolean, refocus: boolean) => {
    if (draft !== null && save) saveChosenName(draft)
    setDraft(null)
    if (refocus) requestAnimationFrame(() => buttonRef.current?.focus())
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    settled.current = true
    finish(true, true)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Escape') return
    e.preventDefault()
    // the input goes away next: its blur must not act a second time
    settled.current = true
    finish(false, true)
  }

  if (draft !== null)
    return (
      <form className="board-name board-name--editing" onSubmit={onSubmit}>
        <label className="sb-visually-hidden" htmlFor={inputId}>
          Your name, as others see it
        </label>
        <input
          id={inputId}
          className="board-name__input"
          value={draft}
          maxLength={DISPLAY_NAME_MAX_LENGTH}
          placeholder="Your name"
          autoComplete="name"
          spellCheck={false}
          // biome-ignore lint/a11y/noAutofocus: the input appears because the user asked to type a name
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => {
            if (settled.current) settled.current = false
            else finish(true, false)
          }}
          data-testid="display-name-input"
        />
      </form>
    )

  return (
    <button
      ref={buttonRef}
      type="button"
      className={`board-name${name ? '' : ' board-name--unset'}`}
      title="Your name on your cursor and avatar, as everyone sees it. Click to change."
      aria-label={
        name ? `Your name, as others see it: ${name}. Change` : 'Add your name, as others will see it'
      }
      onClick={() => {
        settled.current = false
        setDraft(name ?? '')
      }}
      data-testid="display-name"
    >
      <Pencil size={13} aria-hidden />
      <span className="board-name__text">{name ?? 'Add your name'}</span>
    </button>
  )
}
