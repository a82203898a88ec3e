import type { DocumentLog } from '@scaleboard/storage'
import type { RoomBus } from './bus.ts'
import { Room, type RoomConnection, type RoomOptions } from './Room.ts'

export interface RoomRegistryOptions extends Omit<RoomOptions, 'docId'> {
  log: DocumentLog
  bus?: RoomBus
  /** Connections one room accepts at once. */
  maxConnectionsPerRoom?: number
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
  /** leases handed out and not yet joined or released */
  reserved: number
  closing: Promise<void> | null
}

/**
 * Loads each room once, however many clients arrive while it loads, and unloads it when the last
 * client leaves. A client that arrives while its room closes waits and gets a freshly loaded room.
 */
export class RoomRegistry {
  readonly #options: RoomRegistryOptions
  readonly #entries = new Map<string, Entry>()
  readonly #maxConnections: number

  constructor(options: RoomRegistryOptions) {
    this.#options = options
    this.#maxConnections = options.maxConnectionsPerRoom ?? 50
  }

  get loadedRoomCount(): number {
    return this.#entries.size
  }

  /** Resolves once the room's stored state is loaded; throws RoomFullError at the cap. */
  async open(docId: string): Promise<RoomLease> {
    let entry = this.#entries.get(docId)
    while (entry?.closing) {
      await entry.closing
      entry = this.#entries.get(docId)
    }
    if (!entry) {
      const created: Entry = {
        loading: Room.load({ ...this.#options, docId }),
        room: null,
        reserved: 0,
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
    const current = entry
    if ((current.room?.connectionCount ?? 0) + current.reserved >= this.#maxConnections)
      throw new RoomFullError(`room ${docId} is full (${this.#maxConnections} connections)`)
    current.reserved += 1
    let room: Room
    try {
      room = await current.loading
    } catch (error) {
      current.reserved -= 1
      throw error
    }
    let settled = false
    const settle = () => {
      if (settled) return false
      settled = true
      current.reserved -= 1
      return true
    }
    return {
      room,
      join: (connection) => {
        if (!settle()) throw new Error('lease already used')
        room.join(connection)
      },
      release: () => {
        if (settle()) this.#unloadIfIdle(docId)
      },
    }
  }

  /** Removes a connection; the room unloads when nobody is left. */
  leave(room: Room, connection: RoomConnection): void {
    room.leave(connection)
    this.#unloadIfIdle(room.docId)
  }

  /** Flushes and closes every room (server shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all(
      [...this.#entries.keys()].map(async (docId) => {
        const entry = this.#entries.get(docId)
        const room = await entry?.loading.catch(() => null)
        if (room && entry && !entry.closing) await this.#close(docId, entry, room)
        else await entry?.closing
      }),
    )
  }

  #unloadIfIdle(docId: string): void {
    const entry = this.#entries.get(docId)
    const room = entry?.room
    if (!entry || !room || entry.closing || entry.reserved > 0 || room.connectionCount > 0) return
    void this.#close(docId, entry, room)
  }

  #close(docId: string, entry: Entry, room: Room): Promise<void> {
    entry.closing = room
      .close()
      .catch((error) => this.#options.onError?.(error, `closing room ${docId}`))
      .finally(() => {
        if (this.#entries.get(docId) === entry) this.#entries.delete(docId)
      })
    return entry.closing
  }
}
