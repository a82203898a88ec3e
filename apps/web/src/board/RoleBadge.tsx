import type { Role } from '@scaleboard/schema'
import { Eye, MessageSquareText, PenLine } from 'lucide-react'

const BADGES: Record<Role, { label: string; hint: string; Icon: typeof Eye }> = {
  candidate: {
    label: 'Candidate',
    hint: 'You draw the design. Everyone in the session sees it live.',
    Icon: PenLine,
  },
  interviewer: {
    label: 'Interviewer',
    hint: 'You can draw and annotate. The candidate sees everything on the board.',
    Icon: MessageSquareText,
  },
  observer: { label: 'Observer — read-only', hint: 'You watch the board; you cannot change it.', Icon: Eye },
}

/** Says which role this link gave, so nobody wonders what they can do or who sees what. */
export function RoleBadge({ role }: { role: Role }) {
  const { label, hint, Icon } = BADGES[role]
  return (
    <span className={`board-role board-role--${role}`} data-testid="role-badge" title={hint}>
      <Icon size={14} aria-hidden />
      {label}
    </span>
  )
}
