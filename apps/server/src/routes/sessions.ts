import type { OpenAPIHono } from '@hono/zod-openapi'
import { resolvePhaseMinutes } from '@scaleboard/interview'
import type { Level, PhaseMinutes, Role, Scenario, SessionListItem, SessionSummary } from '@scaleboard/schema'
import type { SessionOverview, SessionRecord, Storage } from '@scaleboard/storage'
import type { Context } from 'hono'
import { ApiException } from '../http/errors.ts'
import { sessionLink } from '../http/links.ts'
import { generateSecret, generateSessionId, hashSecret } from '../secrets.ts'
import type { SessionDeletion } from '../sessionDeletion.ts'
import {
  createSessionRoute,
  deleteSessionRoute,
  issueLinkRoute,
  listSessionsRoute,
  sessionAccessRoute,
} from './sessions.routes.ts'

export interface SessionRoutesDeps {
  storage: Storage
  /** The origin links are built on (http/linkOrigin.ts): never a forged `Host` header. */
  linkOrigin: (c: Context) => string
  /**
   * The new session's first board state as a Yjs update, or null for an unknown scenario.
   * It is logged before the session's links are handed out, so the first client already sees it.
   */
  initialBoard: (scenarioId: string | null) => Uint8Array | null
  /** The scenario level's planned minutes per phase, if it sets any. */
  levelPhaseMinutes: (scenarioId: string | null, level: Level | null) => Partial<PhaseMinutes> | null
  /** Closes the open boards of a role whose link was just replaced (both layers' rooms). */
  revokeConnections: (sessionId: string, role: Role) => void
  /** Deletes a session the way retention does too: closes its boards, deletes, audits. */
  sessionDeletion: Pick<SessionDeletion, 'delete'>
  /** The loaded scenarios: the list shows each session's scenario by its title. */
  scenarios: ReadonlyMap<string, Scenario>
}

export function registerSessionRoutes(app: OpenAPIHono, deps: SessionRoutesDeps): void {
  app.openapi(createSessionRoute, async (c) => {
    const body = c.req.valid('json')
    const board = deps.initialBoard(body.scenarioId ?? null)
    if (!board) throw new ApiException(404, 'unknown_scenario', `There is no scenario "${body.scenarioId}".`)
    const session: SessionRecord = {
      id: generateSessionId(),
      title: body.title ?? (body.candidateName ? `Interview with ${body.candidateName}` : 'Interview'),
      scenarioId: body.scenarioId ?? null,
      level: body.level ?? null,
      candidateName: body.candidateName ?? null,
      createdAt: new Date().toISOString(),
      // Fixed at creation: editing a scenario later never changes a running interview's clock.
      phaseMinutes: resolvePhaseMinutes(
        deps.levelPhaseMinutes(body.scenarioId ?? null, body.level ?? null),
        body.phaseMinutes,
      ),
    }
    const tokens: Record<Role, string> = {
      candidate: generateSecret(),
      interviewer: generateSecret(),
      observer: generateSecret(),
    }
    await deps.storage.createSession(session, {
      candidate: hashSecret(tokens.candidate),
      interviewer: hashSecret(tokens.interviewer),
      observer: hashSecret(tokens.observer),
    })
    await deps.storage.appendUpdates(session.id, [
      { at: Date.now(), author: { sessionId: session.id, role: 'system', userId: null }, update: board },
    ])
    await deps.storage.appendAudit({
      at: session.createdAt,
      actor: 'organiser',
      action: 'session.created',
      sessionId: session.id,
      detail: session.scenarioId ? `scenario ${session.scenarioId}` : null,
    })
    const origin = deps.linkOrigin(c)
    const link = (role: Role) => sessionLink(origin, session.id, tokens[role])
    return c.json(
      {
        ...toSummary(session),
        links: { candidate: link('candidate'), interviewer: link('interviewer'), observer: link('observer') },
      },
      201,
    )
  })

  app.openapi(listSessionsRoute, async (c) => {
    const { limit } = c.req.valid('query')
    const overviews = await deps.storage.listSessionOverviews(limit)
    return c.json({ sessions: overviews.map((overview) => toListItem(overview, deps.scenarios)) }, 200)
  })

  app.openapi(deleteSessionRoute, async (c) => {
    const { id } = c.req.valid('param')
    if (!(await deps.sessionDeletion.delete(id, 'organiser', null)))
      throw new ApiException(404, 'not_found', 'There is no such session. It may have been deleted already.')
    return c.body(null, 204)
  })

  app.openapi(issueLinkRoute, async (c) => {
    const { id, role } = c.req.valid('param')
    const token = generateSecret()
    if (!(await deps.storage.replaceTokenHash(id, role, hashSecret(token))))
      throw new ApiException(404, 'not_found', 'There is no such session.')
    deps.revokeConnections(id, role)
    await deps.storage.appendAudit({
      at: new Date().toISOString(),
      actor: 'organiser',
      action: 'link.reissued',
      sessionId: id,
      detail: role,
    })
    return c.json({ role, link: sessionLink(deps.linkOrigin(c), id, token) }, 200)
  })

  app.openapi(sessionAccessRoute, async (c) => {
    const { id } = c.req.valid('param')
    const grant = c.var.grant
    const session = await deps.storage.getSession(id)
    // A role token's session always exists (its tokens go with it); the organiser may name any id.
    if (!session && grant.kind === 'session' && grant.viaOrganiser)
      throw new ApiException(404, 'not_found', 'There is no such session. It may have been deleted.')
    if (!session || grant.kind !== 'session')
      throw new ApiException(401, 'unauthorized', 'This link is not valid.')
    if (grant.viaOrganiser)
      await deps.storage.appendAudit({
        at: new Date().toISOString(),
        actor: 'organiser',
        action: 'session.opened',
        sessionId: id,
        detail: 'as interviewer',
      })
    return c.json({ session: toSummary(session), role: grant.role }, 200)
  })
}

function toSummary(session: SessionRecord): SessionSummary {
  return {
    id: session.id,
    title: session.title,
    scenarioId: session.scenarioId,
    level: session.level,
    candidateName: session.candidateName,
    createdAt: session.createdAt,
  }
}

function toListItem(
  { session, phase, lastActivityAt }: SessionOverview,
  scenarios: ReadonlyMap<string, Scenario>,
): SessionListItem {
  const scenarioTitle = session.scenarioId ? (scenarios.get(session.scenarioId)?.title ?? null) : null
  return { ...toSummary(session), scenarioTitle, phase, lastActivityAt }
}
