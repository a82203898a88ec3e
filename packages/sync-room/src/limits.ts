import type { TokenBucketRate } from './tokenBucket.ts'

/**
 * What one connection and one room may send and hold. The defaults leave an honest 90-minute
 * interview far from every limit (bench/interview-session.ts measures its peaks) while keeping one
 * hostile client from starving the process or the other rooms.
 */
export interface RoomLimits {
  /** One client's awareness state (cursor, selection, name), as JSON. */
  maxAwarenessStateBytes: number
  /** Bytes a connection may have waiting to be sent before it counts as a reader that fell behind. */
  maxBufferedBytes: number
  /** Every frame a connection sends, in bytes and in messages. */
  connectionBytes: TokenBucketRate
  connectionMessages: TokenBucketRate
  /** Document updates of all the room's connections together, in bytes. */
  roomUpdateBytes: TokenBucketRate
  /** Sync step 1 and query-awareness: each makes the server send the whole document or everyone's state. */
  connectionSyncRequests: TokenBucketRate
  /** The document's encoded size. */
  maxDocumentBytes: number
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = {
  maxAwarenessStateBytes: 64 * 1024,
  maxBufferedBytes: 8 * 1024 * 1024,
  connectionBytes: { perSecond: 1024 * 1024, burst: 16 * 1024 * 1024 },
  connectionMessages: { perSecond: 200, burst: 2000 },
  roomUpdateBytes: { perSecond: 2 * 1024 * 1024, burst: 32 * 1024 * 1024 },
  connectionSyncRequests: { perSecond: 0.5, burst: 8 },
  maxDocumentBytes: 64 * 1024 * 1024,
}
