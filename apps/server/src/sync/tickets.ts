import { randomBytes } from 'node:crypto'
import type { Role } from '@scaleboard/schema'
import { hashSecret } from '../secrets.ts'

/** What a ticket opens: one session's board, in one role. */
export interface TicketGrant {
  sessionId: string
  role: Role
}

export interface IssuedTicket {
  ticket: string
  /** Epoch milliseconds after which the ticket no longer opens a socket. */
  expiresAt: number
}

/**
 * Where tickets wait between `issue` (REST) and `redeem` (the WebSocket upgrade): in memory for
 * one process, in Redis when several instances share the load (apps/server/src/cluster), since
 * the two requests may reach different instances.
 */
export interface TicketStore {
  issue(grant: TicketGrant): Promise<IssuedTicket>
  /** The ticket's grant, once: a second redeem, an expired or an unknown ticket gives null. */
  redeem(ticket: string): Promise<TicketGrant | null>
}

export interface MemoryTicketStore extends TicketStore {
  /** Tickets issued and neither redeemed nor expired (expired ones are dropped lazily). */
  readonly outstanding: number
}

export interface TicketStoreOptions {
  /** How long a ticket stays valid; browsers redeem theirs within milliseconds. */
  ttlMs: number
  /**
   * At most this many tickets wait at once. Beyond it the oldest is dropped: a flood of requests
   * can then cost an honest client one reconnect (it fetches a new ticket), never memory.
   */
  maxOutstanding?: number
  now?: () => number
}

/** Longer than any ticket the store issues (32 random bytes in base64url are 43 characters). */
export const MAX_TICKET_LENGTH = 128

/** A new ticket: 32 random bytes, base64url. Stores keep only its hash (`hashSecret`). */
export function newTicket(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Short-lived, single-use WebSocket tickets, so the long-lived role token never travels in a
 * WebSocket URL (and from there into proxy access logs). Kept in memory, and only as hashes:
 * a restart invalidates outstanding tickets, and clients simply fetch new ones.
 */
export function createTicketStore({
  ttlMs,
  maxOutstanding = 10_000,
  now = Date.now,
}: TicketStoreOptions): MemoryTicketStore {
  // Insertion order is expiry order (one TTL for all), so expired entries are always at the front.
  const pending = new Map<string, TicketGrant & { expiresAt: number }>()

  function dropExpired(at: number) {
    for (const [hash, entry] of pending) {
      if (entry.expiresAt > at) break
      pending.delete(hash)
    }
  }

  return {
    async issue(grant) {
      const at = now()
      dropExpired(at)
      while (pending.size >= maxOutstanding) {
        const oldest = pending.keys().next().value
        if (oldest === undefined) break
        pending.delete(oldest)
      }
      const ticket = newTicket()
      const expiresAt = at + ttlMs
      pending.set(hashSecret(ticket), { sessionId: grant.sessionId, role: grant.role, expiresAt })
      return { ticket, expiresAt }
    },
    async redeem(ticket) {
      if (typeof ticket !== 'string' || ticket.length === 0 || ticket.length > MAX_TICKET_LENGTH) return null
      const at = now()
      dropExpired(at)
      const hash = hashSecret(ticket)
      const entry = pending.get(hash)
      if (!entry) return null
      pending.delete(hash)
      if (entry.expiresAt <= at) return null
      return { sessionId: entry.sessionId, role: entry.role }
    },
    get outstanding() {
      return pending.size
    },
  }
}
