import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Storage } from '@scaleboard/storage'
import { ApiException } from '../http/errors.ts'
import type { TicketStore } from '../sync/tickets.ts'
import { createTicketRoute } from './tickets.routes.ts'

export interface TicketRoutesDeps {
  tickets: TicketStore
  storage: Pick<Storage, 'getSession'>
}

export function registerTicketRoutes(app: OpenAPIHono, deps: TicketRoutesDeps): void {
  app.openapi(createTicketRoute, async (c) => {
    const { id } = c.req.valid('param')
    const grant = c.var.grant
    if (grant.kind !== 'session')
      throw new ApiException(403, 'forbidden', 'Tickets open a role link’s board.')
    // The organiser, admitted as interviewer (grant.ts), may name any id: it must exist.
    if (grant.viaOrganiser && !(await deps.storage.getSession(id)))
      throw new ApiException(404, 'not_found', 'There is no such session. It may have been deleted.')
    const { ticket, expiresAt } = await deps.tickets.issue({ sessionId: id, role: grant.role })
    c.header('cache-control', 'no-store')
    return c.json({ ticket, expiresAt: new Date(expiresAt).toISOString() }, 201)
  })
}
