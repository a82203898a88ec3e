import type { OpenAPIHono } from '@hono/zod-openapi'
import { diffBoards } from '@scaleboard/revisions'
import { documentIdOf, type ReplayDocument, type Revision, type RevisionAuthor } from '@scaleboard/schema'
import type { LoggedUpdate, SessionRecord, Storage } from '@scaleboard/storage'
import { ApiException } from '../http/errors.ts'
import type { Grant } from '../http/grant.ts'
import type { SessionState } from '../interview/sessionState.ts'
import type { RevisionService } from '../revisions/revisionService.ts'
import type { SessionEvents } from '../revisions/sessionEvents.ts'
import {
  createRevisionRoute,
  diffRoute,
  listRevisionsRoute,
  recordsAtRoute,
  replayRoute,
  replaySharingRoute,
  restoreRevisionRoute,
  revisionRecordsRoute,
  shareReplayRoute,
} from './revisions.routes.ts'

export interface RevisionRoutesDeps {
  storage: Storage
  sessionState: SessionState
  revisions: RevisionService
  sessionEvents: SessionEvents
}

const isInterviewerSide = (grant: Grant) => grant.kind === 'organiser' || grant.role === 'interviewer'
const authorOf = (grant: Grant): RevisionAuthor => (grant.kind === 'organiser' ? 'organiser' : grant.role)

/**
 * Revisions, the board at any point, diffs, restore and the replay's data. Looking back is for
 * the interviewer's side and observers; the candidate may once the interviewer shares the replay.
 */
export function registerRevisionRoutes(app: OpenAPIHono, deps: RevisionRoutesDeps): void {
  const { storage, revisions } = deps

  async function sessionOf(id: string): Promise<SessionRecord> {
    const session = await storage.getSession(id)
    if (!session) throw new ApiException(404, 'not_found', 'There is no such session.')
    return session
  }

  /** The candidate's role token opens the replay only once the interviewer shared it. */
  async function mayLookBack(grant: Grant, sessionId: string): Promise<void> {
    if (grant.kind === 'session' && grant.role === 'candidate' && !(await storage.isReplayShared(sessionId)))
      throw new ApiException(
        403,
        'replay_not_shared',
        'The interviewer has not shared the replay of this interview yet.',
      )
  }

  async function revisionOf(sessionId: string, revisionId: string): Promise<Revision> {
    const revision = await revisions.get(sessionId, revisionId)
    if (!revision) throw new ApiException(404, 'not_found', 'There is no such revision in this session.')
    return revision
  }

  async function boardAt(sessionId: string, seq: number) {
    const state = await revisions.layerAt(sessionId, 'board', seq)
    return {
      records: [...state.records.values()] as Array<Record<string, unknown>>,
      seq: state.seq,
      at: new Date(state.at || Date.parse((await sessionOf(sessionId)).createdAt)).toISOString(),
      skipped: state.skipped,
    }
  }

  app.openapi(listRevisionsRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    return c.json({ revisions: await revisions.list(session.id) }, 200)
  })

  app.openapi(createRevisionRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    const { label } = c.req.valid('json')
    const revision = await revisions.take(session.id, {
      label,
      kind: 'manual',
      author: authorOf(c.var.grant),
    })
    return c.json(revision, 201)
  })

  app.openapi(revisionRecordsRoute, async (c) => {
    const { id, revId } = c.req.valid('param')
    const session = await sessionOf(id)
    await mayLookBack(c.var.grant, session.id)
    const revision = await revisionOf(session.id, revId)
    return c.json(await boardAt(session.id, revision.seq), 200)
  })

  app.openapi(recordsAtRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    await mayLookBack(c.var.grant, session.id)
    const { at } = c.req.valid('query')
    const seq = /^\d+$/.test(at) ? Number(at) : await revisions.seqAtTime(session.id, 'board', Date.parse(at))
    return c.json(await boardAt(session.id, seq), 200)
  })

  app.openapi(diffRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    await mayLookBack(c.var.grant, session.id)
    const { from, to } = c.req.valid('query')
    const [before, after] = await Promise.all([revisionOf(session.id, from), revisionOf(session.id, to)])
    const [a, b] = await Promise.all([
      revisions.layerAt(session.id, 'board', before.seq),
      revisions.layerAt(session.id, 'board', after.seq),
    ])
    return c.json(diffBoards(a.records, b.records), 200)
  })

  app.openapi(restoreRevisionRoute, async (c) => {
    const { id, revId } = c.req.valid('param')
    const session = await sessionOf(id)
    const revision = await revisionOf(session.id, revId)
    const grant = c.var.grant
    const result = await revisions.restore(session.id, revision, {
      role: grant.kind === 'organiser' ? 'organiser' : 'interviewer',
    })
    return c.json(result, 200)
  })

  app.openapi(replayRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    const grant = c.var.grant
    await mayLookBack(grant, session.id)
    const board = documentIdOf(session.id, 'board')
    const annotations = documentIdOf(session.id, 'annotations')
    // what is still pending in a room belongs to the history too
    await revisions.flush(session.id)
    const [boardLog, annotationLog, list, events, shared] = await Promise.all([
      storage.readUpdates(board),
      storage.readUpdates(annotations),
      revisions.list(session.id),
      deps.sessionEvents.timeline(session, { interviewerSide: isInterviewerSide(grant) }),
      storage.isReplayShared(session.id),
    ])
    return c.json(
      {
        sessionId: session.id,
        title: session.title,
        scenarioId: session.scenarioId,
        createdAt: session.createdAt,
        board: toReplayDocument(boardLog),
        annotations: toReplayDocument(annotationLog),
        revisions: list,
        events,
        shared,
      },
      200,
    )
  })

  app.openapi(replaySharingRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    return c.json({ shared: await storage.isReplayShared(session.id) }, 200)
  })

  app.openapi(shareReplayRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    const { shared } = c.req.valid('json')
    await storage.setReplayShared(session.id, shared)
    deps.sessionState.changed(session.id, 'replay')
    return c.json({ shared }, 200)
  })
}

function toReplayDocument(log: readonly LoggedUpdate[]): ReplayDocument {
  return {
    updates: log.map((entry) => ({
      seq: entry.seq,
      at: entry.at,
      role: entry.author.role,
      userId: entry.author.userId,
      update: Buffer.from(entry.update).toString('base64'),
    })),
  }
}
