/**
 * WebSocket close codes the sync server uses. Clients turn them into UI messages;
 * codes >= 4000 are ours, the rest are RFC 6455's.
 */
export const SyncCloseCode = {
  /** The frame could not be decoded as a y-websocket message. */
  malformedMessage: 1007,
  /** The frame exceeded the configured maximum size. */
  frameTooLarge: 1009,
  /** The server is shutting down; reconnect later. */
  serverRestart: 1012,
  /** The room has reached its connection cap. */
  roomFull: 4429,
} as const
export type SyncCloseCode = (typeof SyncCloseCode)[keyof typeof SyncCloseCode]

/** Path prefix of the sync endpoint: the board of session `<id>` is `/sync/<id>`. */
export const SYNC_PATH = '/sync'
