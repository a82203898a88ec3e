/**
 * Fan-out of document updates between server instances that hold the same room.
 * One process needs none of it; the in-process bus exists so the seam is exercised by tests
 * and a Redis bus can replace it later without touching the room.
 */
export interface RoomBus {
  join(docId: string, onRemoteUpdate: (update: Uint8Array) => void): RoomBusMembership
}

export interface RoomBusMembership {
  publish(update: Uint8Array): void
  leave(): void
}

export function createInProcessBus(): RoomBus {
  const members = new Map<string, Set<(update: Uint8Array) => void>>()
  return {
    join(docId, onRemoteUpdate) {
      const set = members.get(docId) ?? new Set()
      members.set(docId, set)
      const listener = (update: Uint8Array) => onRemoteUpdate(update)
      set.add(listener)
      return {
        publish(update) {
          for (const other of members.get(docId) ?? []) if (other !== listener) other(update)
        },
        leave() {
          set.delete(listener)
          if (set.size === 0) members.delete(docId)
        },
      }
    },
  }
}
