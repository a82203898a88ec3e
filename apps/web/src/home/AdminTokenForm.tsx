import { KeyRound } from 'lucide-react'
import { type FormEvent, useState } from 'react'
import { tokenFromPaste } from './adminToken.ts'

/** Asks the organiser for the token the server printed at start-up. */
export function AdminTokenForm({
  error,
  onSubmit,
}: {
  error: string | null
  onSubmit: (token: string) => void
}) {
  const [value, setValue] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const token = tokenFromPaste(value)
    if (token) onSubmit(token)
  }
  return (
    <main className="sb-message-page">
      <form className="sb-message-card home-token" onSubmit={submit} aria-labelledby="token-title">
        <div className="sb-brand">
          <img src="/favicon.svg" alt="" />
          Scaleboard
        </div>
        <h1 id="token-title">Organiser sign-in</h1>
        <p>
          Paste the organiser token, or the whole organiser link, that the Scaleboard server printed when it
          started (it looks like <code>http://…/?admin=…</code>).
        </p>
        {error && (
          <div className="sb-alert sb-alert--error" role="alert">
            {error}
          </div>
        )}
        <div className="sb-field">
          <label htmlFor="admin-token">Organiser token</label>
          <input
            id="admin-token"
            className="sb-input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            required
            // biome-ignore lint/a11y/noAutofocus: the only thing to do on this page
            autoFocus
          />
          <span className="sb-field__hint">Kept in this browser only. Candidates never need it.</span>
        </div>
        <button className="sb-button sb-button--primary" type="submit">
          <KeyRound size={16} aria-hidden /> Continue
        </button>
      </form>
    </main>
  )
}
