import type { Storage } from '@scaleboard/storage'

const DAY_MS = 24 * 60 * 60 * 1000

export interface RetentionOptions {
  storage: Pick<Storage, 'listSessionIdsCreatedBefore' | 'deleteSession' | 'appendAudit'>
  /** RETENTION_DAYS: sessions created longer ago than this are deleted with all their data */
  days: number
  /** how often to look again after the first pass */
  intervalMs?: number
  now?: () => number
}

/**
 * Deletes the sessions older than `days` (their tokens, board logs and checkpoints; see
 * `SessionStore.deleteSession`) at once, then every `intervalMs` (a day). Each deletion is in the
 * audit log. The first pass has run when the returned promise resolves.
 */
export async function startRetention({
  storage,
  days,
  intervalMs = DAY_MS,
  now = Date.now,
}: RetentionOptions): Promise<{ stop(): void }> {
  const pass = async () => {
    const cutoff = new Date(now() - days * DAY_MS).toISOString()
    const ids = await storage.listSessionIdsCreatedBefore(cutoff)
    for (const id of ids) {
      if (!(await storage.deleteSession(id))) continue
      await storage.appendAudit({
        at: new Date(now()).toISOString(),
        actor: 'retention',
        action: 'session.deleted',
        sessionId: id,
        detail: `created before ${cutoff} (RETENTION_DAYS=${days})`,
      })
    }
    if (ids.length > 0) console.log(`[retention] deleted ${ids.length} session(s) created before ${cutoff}`)
  }
  await pass()
  const timer = setInterval(() => {
    pass().catch((error) => console.error('[retention] pass failed', error))
  }, intervalMs)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
