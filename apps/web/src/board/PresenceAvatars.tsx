import { ROLE_LABELS, Role } from '@scaleboard/schema'
import { initials } from '../identity.ts'
import type { Person } from './usePeople.ts'

const MAX_SHOWN = 5

function describe(person: Person): string {
  const role = Role.safeParse(person.role)
  const roleLabel = role.success ? ROLE_LABELS[role.data] : null
  const name = roleLabel && roleLabel !== person.name ? `${person.name} (${roleLabel})` : person.name
  return person.isSelf ? `${name} — you` : name
}

interface Props {
  people: Person[]
  /** Stable id of the person whose view we follow, if any. */
  followingId?: string | null
  /** Follow (or stop following) a person's view; absent when the board is not ready. */
  onToggleFollow?: (person: Person) => void
}

/**
 * Who is on the board right now, including observers, so nobody is watched unknowingly.
 * Clicking someone who draws follows their view (tldraw's follow mode), so nobody gets lost.
 */
export function PresenceAvatars({ people, followingId = null, onToggleFollow }: Props) {
  const shown = people.slice(0, MAX_SHOWN)
  const hidden = people.slice(MAX_SHOWN)
  return (
    <ul className="board-avatars" aria-label={`On this board: ${people.map(describe).join(', ')}`}>
      {shown.map((person) => {
        const following = person.id === followingId
        const className = `board-avatar${person.isSelf ? ' board-avatar--self' : ''}${following ? ' board-avatar--following' : ''}`
        // Observers share no cursor or view, so there is nothing to follow.
        const followable = onToggleFollow && !person.isSelf && person.role !== 'observer'
        return (
          <li key={person.id}>
            {followable ? (
              <button
                type="button"
                className={className}
                style={{ background: person.color }}
                title={
                  following
                    ? `Stop following ${person.name}`
                    : `${describe(person)} — click to follow their view`
                }
                aria-pressed={following}
                onClick={() => onToggleFollow(person)}
              >
                {initials(person.name)}
                <span className="sb-visually-hidden">Follow {describe(person)}</span>
              </button>
            ) : (
              <span className={className} style={{ background: person.color }} title={describe(person)}>
                {initials(person.name)}
              </span>
            )}
          </li>
        )
      })}
      {hidden.length > 0 && (
        <li>
          <span className="board-avatar board-avatar--more" title={hidden.map(describe).join(', ')}>
            +{hidden.length}
          </span>
        </li>
      )}
    </ul>
  )
}
