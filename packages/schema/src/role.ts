import { z } from 'zod'

/** Who holds a link to a session. Each role has its own secret token. */
export const Role = z.enum(['candidate', 'interviewer', 'observer'])
export type Role = z.infer<typeof Role>

export const ROLES = Role.options

/** Observers watch; only candidates and interviewers change the board. */
export function canEditBoard(role: Role): boolean {
  return role !== 'observer'
}

export const ROLE_LABELS: Record<Role, string> = {
  candidate: 'Candidate',
  interviewer: 'Interviewer',
  observer: 'Observer',
}
