/**
 * WebSocket close codes the sync server uses. Clients turn them into UI messages;
 * codes >= 4000 are ours, the rest are RFC 6455's. Ours follow one rule: 4400-4499 are
 * permanent (retrying the same thing fails the same way; y-websocket does not reconnect),
 * 4500-4599 are temporary (reconnect after a backoff; local edits are kept and re-sent).
 */
export const SyncCloseCode = {
  /** The frame could not be decoded as a y-websocket message. */
  malformedMessage: 1007,
  /** The frame exceeded the configured maximum size. */
  frameTooLarge: 1009,
  /** The server is shutting down; reconnect later. */
  serverRestart: 1012,
  /** The link was revoked while this connection was open. */
  tokenRevoked: 4401,
  /** The session was deleted while this connection was open (or just before it opened). */
  sessionDeleted: 4404,
  /** A document, record or awareness size or count limit would be exceeded. */
  limitExceeded: 4413,
  /** A change broke a board rule (e.g. it touched the locked current state, or wrote `meta`). */
  changeRefused: 4422,
  /** The room has no free slot for this role or link. */
  roomFull: 4429,
  /** The server cannot store edits right now; keep them and reconnect later. */
  storageUnavailable: 4503,
  /** The client fell too far behind reading what the room sends it. */
  slowReader: 4508,
  /** The connection or its session sent more than its rate allows; reconnect after a backoff. */
  rateLimited: 4529,
} as const
export type SyncCloseCode = (typeof SyncCloseCode)[keyof typeof SyncCloseCode]

/** Temporary close codes: the client should reconnect after a backoff. */
export function isTemporaryCloseCode(code: number): boolean {
  return (code >= 4500 && code < 4600) || code === SyncCloseCode.serverRestart
}

/** Path prefix of the sync endpoint: the board of session `<id>` is `/sync/<id>`. */
export const SYNC_PATH = '/sync'
