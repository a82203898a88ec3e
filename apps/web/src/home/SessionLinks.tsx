import type { CreatedSession, Role } from '@scaleboard/schema'
import { ExternalLink, ShieldAlert } from 'lucide-react'
import { CopyButton } from './CopyButton.tsx'

const LINKS: { role: Role; title: string; forWhom: string }[] = [
  { role: 'candidate', title: 'Candidate', forWhom: 'For the person interviewing. They draw the design.' },
  {
    role: 'interviewer',
    title: 'Interviewer',
    forWhom: 'For the interviewer. Draws, annotates and runs the session.',
  },
  { role: 'observer', title: 'Observer', forWhom: 'For the hiring committee. Watches read-only.' },
]

/** The three secret role links of a session just created. */
export function SessionLinks({ session }: { session: CreatedSession }) {
  return (
    <section className="home-card home-links" aria-labelledby="links-title">
      <div>
        <h2 id="links-title">Links for “{session.title}”</h2>
        <p className="home-links__warning">
          <ShieldAlert size={16} aria-hidden />
          Each link is a secret: anyone who has it joins with that role. Send each one only to its person.
        </p>
      </div>
      <ul className="home-links__list">
        {LINKS.map(({ role, title, forWhom }) => {
          const url = session.links[role]
          return (
            <li key={role} className="home-links__item">
              <div className="home-links__who">
                <strong>{title}</strong>
                <span>{forWhom}</span>
              </div>
              <div className="home-links__url">
                <input
                  className="sb-input home-links__input"
                  readOnly
                  value={url}
                  aria-label={`${title} link`}
                  onFocus={(e) => e.target.select()}
                />
                <CopyButton text={url} label={`${title.toLowerCase()} link`} />
                <a
                  className="sb-button sb-button--small"
                  href={url}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  <ExternalLink size={14} aria-hidden /> Open
                  <span className="sb-visually-hidden"> the {title.toLowerCase()} board in a new tab</span>
                </a>
              </div>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
