import type { AwarenessBoardState, PresenceUser } from '@scaleboard/board-sync'
import { useEffect, useMemo, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import { useChosenName, withChosenName } from './displayName.ts'

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

/** Everyone on the board, live; the local user under the name they chose just now, if they may choose one. */
export function usePeople(awareness: WebsocketProvider['awareness'] | null, self: PresenceUser): Person[] {
  const chosen = useChosenName()
  const me = useMemo(() => withChosenName(self, chosen), [self, chosen])
  const [people, setPeople] = useState<Person[]>(() => [{ ...me, isSelf: true }])
  useEffect(() => {
    if (!awareness) {
      setPeople([{ ...me, isSelf: true }])
      return
    }
    const update = () => setPeople(peopleFromAwareness(awareness.getStates(), me))
    update()
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [awareness, me])
  return people
}
