import type { Role, SessionSummary } from '@scaleboard/schema'
import type { ReactNode } from 'react'
import { canChooseName } from '../identity.ts'
import { LEVEL_LABELS } from '../labels.ts'
import { ConnectionIndicator } from './ConnectionIndicator.tsx'
import type { ConnectionState } from './connectionState.ts'
import { DisplayNameControl } from './DisplayNameControl.tsx'
import { PresenceAvatars } from './PresenceAvatars.tsx'
import { RoleBadge } from './RoleBadge.tsx'
import type { Person } from './usePeople.ts'

interface Props {
  session: SessionSummary
  role: Role
  people: Person[]
  connection: ConnectionState
  followingId?: string | null
  onToggleFollow?: (person: Person) => void
  /** The middle of the bar: the phase and its timer. */
  center?: ReactNode
}

export function TopBar({ session, role, people, connection, center, followingId, onToggleFollow }: Props) {
  return (
    <header className="board-topbar">
      <div className="board-topbar__title">
        <img src="/favicon.svg" alt="Scaleboard" className="board-topbar__logo" />
        <h1 title={session.title}>{session.title}</h1>
        {session.level && <span className="board-topbar__level">{LEVEL_LABELS[session.level]}</span>}
      </div>
      <div className="board-topbar__center">{center}</div>
      <div className="board-topbar__status">
        <PresenceAvatars people={people} followingId={followingId} onToggleFollow={onToggleFollow} />
        {canChooseName(role) && <DisplayNameControl />}
        <RoleBadge role={role} />
        <ConnectionIndicator state={connection} />
      </div>
    </header>
  )
}
