import {
  computed,
  createPresenceStateDerivation,
  createUserId,
  InstancePresenceRecordType,
  isSignal,
  react,
  type Signal,
  type TLInstancePresence,
  type TLStore,
  UserRecordType,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'

/** Who a browser is, as shown to others. `id` is stable per browser (never the Yjs client id). */
export interface PresenceUser {
  id: string
  name: string
  color: string
  /** Free-form for the app (Scaleboard puts the session role here). */
  role?: string
}

/** The awareness state fields this binding writes; other fields are left alone. */
export interface AwarenessBoardState {
  user?: PresenceUser
  /** The local tldraw presence (cursor, selection, camera), or null while hidden or not mounted. */
  presence?: TLInstancePresence | null
}

export interface BindPresenceOptions {
  /** The store of a mounted editor: presence is derived from its instance, camera and pointer. */
  store: TLStore
  awareness: Awareness
  user: PresenceUser | Signal<PresenceUser>
  /**
   * Send our cursor, selection and camera (default true). When false only `user` is shared:
   * others see us in the avatar list but not on the canvas.
   */
  shareCursor?: boolean
  /** At most one awareness update per this many ms (default 50); 0 sends each change in a microtask. */
  throttleMs?: number
  /** A remote presence that failed validation (skipped). */
  onSkippedPresence?: (state: unknown, error: Error) => void
}

export interface PresenceBinding {
  dispose(): void
}

/** The presence record id of an awareness client: one per connection, not per user. */
export function presenceIdForClient(clientId: number): TLInstancePresence['id'] {
  return InstancePresenceRecordType.createId(String(clientId))
}

/**
 * Shares live presence through Yjs awareness.
 *
 * Local: the user's `TLInstancePresence` (from tldraw's presence derivation, keyed by our awareness
 * client id) goes to the awareness field `presence`, the user itself to `user`.
 * Remote: every other client's `presence` becomes an `instance_presence` record in the store
 * (via mergeRemoteChanges, so it is never sent back), removed when that client leaves.
 */
export function bindPresence({
  store,
  awareness,
  user,
  shareCursor = true,
  throttleMs = 50,
  onSkippedPresence,
}: BindPresenceOptions): PresenceBinding {
  const $user = isSignal(user) ? user : computed('scaleboard user', () => user)
  const $tlUser = computed('scaleboard tldraw user', () => {
    const { id, name, color } = $user.get()
    return UserRecordType.create({ id: createUserId(id), name, color })
  })
  const $presence = createPresenceStateDerivation($tlUser, {
    instanceId: presenceIdForClient(awareness.clientID),
  })(store)

  // --- local -> awareness -----------------------------------------------------------------------
  // Effects only schedule the send: writing awareness synchronously inside a tldraw effect lets
  // its listeners (other stores, React) run in the middle of that effect's dependency capture.
  let timer: ReturnType<typeof setTimeout> | null = null
  let queued = false
  let disposed = false
  let lastSent = 0
  const send = () => {
    timer = null
    queued = false
    if (disposed) return
    lastSent = Date.now()
    const { id, name, color, role } = $user.get()
    awareness.setLocalState({
      ...awareness.getLocalState(),
      user: role === undefined ? { id, name, color } : { id, name, color, role },
      presence: shareCursor ? $presence.get() : null,
    })
  }
  const scheduleSend = () => {
    if (timer || queued) return
    if (throttleMs <= 0) {
      queued = true
      queueMicrotask(send)
      return
    }
    // Cursor moves fire every frame: send the first soon, then at most one per throttleMs.
    timer = setTimeout(send, Math.max(0, lastSent + throttleMs - Date.now()))
  }
  const stopReacting = react('scaleboard awareness', () => {
    $user.get()
    if (shareCursor) $presence.get()
    scheduleSend()
  })

  // --- awareness -> store ------------------------------------------------------------------------
  const applyRemote = (clientIds: number[]) => {
    const states = awareness.getStates()
    const puts: TLInstancePresence[] = []
    const removals: TLInstancePresence['id'][] = []
    for (const clientId of clientIds) {
      if (clientId === awareness.clientID) continue
      const id = presenceIdForClient(clientId)
      const presence = (states.get(clientId) as AwarenessBoardState | undefined)?.presence
      if (!presence) {
        if (store.has(id)) removals.push(id)
        continue
      }
      try {
        // The id is ours to choose: a client may only speak for its own awareness slot.
        const record = { ...presence, id, typeName: 'instance_presence' } as TLInstancePresence
        puts.push(store.schema.validateRecord(store, record, 'createRecord', null) as TLInstancePresence)
      } catch (error) {
        if (store.has(id)) removals.push(id)
        onSkippedPresence?.(presence, error instanceof Error ? error : new Error(String(error)))
      }
    }
    if (puts.length === 0 && removals.length === 0) return
    store.mergeRemoteChanges(() => {
      if (removals.length > 0) store.remove(removals)
      if (puts.length > 0) store.put(puts)
    })
  }
  const onAwarenessChange = ({
    added,
    updated,
    removed,
  }: {
    added: number[]
    updated: number[]
    removed: number[]
  }) => applyRemote([...added, ...updated, ...removed])
  awareness.on('change', onAwarenessChange)
  applyRemote([...awareness.getStates().keys()])

  return {
    dispose() {
      disposed = true
      awareness.off('change', onAwarenessChange)
      stopReacting()
      if (timer) clearTimeout(timer)
      awareness.setLocalStateField('presence', null)
      const ids = store.query.ids('instance_presence').get()
      if (ids.size > 0) store.mergeRemoteChanges(() => store.remove([...ids]))
    },
  }
}
