import { ROLE_LABELS, type Role } from '@scaleboard/schema'

const USER_ID_KEY = 'scaleboard.userId'

/** The same browser is the same person across visits: a random id kept in localStorage. */
export function getBrowserUserId(storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): string {
  const existing = storage.getItem(USER_ID_KEY)
  if (existing && /^[A-Za-z0-9_-]{1,64}$/.test(existing)) return existing
  const id = randomId()
  try {
    storage.setItem(USER_ID_KEY, id)
  } catch {
    // Private mode or full storage: this visit still works, the next one gets a new id.
  }
  return id
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Colours by role so people can tell the candidate's cursor from the interviewer's at a glance;
 * several people of one role get neighbouring shades.
 */
const ROLE_COLOURS: Record<Role, string[]> = {
  candidate: ['#1d4ed8', '#0369a1', '#4338ca'],
  interviewer: ['#c2410c', '#b45309', '#be123c'],
  observer: ['#6d28d9', '#7e22ce', '#0f766e'],
}

export function colourFor(role: Role, userId: string): string {
  const palette = ROLE_COLOURS[role]
  let hash = 0
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return palette[hash % palette.length]
}

/** The name others see: the candidate's own name when the organiser gave one, else the role. */
export function displayName(role: Role, candidateName: string | null): string {
  if (role === 'candidate' && candidateName) return candidateName
  return ROLE_LABELS[role]
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return '?'
  if (words.length === 1) return words[0].slice(0, 2).toUpperCase()
  return (words[0][0] + words[words.length - 1][0]).toUpperCase()
}
