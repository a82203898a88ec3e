import { Eye, Focus, UserLock } from 'lucide-react'
import type { Editor } from 'tldraw'
import type { Person } from './usePeople.ts'

interface Props {
  editor: Editor | null
  people: Person[]
  followingId: string | null
  /** Interviewer only, during the walkthrough. */
  onBringEveryone?: () => void
}

/** Over the board: whose view we follow (with a way out), and the interviewer's summon. */
export function WalkthroughBar({ editor, people, followingId, onBringEveryone }: Props) {
  const leader = followingId ? people.find((person) => person.id === followingId) : undefined
  if (!(editor && followingId) && !onBringEveryone) return null
  return (
    <div className="walkthrough-bar" data-testid="walkthrough-bar">
      {editor && followingId && (
        <div className="walkthrough-bar__following" data-testid="following-indicator">
          <Eye size={15} aria-hidden />
          <span role="status">
            Following <strong>{leader?.name ?? 'someone'}</strong>
          </span>
          <button
            type="button"
            className="sb-button sb-button--small"
            onClick={() => editor.stopFollowingUser()}
          >
            Stop following
          </button>
        </div>
      )}
      {onBringEveryone && (
        <fieldset
          className="phase-controls walkthrough-bar__summon"
          aria-label="View controls (interviewer only)"
        >
          <span className="phase-controls__tag" title="Only interviewers see this control.">
            <UserLock size={14} aria-hidden />
            <span className="phase-controls__tag-text">Interviewer only</span>
          </span>
          <button
            type="button"
            className="sb-button sb-button--small sb-button--primary"
            onClick={onBringEveryone}
          >
            <Focus size={14} aria-hidden /> Bring everyone to my view
          </button>
        </fieldset>
      )}
    </div>
  )
}
