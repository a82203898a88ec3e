import { ROLE_LABELS, type Role } from '@scaleboard/schema'
import { KeyRound } from 'lucide-react'
import { useState } from 'react'
import { ApiRequestError, issueLink } from '../api.ts'
import { CopyButton } from './CopyButton.tsx'

const ROLES: Role[] = ['candidate', 'interviewer', 'observer']

interface Props {
  adminToken: string
  sessionId: string
  sessionTitle: string
  onUnauthorized: () => void
}

/**
 * Links are stored only as hashes, so a lost link cannot be shown again: the organiser issues a
 * new one, which stops the old one at once (its open board closes and says so).
 */
export function ReissueLinks({ adminToken, sessionId, sessionTitle, onUnauthorized }: Props) {
  const [issued, setIssued] = useState<Partial<Record<Role, string>>>({})
  const [busy, setBusy] = useState<Role | null>(null)
  const [error, setError] = useState<string | null>(null)

  const reissue = async (role: Role) => {
    setBusy(role)
    setError(null)
    try {
      const { link } = await issueLink(adminToken, sessionId, role)
      setIssued((current) => ({ ...current, [role]: link }))
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.status === 401) return onUnauthorized()
      setError(`Could not issue a new link: ${caught instanceof Error ? caught.message : String(caught)}`)
    } finally {
      setBusy(null)
    }
  }

  return (
    <fieldset className="home-reissue" aria-label={`Links of “${sessionTitle}”`}>
      <p className="home-muted">
        <KeyRound size={13} aria-hidden /> Links cannot be shown again: only their hashes are stored. A new
        link replaces the old one at once, and whoever has the old one is disconnected and told to ask you.
      </p>
      <ul className="home-reissue__list">
        {ROLES.map((role) => {
          const link = issued[role]
          return (
            <li key={role}>
              {link ? (
                <span className="home-reissue__new">
                  <strong>{ROLE_LABELS[role]}</strong>
                  <input
                    className="sb-input home-links__input"
                    readOnly
                    value={link}
                    aria-label={`New ${ROLE_LABELS[role].toLowerCase()} link`}
                    onFocus={(e) => e.target.select()}
                  />
                  <CopyButton text={link} label={`new ${ROLE_LABELS[role].toLowerCase()} link`} />
                </span>
              ) : (
                <button
                  type="button"
                  className="sb-button sb-button--small"
                  disabled={busy !== null}
                  onClick={() => reissue(role)}
                >
                  {busy === role ? 'Issuing…' : `New ${ROLE_LABELS[role].toLowerCase()} link`}
                </button>
              )}
            </li>
          )
        })}
      </ul>
      {error && (
        <p className="sb-alert sb-alert--error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  )
}
