import type { LogHealthReporter } from '@scaleboard/sync-room'

/** Which boards cannot write their log right now, and why: what /healthz reports. */
export interface LogHealth extends LogHealthReporter {
  /** null when every board can write; otherwise a reason fit for an operator. */
  problem(): string | null
}

export function createLogHealth(): LogHealth {
  const failing = new Map<string, string>()
  return {
    failed(docId, error) {
      failing.set(docId, error instanceof Error ? error.message : String(error))
    },
    recovered(docId) {
      failing.delete(docId)
    },
    problem() {
      if (failing.size === 0) return null
      const [, reason] = failing.entries().next().value as [string, string]
      return `cannot write the update log of ${failing.size} board(s): ${reason}`
    },
  }
}
