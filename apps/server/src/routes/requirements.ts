import { randomBytes } from 'node:crypto'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { ChecklistEntry, RequirementChange } from '@scaleboard/schema'
import type { SessionRecord, Storage } from '@scaleboard/storage'
import { ApiException } from '../http/errors.ts'
import type { SessionState } from '../interview/sessionState.ts'
import { addRequirementChangeRoute, listRequirementChangesRoute } from './requirements.routes.ts'

export interface RequirementRoutesDeps {
  storage: Storage
  sessionState: SessionState
}

const newId = (prefix: string) => `${prefix}-${randomBytes(9).toString('base64url')}`

/**
 * Requirement changes: what the interviewer announces during the session ("traffic doubles in 6
 * months"). Unlike the checklist they are public: every role's brief shows them. Each comes with a
 * checklist item in the 'requirements' group, stored with it in one operation, so the interviewer
 * rates whether the design meets it like any other item.
 */
export function registerRequirementRoutes(app: OpenAPIHono, deps: RequirementRoutesDeps): void {
  const { storage, sessionState } = deps

  async function sessionOf(id: string): Promise<SessionRecord> {
    const session = await storage.getSession(id)
    if (!session) throw new ApiException(404, 'not_found', 'There is no such session.')
    return session
  }

  app.openapi(listRequirementChangesRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    return c.json({ changes: await storage.listRequirementChanges(session.id) }, 200)
  })

  app.openapi(addRequirementChangeRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    const { text } = c.req.valid('json')
    const item: ChecklistEntry = { id: newId('item'), text, group: 'requirements', source: 'interviewer' }
    const change: RequirementChange = {
      id: newId('req'),
      text,
      at: await sessionState.stamp(session),
      checklistItemId: item.id,
    }
    await storage.addRequirementChange(session.id, change, item)
    // Every brief shows the change; the interviewer's checklist gains its item.
    sessionState.changed(session.id, 'requirements')
    sessionState.changed(session.id, 'checklist')
    return c.json(change, 201)
  })
}
