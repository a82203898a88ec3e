import type { PresenceUser } from '@scaleboard/board-sync'
import { Role } from '@scaleboard/schema'
import { atom, computed, type Signal, useValue } from 'tldraw'
import {
  canChooseName,
  DISPLAY_NAME_KEY,
  displayName,
  getOwnDisplayName,
  setOwnDisplayName,
} from '../identity.ts'

/** The interviewer's chosen name in this browser, live: set here, or in another tab. */
const chosenName = atom<string | null>('chosen display name', getOwnDisplayName())

if (typeof window !== 'undefined')
  window.addEventListener('storage', (e) => {
    if (e.key === null || e.key === DISPLAY_NAME_KEY) chosenName.set(getOwnDisplayName())
  })

/** Keeps the name (cleaned; '' forgets it) and shows it at once; returns it as kept, or null. */
export function saveChosenName(name: string): string | null {
  const saved = setOwnDisplayName(name)
  chosenName.set(saved)
  return saved
}

export function useChosenName(): string | null {
  return useValue(chosenName)
}

/** The user as others should see them now: with the chosen name, for a role that may choose one. */
export function withChosenName(self: PresenceUser, chosen: string | null): PresenceUser {
  const role = Role.safeParse(self.role)
  if (!role.success || !canChooseName(role.data)) return self
  const name = displayName(role.data, null, chosen)
  return name === self.name ? self : { ...self, name }
}

/**
 * The presence user to publish (cursor label, avatars): `self` with the chosen name, following
 * every change of it, so `bindPresence({ user: livePresenceUser(self) })` renames the cursor and
 * avatar everyone sees without rebinding the board.
 */
export function livePresenceUser(self: PresenceUser): Signal<PresenceUser> {
  return computed('presence user', () => withChosenName(self, chosenName.get()))
}
