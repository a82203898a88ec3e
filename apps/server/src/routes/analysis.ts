import type { OpenAPIHono } from '@hono/zod-openapi'
import { analyseBoard, analysisRequirements, analysisSettings } from '@scaleboard/analysis'
import type { AnalysisState, AnalysisTargets, Scenario } from '@scaleboard/schema'
import type { SessionRecord, Storage } from '@scaleboard/storage'
import { ApiException } from '../http/errors.ts'
import type { Grant } from '../http/grant.ts'
import type { SessionState } from '../interview/sessionState.ts'
import type { RevisionService } from '../revisions/revisionService.ts'
import { analysisRoute, analysisStateRoute, shareAnalysisRoute, whatIfRoute } from './analysis.routes.ts'

export interface AnalysisRoutesDeps {
  storage: Storage
  sessionState: SessionState
  revisions: RevisionService
  scenarios: ReadonlyMap<string, Scenario>
  now?: () => number
}

const isInterviewerSide = (grant: Grant) => grant.kind === 'organiser' || grant.role === 'interviewer'

/**
 * The live design analysis. Its settings (shown to everyone or not, the what-if in force) are the
 * server's: each change is stored as a session event (so the replay shows it) and announced on the
 * session-state channel. Until the interviewer shows it, the candidate and observers get nothing
 * of it: an injection is the interviewer's to reveal.
 */
export function registerAnalysisRoutes(app: OpenAPIHono, deps: AnalysisRoutesDeps): void {
  const { storage, revisions } = deps
  const now = deps.now ?? Date.now

  async function sessionOf(id: string): Promise<SessionRecord> {
    const session = await storage.getSession(id)
    if (!session) throw new ApiException(404, 'not_found', 'There is no such session.')
    return session
  }

  function targetsOf(session: SessionRecord): AnalysisTargets | null {
    const scenario = session.scenarioId ? deps.scenarios.get(session.scenarioId) : undefined
    return scenario ? analysisRequirements(scenario, session.level ?? undefined) : null
  }

  async function stateOf(session: SessionRecord, grant: Grant): Promise<AnalysisState> {
    const settings = analysisSettings(await storage.listAnalysisEvents(session.id))
    if (!settings.shown && !isInterviewerSide(grant))
      throw new ApiException(
        403,
        'analysis_not_shown',
        'The interviewer has not shown the analysis of this board to everyone.',
      )
    return { ...settings, targets: targetsOf(session) }
  }

  async function change(
    session: SessionRecord,
    grant: Grant,
    event: Parameters<Storage['appendAnalysisEvent']>[1]['change'],
  ): Promise<AnalysisState> {
    await storage.appendAnalysisEvent(session.id, {
      at: now(),
      author: grant.kind === 'organiser' ? 'organiser' : 'interviewer',
      change: event,
    })
    deps.sessionState.changed(session.id, 'analysis')
    return stateOf(session, grant)
  }

  app.openapi(analysisStateRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    return c.json(await stateOf(session, c.var.grant), 200)
  })

  app.openapi(analysisRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    const state = await stateOf(session, c.var.grant)
    const { revision: revisionId } = c.req.valid('query')
    let seq: number
    if (revisionId) {
      const revision = await revisions.get(session.id, revisionId)
      if (!revision) throw new ApiException(404, 'not_found', 'There is no such revision in this session.')
      seq = revision.seq
    } else {
      await revisions.flush(session.id)
      seq = await storage.lastSeq(session.id)
    }
    const board = await revisions.layerAt(session.id, 'board', seq)
    const targets = state.targets ?? { peakRps: 0 }
    return c.json(analyseBoard(board.records, targets, { whatIf: state.whatIf ?? undefined }), 200)
  })

  app.openapi(shareAnalysisRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    return c.json(
      await change(session, c.var.grant, { kind: 'shown', shown: c.req.valid('json').shown }),
      200,
    )
  })

  app.openapi(whatIfRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    const body = c.req.valid('json')
    const event =
      'whatIf' in body
        ? { kind: 'what-if' as const, whatIf: body.whatIf }
        : { kind: 'what-if-cleared' as const }
    return c.json(await change(session, c.var.grant, event), 200)
  })
}
