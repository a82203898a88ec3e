import { Role } from '@scaleboard/schema'
import { z } from 'zod'

/**
 * What one instance tells the others about sessions, beside the rooms' own traffic (RoomBus):
 * what each instance then does for the sockets it holds. Like the bus, at-most-once: a lost
 * event costs a client a refetch or a late close, never data.
 */
export const ClusterEvent = z.discriminatedUnion('type', [
  /** A session-state channel frame (phase and clock, "changed" notices) for every socket of the session. */
  z.object({
    type: z.literal('session-frame'),
    sessionId: z.string().min(1).max(200),
    /** the frame, base64 */
    frame: z.base64().max(1_000_000),
  }),
  /** Close the sockets of a session (all roles, or one role's) with a code and reason for their UI. */
  z.object({
    type: z.literal('disconnect'),
    sessionId: z.string().min(1).max(200),
    role: Role.nullable(),
    code: z.number().int().min(4000).max(4999),
    reason: z.string().max(120),
  }),
  /** The session was deleted: refuse new sockets for it (SessionDeletion.isDeleted). */
  z.object({ type: z.literal('session-deleted'), sessionId: z.string().min(1).max(200) }),
])
export type ClusterEvent = z.infer<typeof ClusterEvent>

export interface ClusterChannel {
  /** Sends the event to every other instance (never back to this one). */
  publish(event: ClusterEvent): void
  /** Calls `handler` with each valid event from another instance; returns the unsubscribe. */
  subscribe(handler: (event: ClusterEvent) => void): () => void
}

/** One instance: nobody to tell. */
export function createLocalChannel(): ClusterChannel {
  return { publish() {}, subscribe: () => () => {} }
}
