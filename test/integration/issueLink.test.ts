/**
 * Reissuing a role's link (`POST /api/sessions/:id/links/:role`): the old token is refused at once
 * by REST and WebSocket, the role's open boards (both layers) are closed with 4401, the other roles
 * are untouched, and the new link works.
 */
import { SyncCloseCode } from '@scaleboard/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../apps/server/src/server.ts'
import {
  createSession,
  startTestServer,
  TEST_ADMIN_TOKEN,
  tokenFromLink,
  waitFor,
} from '../../apps/server/src/testing.ts'
import { openRawClient } from './rawClient.ts'

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

const ws = (path: string, token: string) => `${server.url.replace(/^http/, 'ws')}/sync/${path}?token=${token}`

async function synced(path: string, token: string) {
  const client = await openRawClient(ws(path, token))
  await waitFor(() => client.synced(), `${path} synced`)
  return client
}

const issue = (sessionId: string, role: string, token = TEST_ADMIN_TOKEN) =>
  fetch(`${server.url}/api/sessions/${sessionId}/links/${role}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  })

describe('issuing a new link for a role', () => {
  it('revokes the old token at once, closes its boards with 4401, and leaves the other roles alone', async () => {
    const session = await createSession(server.url)
    const oldToken = session.token('interviewer')
    const board = await synced(session.id, oldToken)
    const layer = await synced(`${session.id}/annotations`, oldToken)
    const candidate = await synced(session.id, session.token('candidate'))

    const response = await issue(session.id, 'interviewer')
    expect(response.status).toBe(200)
    const { role, link } = (await response.json()) as { role: string; link: string }
    expect(role).toBe('interviewer')
    const newToken = tokenFromLink(link)
    expect(newToken).not.toBe(oldToken)
    expect(newToken.length).toBeGreaterThanOrEqual(32)

    for (const client of [board, layer])
      expect(await client.closed).toMatchObject({
        code: SyncCloseCode.tokenRevoked,
        reason: expect.stringContaining('replaced'),
      })
    expect(candidate.socket.readyState).toBe(candidate.socket.OPEN)

    const access = (token: string) =>
      fetch(`${server.url}/api/sessions/${session.id}/access`, {
        headers: { authorization: `Bearer ${token}` },
      })
    expect((await access(oldToken)).status).toBe(401)
    expect(await (await access(newToken)).json()).toMatchObject({ role: 'interviewer' })
    expect(await openRawClient(ws(session.id, oldToken)).catch((error: Error) => error.message)).toBe(
      'upgrade refused: 401',
    )
    const again = await synced(session.id, newToken)
    for (const client of [again, candidate]) client.socket.close()
  })

  it('answers 404 for an unknown session, 400 for an unknown role, 403 to a role token', async () => {
    const session = await createSession(server.url)
    expect((await issue('no-such-session-id-000', 'observer')).status).toBe(404)
    expect((await issue(session.id, 'organiser')).status).toBe(400)
    expect((await issue(session.id, 'observer', session.token('interviewer'))).status).toBe(403)
    // Nothing changed: the observer's link still opens its board.
    const observer = await synced(session.id, session.token('observer'))
    observer.socket.close()
  })
})
