import type { Storage } from '@scaleboard/storage'
import { hashSecret } from '../secrets.ts'
import type { TicketGrant, TicketStore } from './tickets.ts'

/**
 * Who a sync upgrade request speaks for, from its query string:
 * - `?ticket=…`: a single-use ticket from `POST /api/sessions/:id/tickets` (the web app; the role
 *   token never appears in a WebSocket URL). It is redeemed here, so it opens one socket at most.
 * - `?token=…`: the role token itself, for non-browser clients (scripts, benchmarks) that keep
 *   their URLs out of shared logs.
 * A ticket, when present, is the only credential considered. Null: no valid credential.
 */
export async function resolveSyncGrant(
  url: URL,
  storage: Pick<Storage, 'findTokenGrant'>,
  tickets: Pick<TicketStore, 'redeem'>,
): Promise<TicketGrant | null> {
  const ticket = url.searchParams.get('ticket')
  if (ticket !== null) return tickets.redeem(ticket)
  const token = url.searchParams.get('token')
  if (!token) return null
  return storage.findTokenGrant(hashSecret(token))
}
