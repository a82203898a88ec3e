/**
 * Fan-out between server instances that hold the same room (several instances behind a load
 * balancer, no sticky sessions). One process needs none of it; the in-process bus exercises the
 * seam in tests, and the Redis bus (apps/server/src/cluster) carries it across processes.
 *
 * A bus is at-most-once: a message may be lost (a dropped connection, a restart). The room never
 * relies on it for durability, only for speed: each instance logs its own clients' updates, and
 * when the bus says messages may have been lost (`resync`), the room catches up from the log and
 * asks the other instances for what they hold but have not logged yet (`requestSync`).
 */
export interface RoomBus {
  join(docId: string, handlers: RoomBusHandlers): RoomBusMembership
}

/** What a room does with what other instances send. */
export interface RoomBusHandlers {
  /** A document update another instance's room applied. */
  update(update: Uint8Array): void
  /** An awareness (presence) update another instance's room applied. */
  awareness(update: Uint8Array): void
  /** Another instance lacks what is past this state vector: answer with `publishUpdate` of the difference. */
  syncRequest(stateVector: Uint8Array): void
  /**
   * Messages for this room may have been lost: the bus reconnected, or a sender's sequence jumped.
   * The room reads the log and asks the others (`requestSync`).
   */
  resync(): void
}

export interface RoomBusMembership {
  publishUpdate(update: Uint8Array): void
  publishAwareness(update: Uint8Array): void
  requestSync(stateVector: Uint8Array): void
  /**
   * Whether this instance may write the room's checkpoints now: one instance at a time does.
   * Resolves false when another instance holds the lease or the bus cannot say (checkpoints are
   * only a cache of the log, so skipping one is safe).
   */
  checkpointLease(): Promise<boolean>
  leave(): void
}

/**
 * Rooms of one process, or of several "instances" inside one test process, joined in memory.
 * Messages are delivered synchronously to every other member of the same document, never lost:
 * `dropMessages` and `reconnect` let tests play the lossy parts.
 */
export interface InProcessBus extends RoomBus {
  /** While true, published messages reach nobody (a bus outage). */
  dropMessages: boolean
  /** Tells every member its messages may have been lost (as a Redis bus does on reconnect). */
  reconnect(): void
}

export function createInProcessBus(): InProcessBus {
  const members = new Map<string, Set<RoomBusHandlers>>()
  /** The checkpoint lease of each document: the member holding it. */
  const leases = new Map<string, RoomBusHandlers>()
  const bus: InProcessBus = {
    dropMessages: false,
    reconnect() {
      for (const set of members.values()) for (const handlers of [...set]) handlers.resync()
    },
    join(docId, handlers) {
      const set = members.get(docId) ?? new Set()
      members.set(docId, set)
      set.add(handlers)
      const toOthers = (deliver: (other: RoomBusHandlers) => void) => {
        if (bus.dropMessages) return
        for (const other of [...(members.get(docId) ?? [])]) if (other !== handlers) deliver(other)
      }
      return {
        publishUpdate: (update) => toOthers((other) => other.update(update)),
        publishAwareness: (update) => toOthers((other) => other.awareness(update)),
        requestSync: (stateVector) => toOthers((other) => other.syncRequest(stateVector)),
        async checkpointLease() {
          const holder = leases.get(docId)
          if (holder !== undefined && holder !== handlers) return false
          leases.set(docId, handlers)
          return true
        },
        leave() {
          set.delete(handlers)
          if (leases.get(docId) === handlers) leases.delete(docId)
          if (set.size === 0) members.delete(docId)
        },
      }
    },
  }
  return bus
}
