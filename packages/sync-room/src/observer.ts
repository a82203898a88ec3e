/**
 * What rooms report for metrics (apps/server/src/observability): plain callbacks, so the room
 * knows nothing of Prometheus. Every method is optional work for the observer and must not throw.
 */
export interface RoomObserver {
  /** A client's update was accepted and applied. */
  updateAccepted(): void
  /** A batch of `count` updates reached the log after `seconds`. */
  appended(count: number, seconds: number): void
  /** A checkpoint was written after `seconds` (computing it included). */
  checkpointed(seconds: number): void
  /** A connection was closed for breaking a rule or a limit; `code` is its SyncCloseCode. */
  frameRejected(code: number): void
  /** The room's own failure (log, checkpoint, bus), by what it was doing. */
  failed(context: string): void
}
