import type { RequirementChange, SessionMessage } from '@scaleboard/schema'
import { BadgeCheck, Sparkles } from 'lucide-react'
import { clockStampTitle, formatClockStamp } from '../interview/clockStamp.ts'
import { BriefSection } from './BriefSection.tsx'
import { newestFirst } from './updates.ts'

interface Props {
  /** requirements the interviewer added during the session */
  changes: RequirementChange[]
  /** the interviewer's answers marked as clarifying the brief */
  clarifications: SessionMessage[]
}

/**
 * What changed in the brief since the session started, on top of it: requirement changes (each
 * marked new, with its time on the session clock) and clarifications from the Q&A. Newest first.
 * Both are hidden while empty; both update live.
 */
export function BriefUpdates({ changes, clarifications }: Props) {
  return (
    <>
      {changes.length > 0 && (
        <BriefSection title="Changes to the requirements" aside={changes.length} testId="brief-changes">
          <ul className="brief-updates" aria-live="polite" aria-label="Changes to the requirements">
            {newestFirst(changes).map((change) => (
              <li key={change.id} className="brief-update brief-update--change" data-testid="brief-change">
                <div className="brief-update__meta">
                  <span className="brief-update__new">
                    <Sparkles size={11} aria-hidden /> New
                  </span>
                  <time
                    className="brief-update__time"
                    dateTime={change.at.at}
                    title={clockStampTitle(change.at)}
                  >
                    {formatClockStamp(change.at)}
                  </time>
                </div>
                <p className="brief-update__text">{change.text}</p>
              </li>
            ))}
          </ul>
        </BriefSection>
      )}
      {clarifications.length > 0 && (
        <BriefSection title="Clarifications" aside={clarifications.length} testId="brief-clarifications">
          <ul className="brief-updates" aria-live="polite" aria-label="Clarifications">
            {newestFirst(clarifications).map((message) => (
              <li
                key={message.id}
                className="brief-update brief-update--clarification"
                data-testid="brief-clarification"
              >
                <div className="brief-update__meta">
                  <span className="brief-update__label">
                    <BadgeCheck size={12} aria-hidden /> Interviewer
                  </span>
                  <time
                    className="brief-update__time"
                    dateTime={message.at.at}
                    title={clockStampTitle(message.at)}
                  >
                    {formatClockStamp(message.at)}
                  </time>
                </div>
                <p className="brief-update__text">{message.text}</p>
              </li>
            ))}
          </ul>
        </BriefSection>
      )}
    </>
  )
}
