/**
 * Every name Scaleboard uses in Redis, in one place: a shared Redis then shows at a glance what is
 * ours, and the tests inspect exactly the keys the code writes.
 */
const PREFIX = 'scaleboard:'

/** The pub/sub channel of one document's room traffic (updates, awareness, sync requests). */
export function roomChannel(docId: string): string {
  return `${PREFIX}room:${docId}`
}

/** The document a room channel belongs to, or null for any other channel. */
export function docIdOfRoomChannel(channel: string): string | null {
  const prefix = `${PREFIX}room:`
  return channel.startsWith(prefix) ? channel.slice(prefix.length) : null
}

/** The pub/sub channel of session events (ClusterChannel). */
export const EVENTS_CHANNEL = `${PREFIX}events`

/** Who may write the document's checkpoints now (the value is the holder's node id). */
export function checkpointLeaseKey(docId: string): string {
  return `${PREFIX}checkpoint:${docId}`
}

/** A WebSocket ticket, named by the ticket's hash: the ticket itself never reaches Redis. */
export function ticketKey(ticketHash: string): string {
  return `${PREFIX}ticket:${ticketHash}`
}
