/**
 * The organiser's session management over raw HTTP and real sockets: deleting a session (its open
 * boards are closed with 4404, then everything goes but a tombstone of its token hashes), the
 * reason each kind of bad link gets, opening any session as its interviewer, and the list rows.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROLE_TOKEN_PATTERN, SyncCloseCode } from '@scaleboard/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashSecret } from '../../apps/server/src/secrets.ts'
import type { RunningServer } from '../../apps/server/src/server.ts'
import {
  cardName,
  createSession,
  putCard,
  startTestServer,
  TEST_ADMIN_TOKEN,
  tokenFromLink,
  waitFor,
} from '../../apps/server/src/testing.ts'
import { openSqliteStorage } from '../../packages/storage/src/index.ts'
import { openRawClient } from './rawClient.ts'

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_AUTH_FAILURES: '100000' })
})
afterAll(() => server.close())

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const wsUrl = (path: string, query: string) => `${server.url.replace(/^http/, 'ws')}/sync/${path}?${query}`

async function synced(path: string, query: string) {
  const client = await openRawClient(wsUrl(path, query))
  await waitFor(() => client.synced(), `${path} synced`)
  return client
}

const del = (id: string, token = TEST_ADMIN_TOKEN) =>
  fetch(`${server.url}/api/sessions/${id}`, { method: 'DELETE', headers: bearer(token) })

/** What access and ticket answers carry, loosely: the success or the error body. */
interface Answer {
  role?: string
  session?: { id: string }
  ticket?: string
  error: { code: string; message: string; reason?: string }
}

async function access(id: string, token: string) {
  const response = await fetch(`${server.url}/api/sessions/${id}/access`, { headers: bearer(token) })
  return { status: response.status, body: (await response.json()) as Answer }
}

async function ticket(id: string, token: string) {
  const response = await fetch(`${server.url}/api/sessions/${id}/tickets`, {
    method: 'POST',
    headers: bearer(token),
  })
  return { status: response.status, body: (await response.json()) as Answer }
}

describe('DELETE /api/sessions/:id', () => {
  it('closes every open board of the session (both layers, every role) with 4404, then deletes it all', async () => {
    const session = await createSession(server.url, { scenarioId: 'fraud-scoring' })
    const keep = await createSession(server.url)
    const clients = [
      await synced(session.id, `token=${session.token('candidate')}`),
      await synced(session.id, `token=${session.token('observer')}`),
      await synced(session.id, `token=${session.token('interviewer')}`),
      await synced(`${session.id}/annotations`, `token=${session.token('interviewer')}`),
    ]
    const bystander = await synced(keep.id, `token=${keep.token('candidate')}`)
    // An edit just before the delete: the room flushes it, and a checkpoint, as it closes.
    clients[0].change((doc) => putCard(doc, 'shape:late', 'Late cache'))

    const response = await del(session.id)
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
    for (const client of clients)
      expect(await client.closed).toEqual({
        code: SyncCloseCode.sessionDeleted,
        reason: 'this interview was deleted',
      })
    expect(bystander.socket.readyState).toBe(bystander.socket.OPEN)

    // Nothing of it is left, also after its rooms closed: no late log rows or checkpoints.
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await server.storage.getSession(session.id)).toBeNull()
    for (const doc of [session.id, `${session.id}/annotations`])
      expect(await server.storage.loadLatest(doc), doc).toEqual({ checkpoint: null, updates: [] })
    expect(await server.storage.listPhaseEvents(session.id)).toEqual([])

    // Its links now say so; a second delete finds nothing.
    for (const role of ['candidate', 'interviewer', 'observer'] as const) {
      const answer = await access(session.id, session.token(role))
      expect(answer.status, role).toBe(401)
      expect(answer.body.error.reason, role).toBe('session_deleted')
    }
    expect(
      await openRawClient(wsUrl(session.id, `token=${session.token('candidate')}`)).catch((e) => e.message),
    ).toBe('upgrade refused: 401')
    expect((await del(session.id)).status).toBe(404)
    expect((await access(keep.id, keep.token('candidate'))).status).toBe(200)
    bystander.socket.close()

    const audit = await server.storage.listAudit(20)
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'organiser', action: 'session.deleted', sessionId: session.id }),
      ]),
    )
  })

  it('refuses a socket whose ticket was fetched just before the delete', async () => {
    const session = await createSession(server.url)
    const early = await ticket(session.id, session.token('candidate'))
    expect(early.status).toBe(201)
    expect((await del(session.id)).status).toBe(204)
    const late = await openRawClient(wsUrl(session.id, `ticket=${early.body.ticket}`))
    expect(await late.closed).toMatchObject({ code: SyncCloseCode.sessionDeleted })
  })

  it('is for the organiser only: 401 without a valid token, 403 for every role token', async () => {
    const session = await createSession(server.url)
    for (const role of ['candidate', 'interviewer', 'observer'] as const) {
      const response = await del(session.id, session.token(role))
      expect(response.status, role).toBe(403)
      expect((await response.json()).error.reason).toBe('wrong_role')
    }
    expect((await del(session.id, 'z'.repeat(43))).status).toBe(401)
    expect((await fetch(`${server.url}/api/sessions/${session.id}`, { method: 'DELETE' })).status).toBe(401)
    expect((await del('not a session id')).status).toBe(400)
    expect((await access(session.id, session.token('observer'))).status).toBe(200)
  })

  it('is in the OpenAPI document beside the links route, both for the organiser', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>
    }
    const deletion = doc.paths['/api/sessions/{id}'].delete
    expect(Object.keys(deletion.responses)).toEqual(expect.arrayContaining(['204', '401', '403', '404']))
    expect(deletion.security).toEqual([{ bearer: [] }])
    const links = doc.paths['/api/sessions/{id}/links/{role}'].post
    expect(Object.keys(links.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '404']))
  })
})

describe('the reason a bad link is refused', () => {
  it('tells malformed, revoked, deleted, unknown, missing and another session’s link apart', async () => {
    const session = await createSession(server.url)
    const other = await createSession(server.url)
    const gone = await createSession(server.url)
    const candidate = session.token('candidate')
    expect(candidate).toMatch(ROLE_TOKEN_PATTERN)
    const reissued = await fetch(`${server.url}/api/sessions/${session.id}/links/observer`, {
      method: 'POST',
      headers: bearer(TEST_ADMIN_TOKEN),
    })
    const newObserver = tokenFromLink(((await reissued.json()) as { link: string }).link)
    expect((await del(gone.id)).status).toBe(204)

    const cases: Array<[string, string, number, string]> = [
      ['cut short', candidate.slice(0, 30), 401, 'malformed'],
      ['extra characters', `${candidate}%20`, 401, 'malformed'],
      ['a character outside the alphabet', `${candidate.slice(0, 42)}.`, 401, 'malformed'],
      ['replaced by a new link', session.token('observer'), 401, 'revoked'],
      ['of a deleted session', gone.token('interviewer'), 401, 'session_deleted'],
      ['well-formed but unknown', 'z'.repeat(43), 401, 'unknown'],
      ['of another session', other.token('candidate'), 403, 'other_session'],
    ]
    for (const [what, token, status, reason] of cases) {
      for (const answer of [await access(session.id, token), await ticket(session.id, token)]) {
        expect(answer.status, what).toBe(status)
        expect(answer.body.error.reason, what).toBe(reason)
        expect(answer.body.error.message, what).toMatch(/\.$/)
      }
    }
    const missing = await fetch(`${server.url}/api/sessions/${session.id}/access`)
    expect((await missing.json()).error.reason).toBe('missing')
    expect((await access(session.id, candidate)).status).toBe(200)
    expect((await access(session.id, newObserver)).body.role).toBe('observer')
    // The messages say what to do next.
    expect((await access(session.id, session.token('observer'))).body.error.message).toContain(
      'Ask the organiser for the new link',
    )
  })

  it('counts every kind against the auth-failure limit', async () => {
    const limited = await startTestServer({ RATE_LIMIT_AUTH_FAILURES: '3' })
    try {
      const session = await createSession(limited.url)
      await fetch(`${limited.url}/api/sessions/${session.id}/links/candidate`, {
        method: 'POST',
        headers: bearer(TEST_ADMIN_TOKEN),
      })
      const statuses = []
      for (const token of ['short', session.token('candidate'), 'y'.repeat(43), 'z'.repeat(43)]) {
        const response = await fetch(`${limited.url}/api/sessions/${session.id}/access`, {
          headers: bearer(token),
        })
        statuses.push(response.status)
      }
      expect(statuses).toEqual([401, 401, 401, 429])
      // A valid link from the same address still works.
      const ok = await fetch(`${limited.url}/api/sessions/${session.id}/access`, {
        headers: bearer(session.token('observer')),
      })
      expect(ok.status).toBe(200)
    } finally {
      await limited.close()
    }
  })

  it('says "deleted" for the links of a session retention deleted, as for the organiser’s delete', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scaleboard-retention-reason-'))
    const storage = await openSqliteStorage({ dataDir })
    const token = 'r'.repeat(43)
    await storage.createSession(
      {
        id: 'retired-session-01',
        title: 'Old',
        scenarioId: null,
        level: null,
        candidateName: null,
        createdAt: new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString(),
        phaseMinutes: null,
      },
      {
        candidate: hashSecret(token),
        interviewer: hashSecret('i'.repeat(43)),
        observer: hashSecret('o'.repeat(43)),
      },
    )
    await storage.close()
    const retained = await startTestServer({ DATA_DIR: dataDir, RETENTION_DAYS: '7' })
    try {
      const response = await fetch(`${retained.url}/api/sessions/retired-session-01/access`, {
        headers: bearer(token),
      })
      expect(response.status).toBe(401)
      expect((await response.json()).error.reason).toBe('session_deleted')
      expect(await retained.storage.listAudit(5)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            actor: 'retention',
            action: 'session.deleted',
            sessionId: 'retired-session-01',
          }),
        ]),
      )
    } finally {
      await retained.close()
    }
  })
})

describe('the organiser opens a session as its interviewer', () => {
  it('gets interviewer access, the guidance, a ticket that syncs, without touching the interviewer’s link', async () => {
    const session = await createSession(server.url, { scenarioId: 'fraud-scoring' })
    const seen = await access(session.id, TEST_ADMIN_TOKEN)
    expect(seen.status).toBe(200)
    expect(seen.body).toMatchObject({ role: 'interviewer', session: { id: session.id } })
    const brief = await fetch(`${server.url}/api/sessions/${session.id}/brief`, {
      headers: bearer(TEST_ADMIN_TOKEN),
    })
    expect(Object.keys(await brief.json())).toEqual(expect.arrayContaining(['guidance', 'checklist']))

    const issued = await ticket(session.id, TEST_ADMIN_TOKEN)
    expect(issued.status).toBe(201)
    const organiser = await synced(session.id, `ticket=${issued.body.ticket}`)
    const candidate = await synced(session.id, `token=${session.token('candidate')}`)
    organiser.change((doc) => putCard(doc, 'shape:org', 'Organiser cache'))
    await waitFor(
      () => cardName(candidate.doc, 'shape:org') === 'Organiser cache',
      'the edit reaches the candidate',
    )
    // Logged as the interviewer's edit, once the room flushed it.
    await expect
      .poll(async () => (await server.storage.readUpdates(session.id)).at(-1)?.author.role, {
        timeout: 10_000,
      })
      .toBe('interviewer')

    // The interviewer's own link is untouched, and the opening is audited.
    expect((await access(session.id, session.token('interviewer'))).body.role).toBe('interviewer')
    expect(await server.storage.listAudit(10)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'organiser', action: 'session.opened', sessionId: session.id }),
      ]),
    )
    for (const client of [organiser, candidate]) client.socket.close()
  })

  it('finds no session that does not exist; a candidate still cannot act as interviewer', async () => {
    expect((await access('no-such-session-000', TEST_ADMIN_TOKEN)).status).toBe(404)
    expect((await ticket('no-such-session-000', TEST_ADMIN_TOKEN)).status).toBe(404)
    const session = await createSession(server.url, { scenarioId: 'fraud-scoring' })
    const candidate = session.token('candidate')
    const phase = await fetch(`${server.url}/api/sessions/${session.id}/phase`, {
      method: 'POST',
      headers: { ...bearer(candidate), 'content-type': 'application/json' },
      body: '{"phase":"design"}',
    })
    expect(phase.status).toBe(403)
    expect(
      (await fetch(`${server.url}/api/sessions/${session.id}/notes`, { headers: bearer(candidate) })).status,
    ).toBe(403)
    const brief = await fetch(`${server.url}/api/sessions/${session.id}/brief`, {
      headers: bearer(candidate),
    })
    expect(Object.keys(await brief.json())).not.toContain('guidance')
    expect((await access(session.id, candidate)).body.role).toBe('candidate')
  })
})

describe('GET /api/sessions: the organiser’s list', () => {
  it('shows the scenario by its title, the phase once started, and the last activity', async () => {
    const session = await createSession(server.url, {
      scenarioId: 'fraud-scoring',
      level: 'senior',
      title: 'Listed',
      candidateName: 'Grace',
    })
    const list = async () => {
      const response = await fetch(`${server.url}/api/sessions?limit=500`, {
        headers: bearer(TEST_ADMIN_TOKEN),
      })
      const { sessions } = (await response.json()) as { sessions: Array<Record<string, unknown>> }
      return sessions.find((s) => s.id === session.id)
    }
    const before = await list()
    expect(before).toMatchObject({
      title: 'Listed',
      candidateName: 'Grace',
      scenarioId: 'fraud-scoring',
      scenarioTitle: expect.stringMatching(/fraud/i),
      level: 'senior',
      phase: null,
    })
    expect(Date.parse(before?.lastActivityAt as string)).toBeGreaterThanOrEqual(
      Date.parse(before?.createdAt as string),
    )
    await new Promise((resolve) => setTimeout(resolve, 20))
    const moved = await fetch(`${server.url}/api/sessions/${session.id}/phase`, {
      method: 'POST',
      headers: { ...bearer(session.token('interviewer')), 'content-type': 'application/json' },
      body: '{"phase":"design"}',
    })
    expect(moved.status).toBe(200)
    const after = await list()
    expect(after?.phase).toBe('design')
    expect(Date.parse(after?.lastActivityAt as string)).toBeGreaterThan(
      Date.parse(before?.lastActivityAt as string),
    )
  })
})
