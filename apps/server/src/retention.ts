import type { Storage } from '@scaleboard/storage'
import type { SessionDeletion } from './sessionDeletion.ts'

const DAY_MS = 24 * 60 * 60 * 1000

export interface RetentionOptions {
  storage: Pick<Storage, 'listSessionIdsCreatedBefore'>
  /** How a session is deleted: the same way as the organiser's DELETE (sessionDeletion.ts). */
  deletion: Pick<SessionDeletion, 'delete'>
  /** RETENTION_DAYS: sessions created longer ago than this are deleted with all their data */
  days: number
  /** how often to look again after the first pass */
  intervalMs?: number
  now?: () => number
}

/**
 * Deletes the sessions older than `days` at once, then every `intervalMs` (a day), exactly as the
 * organiser's DELETE does (sessionDeletion.ts): open boards are closed with 4404, all data goes
 * but the tombstone of its token hashes, and the audit log gets `session.deleted` (actor
 * `retention`). The first pass has run when the returned promise resolves.
 */
export async function startRetention({
  storage,
  deletion,
  days,
  intervalMs = DAY_MS,
  now = Date.now,
}: RetentionOptions): Promise<{ stop(): void }> {
  const pass = async () => {
    const cutoff = new Date(now() - days * DAY_MS).toISOString()
    const ids = await storage.listSessionIdsCreatedBefore(cutoff)
    let deleted = 0
    for (const id of ids)
      if (await deletion.delete(id, 'retention', `created before ${cutoff} (RETENTION_DAYS=${days})`))
        deleted += 1
    if (deleted > 0) console.log(`[retention] deleted ${deleted} session(s) created before ${cutoff}`)
  }
  await pass()
  const timer = setInterval(() => {
    pass().catch((error) => console.error('[retention] pass failed', error))
  }, intervalMs)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
