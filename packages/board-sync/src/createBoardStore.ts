import {
  atom,
  computed,
  createTLStore,
  createUserId,
  defaultBindingUtils,
  defaultShapeUtils,
  isSignal,
  type Signal,
  type TLAnyBindingUtilConstructor,
  type TLAnyShapeUtilConstructor,
  type TLStore,
  UserRecordType,
} from 'tldraw'
import type { PresenceUser } from './bindPresence.ts'

export type ConnectionStatus = 'online' | 'offline'

export interface CreateBoardStoreOptions {
  /** Observers' editors are read-only: tldraw forces `isReadonly` from this (default false). */
  readonly?: boolean | Signal<boolean>
  /** Connection status for tldraw's own UI (default: always online). */
  status?: Signal<ConnectionStatus>
  /** The local user: used for attribution and the document's `user:` record (stable id). */
  user?: PresenceUser | Signal<PresenceUser>
  /** Extra shapes and bindings (tldraw's defaults are always included). Pass the same to `<Tldraw>`. */
  shapeUtils?: readonly TLAnyShapeUtilConstructor[]
  bindingUtils?: readonly TLAnyBindingUtilConstructor[]
}

/**
 * A tldraw store for a synced board. The store carries a collaboration mode, so every editor
 * mounted on it is read-only exactly when `readonly` says so, whatever the UI tries.
 */
export function createBoardStore({
  readonly = false,
  status,
  user,
  shapeUtils = [],
  bindingUtils = [],
}: CreateBoardStoreOptions = {}): TLStore {
  const $readonly = isSignal(readonly) ? readonly : atom('board readonly', readonly)
  const mode = computed('board mode', () => ($readonly.get() ? 'readonly' : 'readwrite'))
  const $user = user === undefined ? null : isSignal(user) ? user : atom('board user', user)
  return createTLStore({
    shapeUtils: withOverrides<TLAnyShapeUtilConstructor>(defaultShapeUtils, shapeUtils),
    bindingUtils: withOverrides<TLAnyBindingUtilConstructor>(defaultBindingUtils, bindingUtils),
    collaboration: { status: status ?? atom('board status', 'online'), mode },
    ...($user
      ? {
          users: {
            currentUser: computed('board current user', () => {
              const { id, name, color } = $user.get()
              return UserRecordType.create({ id: createUserId(id), name, color })
            }),
          },
        }
      : {}),
  })
}

/** tldraw's defaults plus ours, where one of ours (a configured arrow, say) replaces a default of its type. */
function withOverrides<T extends { type: string }>(defaults: readonly T[], own: readonly T[]): T[] {
  const ownTypes = new Set(own.map((util) => util.type))
  return [...defaults.filter((util) => !ownTypes.has(util.type)), ...own]
}
