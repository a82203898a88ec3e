import { OpenAPIHono } from '@hono/zod-openapi'
import type { Storage } from '@scaleboard/storage'
import { apiErrorBody, issuesOf, onError } from './http/errors.ts'
import { securityHeaders } from './http/securityHeaders.ts'
import { registerHealthRoute } from './routes/health.ts'
import { registerScenarioRoutes, type ScenarioRoutesDeps } from './routes/scenarios.ts'
import { registerSessionRoutes, type SessionRoutesDeps } from './routes/sessions.ts'
import { registerStaticSite, type StaticSiteOptions } from './web/staticSite.ts'

export interface AppDeps extends SessionRoutesDeps, ScenarioRoutesDeps {
  storage: Storage
  web: StaticSiteOptions
}

/** The HTTP side of the server: REST under /api, /healthz, and the web app. */
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
  app.onError(onError)
  app.use(securityHeaders)
  app.notFound((c) => c.json(apiErrorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404))

  registerHealthRoute(app, () => deps.storage.ping())
  registerSessionRoutes(app, deps)
  registerScenarioRoutes(app, deps)
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' })
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Scaleboard API', version: '0.1.0' },
  })
  registerStaticSite(app, deps.web)
  return app
}
