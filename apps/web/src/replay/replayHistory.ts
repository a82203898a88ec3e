import { BoardHistory, type BrokenUpdate, type SkippedRecord } from '@scaleboard/revisions'
import type { ReplayData, ReplayUpdate, Revision } from '@scaleboard/schema'

/** Both documents of a session as histories, and the span of time the replay covers. */
export interface ReplayHistories {
  board: BoardHistory
  annotations: BoardHistory
  /** epoch ms: the session's creation */
  start: number
  /** epoch ms: the last thing that happened (an update or an event), never before `start` */
  end: number
}

/** What the canvas shows at one point: both layers' records, merged, and what was left out. */
export interface ReplayMoment {
  boardSeq: number
  annotationsSeq: number
  /** board records, then the annotation layer's on top (a board record keeps its id) */
  records: ReadonlyMap<string, unknown>
  skipped: SkippedRecord[]
}

/** Which point of each document to show: a time, or exactly the seqs a revision names. */
export type ReplayPoint = { at: number } | { revision: Pick<Revision, 'seq' | 'annotationsSeq'> }

export function bytesFromBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/**
 * Builds one history per document from the downloaded logs. An update whose base64 does not
 * decode stays in the timeline as a broken update (with no effect), like one Yjs cannot apply.
 */
export function openHistories(data: ReplayData): ReplayHistories {
  const start = Date.parse(data.createdAt)
  const board = historyOf(data.board.updates, start)
  const annotations = historyOf(data.annotations.updates, start)
  const lastEvent = data.events.reduce((latest, event) => Math.max(latest, event.at), start)
  const lastRevision = data.revisions.reduce((latest, r) => Math.max(latest, Date.parse(r.at) || 0), start)
  const end = Math.max(start + 1_000, board.lastAt, annotations.lastAt, lastEvent, lastRevision)
  return { board, annotations, start, end }
}

function historyOf(updates: readonly ReplayUpdate[], startedAt: number): BoardHistory {
  const undecodable: BrokenUpdate[] = []
  const decoded = updates.map((u) => {
    let bytes: Uint8Array
    try {
      bytes = bytesFromBase64(u.update)
    } catch {
      undecodable.push({ seq: u.seq, at: u.at, reason: 'not valid base64' })
      // no bytes at all: Yjs refuses it, so the history lists it as broken with its own reason
      bytes = new Uint8Array()
    }
    return { seq: u.seq, at: u.at, update: bytes }
  })
  const history = new BoardHistory(decoded, { startedAt })
  for (const broken of undecodable) {
    const listed = history.brokenUpdates.find((b) => b.seq === broken.seq)
    if (listed) listed.reason = broken.reason
    else history.brokenUpdates.push(broken)
  }
  return history
}

/** The merged records of both layers at a point. */
export function momentAt(histories: ReplayHistories, point: ReplayPoint): ReplayMoment {
  const board =
    'at' in point ? histories.board.stateAtTime(point.at) : histories.board.stateAt(point.revision.seq)
  const layer =
    'at' in point
      ? histories.annotations.stateAtTime(point.at)
      : histories.annotations.stateAt(point.revision.annotationsSeq)
  return {
    boardSeq: board.seq,
    annotationsSeq: layer.seq,
    records: mergeLayers(board.records, layer.records),
    skipped: [...board.skipped, ...layer.skipped],
  }
}

/**
 * The annotation layer's records drawn over the board's. The layer only holds annotations (its
 * guard sees to that), but a log is not trusted: a layer record never replaces a board record.
 */
export function mergeLayers(
  board: ReadonlyMap<string, unknown>,
  layer: ReadonlyMap<string, unknown>,
): Map<string, unknown> {
  const merged = new Map(board)
  for (const [id, record] of layer) if (!merged.has(id)) merged.set(id, record)
  return merged
}

/** Every broken update of both documents, by time, for the timeline's markers. */
export function brokenUpdatesOf(
  histories: ReplayHistories,
): Array<BrokenUpdate & { layer: 'board' | 'annotations' }> {
  return [
    ...histories.board.brokenUpdates.map((b) => ({ ...b, layer: 'board' as const })),
    ...histories.annotations.brokenUpdates.map((b) => ({ ...b, layer: 'annotations' as const })),
  ].sort((a, b) => a.at - b.at)
}
