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

/** localStorage key of the interviewer's chosen name */
export const DISPLAY_NAME_KEY = 'scaleboard.displayName'
export const DISPLAY_NAME_MAX_LENGTH = 40

type NameStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** This browser's localStorage, or null where there is none (tests) or it is blocked. */
function browserStorage(): NameStorage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

/**
 * A name as typed, made fit to show on a cursor: control and formatting characters (which could
 * reorder or hide text) become spaces, runs of spaces one, ends trimmed, at most 40 characters.
 * '' when nothing is left.
 */
export function cleanDisplayName(raw: string): string {
  const plain = raw
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return Array.from(plain).slice(0, DISPLAY_NAME_MAX_LENGTH).join('').trim()
}

/** The name the interviewer chose in this browser, if any (kept across reloads and sessions). */
export function getOwnDisplayName(storage: NameStorage | null = browserStorage()): string | null {
  try {
    return cleanDisplayName(storage?.getItem(DISPLAY_NAME_KEY) ?? '') || null
  } catch {
    return null
  }
}

/** Keeps a chosen name in this browser ('' forgets it); returns the name as kept, or null. */
export function setOwnDisplayName(
  name: string,
  storage: NameStorage | null = browserStorage(),
): string | null {
  const clean = cleanDisplayName(name)
  try {
    if (clean) storage?.setItem(DISPLAY_NAME_KEY, clean)
    else storage?.removeItem(DISPLAY_NAME_KEY)
  } catch {
    // Private mode or full storage: the name holds for this visit only.
  }
  return clean || null
}

/** Whether a role may choose the name others see; the candidate's comes from the organiser. */
export function canChooseName(role: Role): boolean {
  return role === 'interviewer'
}

/**
 * The name others see: the candidate's own name when the organiser gave one, the interviewer's
 * chosen name when they set one in this browser, else the role.
 */
export function displayName(
  role: Role,
  candidateName: string | null,
  chosenName: string | null = canChooseName(role) ? getOwnDisplayName() : null,
): string {
  if (role === 'candidate') return candidateName || ROLE_LABELS.candidate
  if (canChooseName(role) && chosenName) return chosenName
  return ROLE_LABELS[role]
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return '?'
  if (words.length === 1) return words[0].slice(0, 2).toUpperCase()
  return (words[0][0] + words[words.length - 1][0]).toUpperCase()
}
