import type { OpenAPIHono } from '@hono/zod-openapi'
import { toCandidateScenario, toScenarioSummary } from '@scaleboard/scenarios'
import type { Scenario } from '@scaleboard/schema'
import type { Storage } from '@scaleboard/storage'
import { ApiException } from '../http/errors.ts'
import type { Grant } from '../http/grant.ts'
import {
  getScenarioGuidanceRoute,
  getScenarioRoute,
  listScenariosRoute,
  sessionBriefRoute,
} from './scenarios.routes.ts'

export interface ScenarioRoutesDeps {
  storage: Storage
  scenarios: ReadonlyMap<string, Scenario>
}

/** Scenario briefs. Guidance is for interviewers only; the server decides, not the UI. */
export function registerScenarioRoutes(app: OpenAPIHono, deps: ScenarioRoutesDeps): void {
  const scenarioOr404 = (id: string) => {
    const scenario = deps.scenarios.get(id)
    if (!scenario) throw new ApiException(404, 'unknown_scenario', `There is no scenario "${id}".`)
    return scenario
  }

  app.openapi(listScenariosRoute, (c) => c.json([...deps.scenarios.values()].map(toScenarioSummary), 200))

  /** allowInAnySession() admitted the organiser or a token of some session: it must be of this scenario. */
  async function requireSessionOf(grant: Grant, scenario: Scenario, refusal: string) {
    if (grant.kind !== 'session') return
    const session = await deps.storage.getSession(grant.sessionId)
    if (session?.scenarioId !== scenario.id) throw new ApiException(403, 'forbidden', refusal)
  }

  app.openapi(getScenarioRoute, async (c) => {
    const scenario = scenarioOr404(c.req.valid('param').id)
    await requireSessionOf(c.var.grant, scenario, 'This link belongs to a session of another scenario.')
    return c.json(toCandidateScenario(scenario), 200)
  })

  app.openapi(getScenarioGuidanceRoute, async (c) => {
    const scenario = scenarioOr404(c.req.valid('param').id)
    await requireSessionOf(
      c.var.grant,
      scenario,
      'Only the interviewer of a session of this scenario sees its guidance.',
    )
    return c.json(scenario.guidance, 200)
  })

  app.openapi(sessionBriefRoute, async (c) => {
    const { id } = c.req.valid('param')
    const grant = c.var.grant
    const role = grant.kind === 'session' ? grant.role : null
    const session = await deps.storage.getSession(id)
    const scenario = session?.scenarioId ? (deps.scenarios.get(session.scenarioId) ?? null) : null
    return c.json(
      {
        scenario: scenario ? toCandidateScenario(scenario) : null,
        level: session?.level ?? null,
        ...(scenario && role === 'interviewer'
          ? { guidance: scenario.guidance, checklist: scenario.checklist }
          : {}),
      },
      200,
    )
  })
}
