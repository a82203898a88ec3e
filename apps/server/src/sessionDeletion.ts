import type { Storage } from '@scaleboard/storage'

export interface SessionDeletionDeps {
  storage: Pick<Storage, 'deleteSession' | 'appendAudit'>
  /**
   * Closes every open socket of the session, on every layer, saying the session was deleted
   * (4404), on every instance.
   */
  closeConnections: (sessionId: string) => void
  /** Tells the other instances, once the session is gone. */
  announce?: (sessionId: string) => void
  now?: () => number
}

export interface SessionDeletion {
  /**
   * Deletes a session the one way both the organiser and retention do: its open boards are
   * closed with 4404 (before, and again after, so a socket that joined meanwhile goes too), then
   * all its data goes (`SessionStore.deleteSession` keeps only a tombstone of its token hashes,
   * so its links can say it was deleted), and the audit log gets `session.deleted` with the
   * actor. False when there was no such session.
   */
  delete(sessionId: string, actor: 'organiser' | 'retention', detail: string | null): Promise<boolean>
  /** True for a session this process deleted or is deleting: no new socket may join its rooms. */
  isDeleted(sessionId: string): boolean
  /** Another instance deleted the session: refuse its sockets here too. */
  markDeleted(sessionId: string): void
}

export function createSessionDeletion({
  storage,
  closeConnections,
  announce,
  now = Date.now,
}: SessionDeletionDeps): SessionDeletion {
  // Session ids are random and never reused, so this only has to outlive the sockets and tickets
  // that were on their way when the session went (a ticket lives 30 s): one id per deletion.
  const deleted = new Set<string>()
  return {
    async delete(sessionId, actor, detail) {
      const known = deleted.has(sessionId)
      deleted.add(sessionId)
      closeConnections(sessionId)
      const at = new Date(now()).toISOString()
      let found = false
      try {
        found = await storage.deleteSession(sessionId, at)
      } finally {
        if (!found && !known) deleted.delete(sessionId)
      }
      if (!found) return false
      announce?.(sessionId)
      closeConnections(sessionId)
      await storage.appendAudit({ at, actor, action: 'session.deleted', sessionId, detail })
      return true
    },
    isDeleted: (sessionId) => deleted.has(sessionId),
    markDeleted: (sessionId) => void deleted.add(sessionId),
  }
}
