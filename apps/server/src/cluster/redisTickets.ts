import { Role } from '@scaleboard/schema'
import type { Redis } from 'ioredis'
import { z } from 'zod'
import { hashSecret } from '../secrets.ts'
import { createTicketStore, MAX_TICKET_LENGTH, newTicket, type TicketStore } from '../sync/tickets.ts'
import { ticketKey } from './redisKeys.ts'

/** What Redis holds per ticket; anything else under a ticket key is treated as no ticket. */
const StoredGrant = z.object({ sessionId: z.string().min(1).max(200), role: Role })

export interface RedisTicketStoreOptions {
  redis: Redis
  ttlMs: number
  /** Whether Redis is up: failures while it is down are expected (the status says so), not reported. */
  redisUp(): boolean
  onError(error: unknown, context: string): void
  now?: () => number
}

/**
 * Tickets in Redis, so a ticket issued by one instance (REST) opens a socket on another (the
 * WebSocket upgrade may land anywhere). Keys are the tickets' hashes; GETDEL makes each ticket
 * single-use across all instances.
 *
 * While Redis is down, tickets are issued into this instance's memory instead, and redeem looks
 * in Redis, then in memory. A client whose ticket was issued into memory and whose upgrade lands
 * on another instance is refused there and simply fetches a new ticket and retries, as after
 * any failed connection attempt.
 */
export function createRedisTicketStore({
  redis,
  ttlMs,
  redisUp,
  onError,
  now = Date.now,
}: RedisTicketStoreOptions): TicketStore {
  const memory = createTicketStore({ ttlMs, now })

  function report(error: unknown, context: string) {
    if (redisUp()) onError(error, context)
  }

  return {
    async issue(grant) {
      if (redis.status === 'ready') {
        const ticket = newTicket()
        const expiresAt = now() + ttlMs
        const stored = JSON.stringify({ sessionId: grant.sessionId, role: grant.role })
        try {
          await redis.set(ticketKey(hashSecret(ticket)), stored, 'PX', ttlMs)
          return { ticket, expiresAt }
        } catch (error) {
          report(error, 'storing a WebSocket ticket in Redis (issuing it from memory instead)')
        }
      }
      return memory.issue(grant)
    },

    async redeem(ticket) {
      // Checked before Redis is asked: junk from the URL costs no round trip.
      if (typeof ticket !== 'string' || ticket.length === 0 || ticket.length > MAX_TICKET_LENGTH) return null
      if (redis.status === 'ready') {
        try {
          const stored = await redis.getdel(ticketKey(hashSecret(ticket)))
          if (stored !== null) return parseGrant(stored, onError)
        } catch (error) {
          report(error, 'redeeming a WebSocket ticket in Redis (trying memory)')
        }
      }
      return memory.redeem(ticket)
    },
  }
}

function parseGrant(stored: string, onError: (error: unknown, context: string) => void) {
  try {
    return StoredGrant.parse(JSON.parse(stored))
  } catch (error) {
    onError(error, 'a ticket in Redis holds no valid grant')
    return null
  }
}
