import type { Author } from '@scaleboard/storage'

/** Whether a client's document update may reach the room. */
export type GuardVerdict =
  | { ok: true }
  /**
   * `missing-dependencies`: the update builds on changes the room has not received (a client
   * whose instance died with some of its edits, or one that sends out of order). Not a broken
   * rule: the room drops the update and asks the client for everything it holds.
   */
  | { ok: false; kind: 'change-refused' | 'limit-exceeded' | 'missing-dependencies'; reason: string }

/**
 * Judges client updates before the room applies them (a Yjs update cannot be taken back once
 * applied). What a document may contain is the guard's business, not the room's: the board's
 * rules live in @scaleboard/board-rules.
 */
export interface UpdateGuard {
  check(update: Uint8Array, author: Author): GuardVerdict
  /** An update the room applied from a trusted source: the log, another instance, the server. */
  mirror(update: Uint8Array): void
  destroy(): void
}

/**
 * Makes a room's guard once its stored state is loaded; `currentState` reads the room's state
 * later, `docId` says which document the room holds.
 */
export type UpdateGuardFactory = (
  initialState: Uint8Array,
  currentState: () => Uint8Array,
  docId: string,
) => UpdateGuard

/** Told when a room can or cannot write to its log, so the process can say so (e.g. /healthz). */
export interface LogHealthReporter {
  failed(docId: string, error: unknown): void
  recovered(docId: string): void
}
