import type {
  AnalysisChange,
  ChecklistEntry,
  ChecklistStatus,
  Feedback,
  InterviewerNote,
  Level,
  Phase,
  PhaseCommand,
  PhaseEvent,
  PhaseMinutes,
  RequirementChange,
  RevisionAuthor,
  RevisionKind,
  Role,
  SessionClockStamp,
  SessionMessage,
} from '@scaleboard/schema'

/** Who made a change to a board: which session link, which role, which browser user. */
export interface Author {
  sessionId: string
  role: Role | 'system'
  userId: string | null
}

export interface LoggedUpdate {
  seq: number
  /** server time, epoch milliseconds */
  at: number
  author: Author
  update: Uint8Array
}

export interface Checkpoint {
  /** the last log sequence number folded into `state` */
  seq: number
  at: number
  state: Uint8Array
}

/**
 * The append-only log of a board's Yjs updates, with checkpoints.
 * It is the source of durability, revision history and replay: no update is ever rewritten or
 * removed (until its session is deleted). Checkpoints are only a cache of states and are thinned.
 */
export interface DocumentLog {
  /** Appends updates in order and returns the sequence number of the last one. */
  appendUpdates(docId: string, entries: ReadonlyArray<Omit<LoggedUpdate, 'seq'>>): Promise<number>
  /** The newest checkpoint and every update logged after it: what a room loads. */
  loadLatest(docId: string): Promise<{ checkpoint: Checkpoint | null; updates: LoggedUpdate[] }>
  /**
   * Stores a checkpoint, then may thin the document's older ones (CHECKPOINT_SPACING): the one
   * with the highest seq is always kept, and for any seq one at most about CHECKPOINT_SPACING
   * updates before it stays readable (`readCheckpointAtOrBefore`).
   */
  saveCheckpoint(docId: string, checkpoint: Checkpoint): Promise<void>
  /** Updates with seq in (afterSeq, upToSeq], oldest first: for revisions and replay. */
  readUpdates(docId: string, afterSeq?: number, upToSeq?: number): Promise<LoggedUpdate[]>
  /**
   * The newest checkpoint whose seq is at or before `seq`, or null: with
   * `readUpdates(docId, checkpoint.seq, seq)` it makes the document as it was at `seq`.
   */
  readCheckpointAtOrBefore(docId: string, seq: number): Promise<Checkpoint | null>
  /** The highest logged seq of the document, 0 when it has none. */
  lastSeq(docId: string): Promise<number>
  /** The highest seq logged at or before `at` (epoch ms), 0 when none. */
  seqAtTime(docId: string, at: number): Promise<number>
}

export interface SessionRecord {
  id: string
  title: string
  scenarioId: string | null
  level: Level | null
  candidateName: string | null
  createdAt: string
  /** the session's resolved minutes per phase, fixed at creation; null for sessions created before phases */
  phaseMinutes: PhaseMinutes | null
}

export interface SessionStore {
  /** Stores the session and the hashes of its role tokens in one transaction. */
  createSession(session: SessionRecord, tokenHashes: Record<Role, string>): Promise<void>
  getSession(id: string): Promise<SessionRecord | null>
  listSessions(limit: number): Promise<SessionRecord[]>
  /**
   * The newest sessions (as `listSessions`) with what the organiser's list shows of each: its
   * phase and last activity. A bounded amount of work per session (index lookups, never a scan
   * of its logs).
   */
  listSessionOverviews(limit: number): Promise<SessionOverview[]>
  /** Which session and role a token hash opens, if any. */
  findTokenGrant(tokenHash: string): Promise<{ sessionId: string; role: Role } | null>
  /**
   * Why a hash that opens nothing once opened something: a token replaced by
   * `replaceTokenHash`, or a token of a session deleted by `deleteSession`. Null otherwise
   * (also for a hash that still opens its session).
   */
  findRetiredToken(tokenHash: string): Promise<RetiredToken | null>
  /**
   * Gives a role of a session a new token (its hash), revoking the old one in the same
   * transaction; the old hash is kept as revoked (`findRetiredToken`). False when there is no
   * such session.
   */
  replaceTokenHash(sessionId: string, role: Role, tokenHash: string, revokedAt?: string): Promise<boolean>
  /**
   * Deletes a session with all its data in one transaction: its tokens, the log and checkpoints
   * of its documents (doc id `id`, and `id/<layer>` such as `id/annotations`), and its interview
   * records (phase events, checklist items, states and sharing, notes, messages, requirement
   * changes, feedback), its revisions and whether its replay is shared. Only a tombstone stays:
   * the hashes of its tokens (current and revoked) with `deletedAt`, so its links can say the
   * session was deleted. Updates and checkpoints that rooms still open on its documents flush
   * afterwards are dropped, never stored.
   * False when there was no such session.
   */
  deleteSession(id: string, deletedAt?: string): Promise<boolean>
  /** Ids of sessions created strictly before `createdBefore` (ISO 8601), oldest first. */
  listSessionIdsCreatedBefore(createdBefore: string): Promise<string[]>
  /** Records an organiser or system action (session created, deleted by retention, backup taken…). */
  appendAudit(entry: AuditEntry): Promise<void>
  /** The newest audit entries first. */
  listAudit(limit: number): Promise<AuditEntry[]>
}

/** A token hash that opens nothing any more, and why (`SessionStore.findRetiredToken`). */
export type RetiredToken =
  /** replaced by a newer link of the same role ("issue new link") */
  | { kind: 'revoked'; sessionId: string; role: Role; at: string }
  /** its session was deleted; nothing else of the session is kept */
  | { kind: 'session_deleted'; at: string }

/** A session as the organiser's list shows it (`SessionStore.listSessionOverviews`). */
export interface SessionOverview {
  session: SessionRecord
  /**
   * The interview's phase: the one its newest phase change named, `briefing` when it has only
   * clock commands (started, paused…), null when it has no phase events at all.
   */
  phase: Phase | null
  /** ISO 8601: the newest of its creation, its documents' last logged update, its last phase event */
  lastActivityAt: string
}

/** One line of the audit log. */
export interface AuditEntry {
  /** ISO 8601 */
  at: string
  /** who acted: `organiser` (the admin token), `retention`, `cli`… */
  actor: string
  /** what happened, e.g. `session.created`, `session.deleted`, `backup.taken` */
  action: string
  sessionId: string | null
  /** a short free-form note; never a secret */
  detail: string | null
}

/** One stored phase command: which, when (server epoch ms) and by whom. */
export interface StoredPhaseEvent {
  seq: number
  at: number
  author: PhaseEvent['author']
  command: PhaseCommand
}

/** One stored change of a session's analysis: when (server epoch ms), by whom, what. */
export interface StoredAnalysisEvent {
  seq: number
  at: number
  author: 'interviewer' | 'organiser'
  change: AnalysisChange
}

/** The interview's own records (phases now; checklist, notes, feedback, messages later). Kept apart from DocumentLog. */
export interface InterviewStore {
  /** Appends in order; seq is gap-free per session, starting at 1. */
  appendPhaseEvent(sessionId: string, event: Omit<StoredPhaseEvent, 'seq'>): Promise<StoredPhaseEvent>
  /** Every phase event of the session, oldest (lowest seq) first. */
  listPhaseEvents(sessionId: string): Promise<StoredPhaseEvent[]>

  /** Stores a checklist item the interviewer added (source 'interviewer'); the caller makes the id. */
  addChecklistItem(sessionId: string, item: ChecklistEntry): Promise<void>
  /** The items added to the session's checklist, oldest first. */
  listChecklistItems(sessionId: string): Promise<ChecklistEntry[]>
  /** Merges into the item's stored state: an omitted status or note keeps its stored value. */
  setChecklistState(sessionId: string, itemId: string, state: ChecklistItemState): Promise<void>
  /** The stored state of every item that has one, by item id. */
  listChecklistStates(sessionId: string): Promise<Map<string, ChecklistItemState>>
  setChecklistShared(sessionId: string, shared: boolean): Promise<void>
  /** Whether the checklist's result is shared with everyone; false until set. */
  isChecklistShared(sessionId: string): Promise<boolean>
  addNote(sessionId: string, note: InterviewerNote): Promise<void>
  /** The interviewer's private notes, oldest first. */
  listNotes(sessionId: string): Promise<InterviewerNote[]>
  addMessage(sessionId: string, message: SessionMessage): Promise<void>
  /** The Q&A thread, oldest first. */
  listMessages(sessionId: string): Promise<SessionMessage[]>
  /**
   * Stores a requirement change and the checklist item it comes with, in one operation: both or
   * neither. The caller makes the ids; `change.checklistItemId` is `item.id`. Rejects, storing
   * nothing, when the session already has a checklist item with that id.
   */
  addRequirementChange(sessionId: string, change: RequirementChange, item: ChecklistEntry): Promise<void>
  /** The session's requirement changes, oldest first. */
  listRequirementChanges(sessionId: string): Promise<RequirementChange[]>
  /** Appends a change of the session's analysis (a what-if, its reset, shown or hidden); seq gap-free from 1. */
  appendAnalysisEvent(
    sessionId: string,
    event: Omit<StoredAnalysisEvent, 'seq'>,
  ): Promise<StoredAnalysisEvent>
  /** Every analysis change of the session, oldest first: the state in force is their replay. */
  listAnalysisEvents(sessionId: string): Promise<StoredAnalysisEvent[]>
  /** Stores the session's feedback, replacing any earlier one. */
  saveFeedback(sessionId: string, feedback: Feedback): Promise<void>
  getFeedback(sessionId: string): Promise<Feedback | null>
}

/** The stored part of a checklist item: its status, the interviewer's note, and when it last changed. */
export interface ChecklistItemState {
  status?: ChecklistStatus
  note?: string
  changedAt: SessionClockStamp
}

/** A stored revision: `Revision` of @scaleboard/schema with its time as epoch ms. */
export interface StoredRevision {
  id: string
  label: string
  kind: RevisionKind
  /** the board document's last logged seq at that point */
  seq: number
  /** the annotation layer's last logged seq at that point */
  annotationsSeq: number
  /** epoch ms, server time */
  at: number
  author: RevisionAuthor
}

/**
 * Named points in a session's logs (revisions) and who may replay the session. Deleting a
 * session (`SessionStore.deleteSession`) deletes these too.
 */
export interface RevisionStore {
  /** Stores a revision; the caller makes the id. Rejects when the session already has that id. */
  addRevision(sessionId: string, revision: StoredRevision): Promise<void>
  /** The session's revisions, oldest first (by `at`, then by insertion). */
  listRevisions(sessionId: string): Promise<StoredRevision[]>
  getRevision(sessionId: string, revisionId: string): Promise<StoredRevision | null>
  setReplayShared(sessionId: string, shared: boolean): Promise<void>
  /** Whether the candidate may open the session's replay; false until set. */
  isReplayShared(sessionId: string): Promise<boolean>
}

export interface Storage extends DocumentLog, SessionStore, InterviewStore, RevisionStore {
  /** Resolves when the store answers a trivial query; rejects otherwise. */
  ping(): Promise<void>
  close(): Promise<void>
}
