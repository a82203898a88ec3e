import type { AwarenessBoardState, PresenceUser } from '@scaleboard/board-sync'
import { useEffect, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'

export interface Person extends PresenceUser {
  isSelf: boolean
}

/**
 * Everyone connected to the board, from the awareness `user` fields: one entry per person
 * (a person with two tabs open counts once), the local user first.
 */
export function peopleFromAwareness(states: Map<number, unknown>, self: PresenceUser): Person[] {
  const people = new Map<string, Person>([[self.id, { ...self, isSelf: true }]])
  for (const state of states.values()) {
    const user = (state as AwarenessBoardState | null)?.user
    if (!user || typeof user.id !== 'string' || people.has(user.id)) continue
    people.set(user.id, {
      id: user.id,
      name: String(user.name ?? ''),
      color: String(user.color ?? '#64748b'),
      role: user.role,
      isSelf: false,
    })
  }
  return [...people.values()]
}

export function usePeople(awareness: WebsocketProvider['awareness'] | null, self: PresenceUser): Person[] {
  const [people, setPeople] = useState<Person[]>(() => [{ ...self, isSelf: true }])
  useEffect(() => {
    if (!awareness) return
    const update = () => setPeople(peopleFromAwareness(awareness.getStates(), self))
    update()
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [awareness, self])
  return people
}
