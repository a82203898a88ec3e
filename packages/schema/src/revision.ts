import { z } from 'zod'
import { Role } from './role.ts'

/*
 * Revisions, replay, diffs and the interview report: the shapes shared by the server's REST
 * routes (and their OpenAPI), the web app's replay view and @scaleboard/revisions.
 */

/**
 * Why a revision exists: taken when the interview left a phase (`phase`), by someone's click
 * (`manual`), or just before a restore wrote an older board back (`restore`).
 */
export const RevisionKind = z.enum(['phase', 'manual', 'restore'])
export type RevisionKind = z.infer<typeof RevisionKind>

/** Who took a revision: a role of the session, the organiser, or the server (phase changes). */
export const RevisionAuthor = z.enum(['candidate', 'interviewer', 'observer', 'organiser', 'system'])
export type RevisionAuthor = z.infer<typeof RevisionAuthor>

/**
 * A named point in the session's stored logs: never a copy of the board. `seq` is the board
 * document's last logged sequence number at that point (0: nothing logged yet),
 * `annotationsSeq` the annotation layer's.
 */
export const Revision = z.object({
  id: z.string(),
  label: z.string(),
  kind: RevisionKind,
  seq: z.number().int().nonnegative(),
  annotationsSeq: z.number().int().nonnegative(),
  /** ISO 8601, server time */
  at: z.iso.datetime(),
  author: RevisionAuthor,
})
export type Revision = z.infer<typeof Revision>

export const REVISION_LABEL_MAX_LENGTH = 80

/** `POST /api/sessions/:id/revisions` */
export const CreateRevisionBody = z
  .object({ label: z.string().trim().min(1).max(REVISION_LABEL_MAX_LENGTH) })
  .strict()
export type CreateRevisionBody = z.infer<typeof CreateRevisionBody>

/** `GET /api/sessions/:id/revisions`: oldest first. */
export const RevisionList = z.object({ revisions: z.array(Revision) })
export type RevisionList = z.infer<typeof RevisionList>

/**
 * `GET /api/sessions/:id/revisions/:revId/records` and `GET /api/sessions/:id/records?at=`: the
 * board's tldraw records at that point (document-scoped records, as stored), the point itself,
 * and how many stored records were left out because they are not valid records.
 */
export const BoardAt = z.object({
  records: z.array(z.record(z.string(), z.unknown())),
  seq: z.number().int().nonnegative(),
  /** ISO 8601: the time of the last update folded in (the session's creation when none) */
  at: z.iso.datetime(),
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
})
export type BoardAt = z.infer<typeof BoardAt>

/** What a diff entry is about, in the exercise's words. */
export const DiffSubject = z.enum(['component', 'region', 'flow', 'note', 'shape'])
export type DiffSubject = z.infer<typeof DiffSubject>

/**
 * One line of a diff: the record it is about and what a person would write about it, e.g.
 * "Ranking service: replicas 2 → 6, $/month +1,840" or "New async flow Kafka → Feature writer".
 * `details` are the separate changes the summary joins ("replicas 2 → 6", "moved").
 */
export const DiffEntry = z.object({
  id: z.string(),
  subject: DiffSubject,
  summary: z.string(),
  details: z.array(z.string()),
})
export type DiffEntry = z.infer<typeof DiffEntry>

/** `GET /api/sessions/:id/diff?from=<revId>&to=<revId>` */
export const BoardDiff = z.object({
  added: z.array(DiffEntry),
  removed: z.array(DiffEntry),
  changed: z.array(DiffEntry),
})
export type BoardDiff = z.infer<typeof BoardDiff>

/** `?from=&to=` of the diff route: two revision ids of the session. */
export const DiffQuery = z.object({ from: z.string().min(1).max(100), to: z.string().min(1).max(100) })

/**
 * `?at=` of `GET /api/sessions/:id/records`: an ISO 8601 time, or a board sequence number.
 */
export const BoardAtQuery = z.object({
  at: z.union([z.iso.datetime({ offset: true }), z.string().regex(/^\d{1,15}$/)]),
})

/** `POST /api/sessions/:id/replay/share`: let the candidate open the replay (interviewer, organiser). */
export const ShareReplayBody = z.object({ shared: z.boolean() }).strict()

/** One logged update of a document, as the replay view downloads it. */
export const ReplayUpdate = z.object({
  seq: z.number().int().positive(),
  /** epoch ms, server time */
  at: z.number(),
  role: z.union([Role, z.literal('system')]),
  /** the browser user id of the author, when a browser wrote it */
  userId: z.string().nullable(),
  /** the Yjs update, base64 */
  update: z.string(),
})
export type ReplayUpdate = z.infer<typeof ReplayUpdate>

/** A document's whole stored history: every logged update in order (the replay builds its own keyframes). */
export const ReplayDocument = z.object({ updates: z.array(ReplayUpdate) })
export type ReplayDocument = z.infer<typeof ReplayDocument>

/**
 * Something that happened in the session beside the board, placed on the replay's timeline.
 * `at` is epoch ms (server time). Private notes are only ever sent to the interviewer's side.
 */
export const TimelineEvent = z.object({
  at: z.number(),
  kind: z.enum([
    'phase',
    'clock',
    'revision',
    'checklist',
    'feedback',
    'message',
    'requirement',
    'note',
    'what-if',
  ]),
  /** one line a person reads: "Design started", "Checklist: Caching — met", "Q: Is the SLO per region?" */
  text: z.string(),
  /** the revision, checklist item, message… it is about, when it has an id */
  ref: z.string().optional(),
})
export type TimelineEvent = z.infer<typeof TimelineEvent>

/**
 * `GET /api/sessions/:id/replay`: everything the replay view needs, in one answer. Access:
 * interviewer, observer and organiser; the candidate once the replay is shared.
 */
export const ReplayData = z.object({
  sessionId: z.string(),
  title: z.string(),
  scenarioId: z.string().nullable(),
  /** ISO 8601 */
  createdAt: z.iso.datetime(),
  board: ReplayDocument,
  annotations: ReplayDocument,
  revisions: z.array(Revision),
  events: z.array(TimelineEvent),
  /** whether the candidate may open the replay */
  shared: z.boolean(),
})
export type ReplayData = z.infer<typeof ReplayData>

/** `POST /api/sessions/:id/revisions/:revId/restore` answers the revision taken just before restoring. */
export const RestoreResult = z.object({
  /** the automatic revision of the board as it was before the restore */
  before: Revision,
  /** how many records the restore wrote back, and how many it removed */
  written: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
})
export type RestoreResult = z.infer<typeof RestoreResult>
