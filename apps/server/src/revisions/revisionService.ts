import { randomBytes } from 'node:crypto'
import { replaceBoardRecords } from '@scaleboard/board-sync/doc'
import { type BoardState, boardAt } from '@scaleboard/revisions'
import {
  type DocumentLayer,
  documentIdOf,
  type Revision,
  type RevisionAuthor,
  type RevisionKind,
  type Role,
} from '@scaleboard/schema'
import type { Storage, StoredRevision } from '@scaleboard/storage'
import type { RoomRegistry } from '@scaleboard/sync-room'

export interface RevisionServiceDeps {
  storage: Storage
  rooms: Pick<RoomRegistry, 'flush' | 'withRoom'>
  /** Tells the session's open boards that its revisions changed (the session-state channel). */
  announce: (sessionId: string) => void
  now?: () => number
}

/** Who restores: recorded as the author of the edits that write the old board back. */
export interface Restorer {
  role: Extract<Role, 'interviewer'> | 'organiser'
}

export interface RevisionService {
  /** Stores the pending edits of the session's open documents. */
  flush(sessionId: string): Promise<void>
  /**
   * Names the session's documents as they are now: their logged seqs after pending edits are
   * stored. `at` defaults to now; a phase change passes its own time, so the revision sits at it.
   */
  take(sessionId: string, revision: NewRevision): Promise<Revision>
  list(sessionId: string): Promise<Revision[]>
  get(sessionId: string, revisionId: string): Promise<Revision | null>
  /** A layer of the session as it was after update `seq` of its log (nearest checkpoint plus the tail). */
  layerAt(sessionId: string, layer: DocumentLayer, seq: number): Promise<BoardState>
  /** The seq of `layer` at a time (epoch ms), with pending edits stored first. */
  seqAtTime(sessionId: string, layer: DocumentLayer, at: number): Promise<number>
  /**
   * Writes the board of `revision` back into the live board as new edits by the restorer, after
   * taking a `restore` revision of the board as it was. Only what differs is written.
   */
  restore(
    sessionId: string,
    revision: Revision,
    restorer: Restorer,
  ): Promise<{ before: Revision; written: number; removed: number }>
}

export interface NewRevision {
  label: string
  kind: RevisionKind
  author: RevisionAuthor
  at?: number
}

const newRevisionId = () => `rev-${randomBytes(9).toString('base64url')}`

export function toRevision(stored: StoredRevision): Revision {
  return { ...stored, at: new Date(stored.at).toISOString() }
}

/**
 * Revisions are points in the logs, never copies: taking one stores the documents' pending
 * edits and records their last seqs; reading one replays the log from the nearest checkpoint.
 */
export function createRevisionService({
  storage,
  rooms,
  announce,
  now = Date.now,
}: RevisionServiceDeps): RevisionService {
  async function flush(sessionId: string): Promise<void> {
    await Promise.all([
      rooms.flush(documentIdOf(sessionId, 'board')),
      rooms.flush(documentIdOf(sessionId, 'annotations')),
    ])
  }

  async function lastSeqs(sessionId: string): Promise<{ seq: number; annotationsSeq: number }> {
    await flush(sessionId)
    const [seq, annotationsSeq] = await Promise.all([
      storage.lastSeq(documentIdOf(sessionId, 'board')),
      storage.lastSeq(documentIdOf(sessionId, 'annotations')),
    ])
    return { seq, annotationsSeq }
  }

  async function take(sessionId: string, { label, kind, author, at }: NewRevision): Promise<Revision> {
    const stored: StoredRevision = {
      id: newRevisionId(),
      label,
      kind,
      ...(await lastSeqs(sessionId)),
      at: at ?? now(),
      author,
    }
    await storage.addRevision(sessionId, stored)
    announce(sessionId)
    return toRevision(stored)
  }

  async function layerAt(sessionId: string, layer: DocumentLayer, seq: number): Promise<BoardState> {
    const docId = documentIdOf(sessionId, layer)
    const checkpoint = await storage.readCheckpointAtOrBefore(docId, seq)
    const updates = await storage.readUpdates(docId, checkpoint?.seq ?? 0, seq)
    return boardAt(checkpoint, updates)
  }

  return {
    flush,
    take,
    layerAt,
    async list(sessionId) {
      return (await storage.listRevisions(sessionId)).map(toRevision)
    },
    async get(sessionId, revisionId) {
      const stored = await storage.getRevision(sessionId, revisionId)
      return stored ? toRevision(stored) : null
    },
    async seqAtTime(sessionId, layer, at) {
      const docId = documentIdOf(sessionId, layer)
      await rooms.flush(docId)
      return storage.seqAtTime(docId, at)
    },
    async restore(sessionId, revision, restorer) {
      const target = await layerAt(sessionId, 'board', revision.seq)
      const before = await take(sessionId, {
        label: `Before restoring “${revision.label}”`,
        kind: 'restore',
        author: restorer.role,
      })
      const docId = documentIdOf(sessionId, 'board')
      // The organiser restores as the session's interviewer (as when it opens the board), named.
      const author = {
        sessionId,
        role: 'interviewer' as const,
        userId: restorer.role === 'organiser' ? 'organiser' : null,
      }
      const { written, removed } = await rooms.withRoom(docId, async (room) => {
        let result = { written: 0, removed: 0 }
        room.applyEdit(author, (doc) => {
          result = replaceBoardRecords(doc, target.records)
        })
        await room.flush()
        return result
      })
      return { before, written, removed }
    },
  }
}
