import { OpenAPIHono } from '@hono/zod-openapi'
import type { Storage } from '@scaleboard/storage'
import { bodySizeLimit, jsonDepthGuard } from './http/bodyGuard.ts'
import { apiErrorBody, issuesOf, onError } from './http/errors.ts'
import { type GrantEnv, resolveGrant } from './http/grant.ts'
import { registerMethodNotAllowed } from './http/methodNotAllowed.ts'
import { type ApiRateLimits, rateLimit } from './http/rateLimit.ts'
import { securityHeaders } from './http/securityHeaders.ts'
import { type AppObservability, observeRequests, registerProbeRoutes } from './observability/http.ts'
import { type AnalysisRoutesDeps, registerAnalysisRoutes } from './routes/analysis.ts'
import { type InterviewRoutesDeps, registerInterviewRoutes } from './routes/interview.ts'
import { type ReportRoutesDeps, registerReportRoutes } from './routes/report.ts'
import { type RequirementRoutesDeps, registerRequirementRoutes } from './routes/requirements.ts'
import { type RevisionRoutesDeps, registerRevisionRoutes } from './routes/revisions.ts'
import { registerScenarioRoutes, type ScenarioRoutesDeps } from './routes/scenarios.ts'
import { registerSessionRoutes, type SessionRoutesDeps } from './routes/sessions.ts'
import { registerTicketRoutes, type TicketRoutesDeps } from './routes/tickets.ts'
import { registerWorkflowRoutes, type WorkflowRoutesDeps } from './routes/workflow.ts'
import type { LogHealth } from './sync/logHealth.ts'
import { registerStaticSite, type StaticSiteOptions } from './web/staticSite.ts'

export interface AppDeps
  extends SessionRoutesDeps,
    ScenarioRoutesDeps,
    TicketRoutesDeps,
    InterviewRoutesDeps,
    WorkflowRoutesDeps,
    RequirementRoutesDeps,
    RevisionRoutesDeps,
    ReportRoutesDeps,
    AnalysisRoutesDeps {
  storage: Storage
  web: StaticSiteOptions
  /** The organiser's token (http/grant.ts resolves it and role tokens for every /api request). */
  adminToken: string
  api: ApiLimits
  logHealth?: LogHealth
  /** Logs, metrics and probes (observability/http.ts); every part optional, so tests and old callers need none. */
  observability?: AppObservability
}

/** What guards /api before any route runs. */
export interface ApiLimits {
  rateLimits: ApiRateLimits
  /** Take client addresses from X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean
  maxBodyBytes: number
  maxJsonDepth: number
}

/** The HTTP side of the server: REST under /api, /healthz, /readyz, /metrics, and the web app. */
export function createApp(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono({
    // Every validation failure answers the same way: 400 and the fields that are wrong.
    defaultHook: (result, c) => {
      if (!result.success)
        return c.json(
          apiErrorBody('invalid_request', 'The request is not valid.', issuesOf(result.error)),
          400,
        )
    },
  })
  // First, so every line and every response of a request carries its id, whatever answers it.
  observeRequests(app, deps.observability ?? {}, onError)
  app.use(securityHeaders)
  // Cheapest first: budgets, then the body's size and nesting, then who the token is.
  app.use('/api/*', rateLimit(deps.api.rateLimits, { trustProxy: deps.api.trustProxy }))
  app.use('/api/*', bodySizeLimit(deps.api.maxBodyBytes))
  app.use('/api/*', jsonDepthGuard(deps.api.maxJsonDepth))
  app.use<'/api/*', GrantEnv>('/api/*', resolveGrant({ adminToken: deps.adminToken, storage: deps.storage }))
  app.notFound((c) => c.json(apiErrorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404))

  registerProbeRoutes(
    app,
    {
      database: async () => {
        await deps.storage.ping()
        // Edits that cannot reach the log are as bad as a database that does not answer.
        const problem = deps.logHealth?.problem()
        if (problem) throw new Error(problem)
      },
      reachable: () => deps.storage.ping(),
    },
    deps.observability ?? {},
  )
  registerSessionRoutes(app, deps)
  registerTicketRoutes(app, deps)
  registerInterviewRoutes(app, deps)
  registerWorkflowRoutes(app, deps)
  registerRequirementRoutes(app, deps)
  registerRevisionRoutes(app, deps)
  registerReportRoutes(app, deps)
  registerAnalysisRoutes(app, deps)
  registerScenarioRoutes(app, deps)
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' })
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Scaleboard API', version: '0.1.0' },
  })
  registerMethodNotAllowed(app)
  registerStaticSite(app, deps.web)
  return app
}
