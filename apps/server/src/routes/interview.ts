import type { OpenAPIHono } from '@hono/zod-openapi'
import { PhaseCommandError } from '@scaleboard/interview'
import type { SessionRecord, Storage } from '@scaleboard/storage'
import { ApiException } from '../http/errors.ts'
import type { Grant } from '../http/grant.ts'
import type { SessionState } from '../interview/sessionState.ts'
import { phaseCommandRoute, sessionViewRoute } from './interview.routes.ts'

export interface InterviewRoutesDeps {
  storage: Storage
  sessionState: SessionState
}

export function registerInterviewRoutes(app: OpenAPIHono, deps: InterviewRoutesDeps): void {
  async function sessionOf(id: string): Promise<SessionRecord> {
    const session = await deps.storage.getSession(id)
    if (!session) throw new ApiException(404, 'not_found', 'There is no such session.')
    return session
  }

  app.openapi(sessionViewRoute, async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await deps.sessionState.view(await sessionOf(id)), 200)
  })

  app.openapi(phaseCommandRoute, async (c) => {
    const { id } = c.req.valid('param')
    const command = c.req.valid('json')
    const session = await sessionOf(id)
    try {
      return c.json(await deps.sessionState.command(session, command, authorOf(c.var.grant)), 200)
    } catch (error) {
      if (error instanceof PhaseCommandError) throw new ApiException(409, error.code, error.message)
      throw error
    }
  })
}

function authorOf(grant: Grant): 'organiser' | 'candidate' | 'interviewer' | 'observer' {
  return grant.kind === 'organiser' ? 'organiser' : grant.role
}
