import type { Role } from '@scaleboard/schema'
import type { DocumentLog } from '@scaleboard/storage'
import type { RoomBus } from './bus.ts'
import { Room, type RoomConnection, type RoomOptions } from './Room.ts'

export interface RoomRegistryOptions extends Omit<RoomOptions, 'docId' | 'onDrained'> {
  log: DocumentLog
  bus?: RoomBus
  /**
   * Connections one room accepts at once, per role. Each role has one link per session, so this is
   * also the cap per link: observers filling their slots never keep out the candidate or interviewer.
   */
  maxConnectionsPerRole?: Partial<Record<Role, number>>
}

export const DEFAULT_CONNECTIONS_PER_ROLE: Record<Role, number> = {
  candidate: 8,
  interviewer: 8,
  observer: 30,
}

/** A reserved place in a loaded room: join it, or release it if the client went away meanwhile. */
export interface RoomLease {
  readonly room: Room
  join(connection: RoomConnection): void
  release(): void
}

export class RoomFullError extends Error {
  override name = 'RoomFullError'
}

interface Entry {
  loading: Promise<Room>
  room: Room | null
  /** leases handed out and not yet joined or released, per role */
  reserved: Map<Role, number>
  /** joined connections per role */
  joined: Map<Role, number>
  /** server tasks running on the room (`withRoom`) */
  tasks: number
  closing: Promise<void> | null
}

/**
 * Loads each room once, however many clients arrive while it loads, and unloads it when the last
 * client leaves. A client that arrives while its room closes waits and gets a freshly loaded room.
 * A room that cannot close because its edits are not stored yet stays loaded until they are.
 */
export class RoomRegistry {
  readonly #options: RoomRegistryOptions
  readonly #entries = new Map<string, Entry>()
  readonly #maxPerRole: Record<Role, number>

  constructor(options: RoomRegistryOptions) {
    this.#options = options
    this.#maxPerRole = { ...DEFAULT_CONNECTIONS_PER_ROLE, ...options.maxConnectionsPerRole }
  }

  get loadedRoomCount(): number {
    return this.#entries.size
  }

  /** Joined connections of every loaded room, per role (for metrics). */
  get connectionCounts(): Record<Role, number> {
    const counts: Record<Role, number> = { candidate: 0, interviewer: 0, observer: 0 }
    for (const entry of this.#entries.values())
      for (const [role, joined] of entry.joined) counts[role] += joined
    return counts
  }

  /** Loaded rooms whose accepted edits are not all stored yet, with how many are waiting. */
  get unsavedRooms(): Array<{ docId: string; unsavedUpdates: number }> {
    return [...this.#entries.entries()]
      .filter(([, entry]) => (entry.room?.unsavedUpdateCount ?? 0) > 0)
      .map(([docId, entry]) => ({ docId, unsavedUpdates: entry.room?.unsavedUpdateCount ?? 0 }))
  }

  /** Resolves once the room's stored state is loaded; throws RoomFullError when `role` has no free slot. */
  async open(docId: string, role: Role): Promise<RoomLease> {
    const current = await this.#entryFor(docId)
    if ((current.joined.get(role) ?? 0) + (current.reserved.get(role) ?? 0) >= this.#maxPerRole[role])
      throw new RoomFullError(`room ${docId} has no free ${role} slot (${this.#maxPerRole[role]})`)
    bump(current.reserved, role, 1)
    let room: Room
    try {
      room = await current.loading
    } catch (error) {
      bump(current.reserved, role, -1)
      throw error
    }
    let settled = false
    const settle = () => {
      if (settled) return false
      settled = true
      bump(current.reserved, role, -1)
      return true
    }
    return {
      room,
      join: (connection) => {
        if (!settle()) throw new Error('lease already used')
        room.join(connection)
        bump(current.joined, role, 1)
      },
      release: () => {
        if (settle()) this.#unloadIfIdle(docId)
      },
    }
  }

  /**
   * Runs `task` on the room of `docId`, loading it for the task if nobody has it open, and
   * unloading it afterwards if it is then idle (its edits are flushed when it closes). For the
   * server's own work on a board: restoring a revision, reading what is not yet logged.
   */
  async withRoom<T>(docId: string, task: (room: Room) => T | Promise<T>): Promise<T> {
    const current = await this.#entryFor(docId)
    // A reservation under no role keeps the room loaded while the task runs.
    current.tasks += 1
    try {
      return await task(await current.loading)
    } finally {
      current.tasks -= 1
      this.#unloadIfIdle(docId)
    }
  }

  /** Stores the pending edits of `docId`'s room, if it is loaded; resolves when they are in the log. */
  async flush(docId: string): Promise<void> {
    const room = await this.#entries.get(docId)?.loading.catch(() => null)
    await room?.flush()
  }

  /** Sends a server-composed frame to the connections of `docId`'s room, if it is loaded. */
  broadcast(docId: string, frame: Uint8Array, to?: (connection: RoomConnection) => boolean): void {
    this.#entries.get(docId)?.room?.broadcast(frame, to)
  }

  /** Closes the connections of `docId`'s room (if loaded) that `which` picks; returns how many. */
  disconnect(
    docId: string,
    which: (connection: RoomConnection) => boolean,
    code: number,
    reason: string,
  ): number {
    return this.#entries.get(docId)?.room?.disconnect(which, code, reason) ?? 0
  }

  /** Removes a connection; the room unloads when nobody is left. */
  leave(room: Room, connection: RoomConnection): void {
    room.leave(connection)
    const entry = this.#entries.get(room.docId)
    const role = connection.author.role
    if (entry?.room === room && role !== 'system') bump(entry.joined, role, -1)
    this.#unloadIfIdle(room.docId)
  }

  /**
   * Flushes and closes every room (server shutdown). Rooms whose edits cannot be stored are retried
   * for `graceMs`; what is still unsaved then is returned, so the caller can say so loudly.
   */
  async closeAll(graceMs = 10_000): Promise<Array<{ docId: string; unsavedUpdates: number }>> {
    const deadline = Date.now() + graceMs
    for (;;) {
      await Promise.all(
        [...this.#entries.keys()].map(async (docId) => {
          const entry = this.#entries.get(docId)
          const room = await entry?.loading.catch(() => null)
          if (room && entry && !entry.closing) await this.#close(docId, entry, room)
          else await entry?.closing
        }),
      )
      const unsaved = this.unsavedRooms
      if (unsaved.length === 0 || Date.now() >= deadline) return unsaved
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }

  /** The entry of `docId`, its room loading or loaded; waits for a closing room to finish first. */
  async #entryFor(docId: string): Promise<Entry> {
    let entry = this.#entries.get(docId)
    while (entry?.closing) {
      await entry.closing
      entry = this.#entries.get(docId)
    }
    if (!entry) {
      const created: Entry = {
        loading: Room.load({ ...this.#options, docId, onDrained: () => this.#unloadIfIdle(docId) }),
        room: null,
        reserved: new Map(),
        joined: new Map(),
        tasks: 0,
        closing: null,
      }
      entry = created
      this.#entries.set(docId, created)
      created.loading.then(
        (room) => {
          created.room = room
        },
        () => this.#entries.delete(docId),
      )
    }
    return entry
  }

  #unloadIfIdle(docId: string): void {
    const entry = this.#entries.get(docId)
    const room = entry?.room
    if (
      !entry ||
      !room ||
      entry.closing ||
      entry.tasks > 0 ||
      total(entry.reserved) > 0 ||
      room.connectionCount > 0
    )
      return
    void this.#close(docId, entry, room)
  }

  #close(docId: string, entry: Entry, room: Room): Promise<void> {
    entry.closing = room
      .close()
      .then(
        (closed) => {
          // Not closed: edits still wait for the log. The room stays loaded and retries; onDrained brings us back.
          if (closed && this.#entries.get(docId) === entry) this.#entries.delete(docId)
        },
        (error) => {
          this.#options.onError?.(error, `closing room ${docId}`)
          if (this.#entries.get(docId) === entry) this.#entries.delete(docId)
        },
      )
      .finally(() => {
        entry.closing = null
      })
    return entry.closing
  }
}

function bump(counts: Map<Role, number>, role: Role, by: number): void {
  counts.set(role, (counts.get(role) ?? 0) + by)
}

function total(counts: Map<Role, number>): number {
  let sum = 0
  for (const value of counts.values()) sum += value
  return sum
}
