import { readBoardRecords } from '@scaleboard/board-sync/doc'
import * as Y from 'yjs'
import type { BoardState, HistoryUpdate } from './BoardHistory.ts'
import { createRecordCheck, type RecordCheck, type SkippedRecord } from './validRecords.ts'

/**
 * The board after a checkpoint and the updates that follow it, read once: what the server
 * answers for one point in time. Faster than a BoardHistory for a single state (one transaction,
 * the records read once at the end); an update that does not decode is skipped, and records that
 * do not validate are listed in `skipped`.
 */
export function boardAt(
  base: { seq: number; at: number; state: Uint8Array } | null,
  updates: readonly HistoryUpdate[],
  options: { check?: RecordCheck; startedAt?: number } = {},
): BoardState & { brokenSeqs: number[] } {
  const doc = new Y.Doc({ gc: true })
  const brokenSeqs: number[] = []
  let seq = base?.seq ?? 0
  let at = base?.at ?? options.startedAt ?? 0
  try {
    doc.transact(() => {
      if (base) Y.applyUpdate(doc, base.state)
      for (const entry of updates) {
        if (entry.seq <= seq) continue
        try {
          Y.applyUpdate(doc, entry.update)
        } catch {
          brokenSeqs.push(entry.seq)
        }
        seq = entry.seq
        at = entry.at
      }
    })
    const check = options.check ?? createRecordCheck()
    const records = new Map<string, unknown>()
    const skipped: SkippedRecord[] = []
    for (const [id, record] of readBoardRecords(doc)) {
      const problem = check(id, record)
      if (problem === null) records.set(id, record)
      else skipped.push({ id, reason: problem })
    }
    return { seq, at, records, skipped, brokenSeqs }
  } finally {
    doc.destroy()
  }
}
