import { SESSION_STATE_MESSAGE, type SessionView } from '@scaleboard/schema'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { RunningServer } from './server.ts'
import { createSession, startTestServer, TEST_ADMIN_TOKEN, waitFor } from './testing.ts'

let server: RunningServer & { dataDir: string }
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

type Who = 'candidate' | 'interviewer' | 'observer' | 'organiser'

async function call(
  session: Awaited<ReturnType<typeof createSession>>,
  who: Who,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  on: RunningServer = server,
) {
  const token = who === 'organiser' ? TEST_ADMIN_TOKEN : session.token(who)
  const response = await fetch(`${on.url}/api/sessions/${session.id}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return {
    status: response.status,
    body: (await response.json()) as SessionView & { error?: { code: string } },
  }
}

/** The session-state frames a raw socket of `role` receives. */
function listen(session: Awaited<ReturnType<typeof createSession>>, role: 'candidate' | 'observer') {
  const views: SessionView[] = []
  const socket = new WebSocket(
    `${server.url.replace(/^http/, 'ws')}/sync/${session.id}?token=${session.token(role)}&session=1`,
  )
  socket.binaryType = 'arraybuffer'
  socket.on('message', (data: ArrayBuffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) !== SESSION_STATE_MESSAGE) return
    const message = JSON.parse(decoding.readVarString(decoder))
    // 'changed' messages (a revision taken at a phase change…) are not views
    if (message.type === 'session') views.push(message.session)
  })
  return { views, close: () => socket.close() }
}

describe('phases and the server-kept clock', () => {
  it('starts in a briefing that waits for the interviewer, with the level’s planned minutes', async () => {
    const session = await createSession(server.url, { scenarioId: 'recommendations', level: 'senior' })
    const { status, body } = await call(session, 'candidate', 'GET', '')
    expect(status).toBe(200)
    expect(body.phase).toMatchObject({ name: 'briefing', startedAt: null, paused: false, remainingMs: null })
    await call(session, 'interviewer', 'POST', '/phase', { phase: 'design' })
    const design = await call(session, 'observer', 'GET', '')
    expect(design.body.phase.name).toBe('design')
    expect(design.body.phase.plannedMs).toBe(90 * 60_000)
  })

  it('lets only the interviewer and the organiser change the phase; others get 403, nonsense 400 or 409', async () => {
    const session = await createSession(server.url)
    const other = await createSession(server.url)
    expect((await call(session, 'candidate', 'POST', '/phase', { action: 'start' })).status).toBe(403)
    expect((await call(session, 'observer', 'POST', '/phase', { action: 'start' })).status).toBe(403)
    const foreign = await fetch(`${server.url}/api/sessions/${session.id}/phase`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.token('interviewer')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'start' }),
    })
    expect(foreign.status).toBe(403)
    expect((await call(session, 'interviewer', 'POST', '/phase', { phase: 'lunch' })).status).toBe(400)
    expect((await call(session, 'interviewer', 'POST', '/phase', { action: 'nap' })).status).toBe(400)
    const early = await call(session, 'interviewer', 'POST', '/phase', { action: 'pause' })
    expect([early.status, early.body.error?.code]).toEqual([409, 'not_started'])
    expect((await call(session, 'organiser', 'POST', '/phase', { action: 'start' })).status).toBe(200)
    expect((await call(session, 'interviewer', 'GET', '')).body.phase.startedAt).not.toBeNull()
    const resume = await call(session, 'interviewer', 'POST', '/phase', { action: 'resume' })
    expect([resume.status, resume.body.error?.code]).toEqual([409, 'not_paused'])
  })

  it('pauses, resumes and extends: the remaining time is the server’s, whatever the caller’s clock', async () => {
    const session = await createSession(server.url, { phaseMinutes: { design: 10 } })
    await call(session, 'interviewer', 'POST', '/phase', { phase: 'design' })
    const paused = await call(session, 'interviewer', 'POST', '/phase', { action: 'pause' })
    expect(paused.body.phase.paused).toBe(true)
    const frozen = paused.body.phase.remainingMs ?? 0
    expect(frozen).toBeGreaterThan(9.9 * 60_000)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await call(session, 'candidate', 'GET', '')).body.phase.remainingMs).toBe(frozen)
    await call(session, 'interviewer', 'POST', '/phase', { action: 'resume' })
    const extended = await call(session, 'interviewer', 'POST', '/phase', { action: 'extend', minutes: 5 })
    expect(extended.body.phase.plannedMs).toBe(15 * 60_000)
    expect(extended.body.phase.remainingMs).toBeGreaterThan(14.9 * 60_000)
    expect(Date.parse(extended.body.phase.endsAt ?? '')).toBeGreaterThan(Date.now() + 14.9 * 60_000)
  })

  it('pushes every change to every open board of the session, and the current state to each new one', async () => {
    const session = await createSession(server.url)
    const candidate = listen(session, 'candidate')
    const observer = listen(session, 'observer')
    await waitFor(() => candidate.views.length === 1 && observer.views.length === 1, 'state on join')
    expect(candidate.views[0].phase.name).toBe('briefing')
    await call(session, 'interviewer', 'POST', '/phase', { phase: 'design' })
    await call(session, 'interviewer', 'POST', '/phase', { phase: 'walkthrough' })
    await waitFor(() => observer.views.length === 3, 'two changes pushed')
    expect(observer.views.map((v) => v.phase.name)).toEqual(['briefing', 'design', 'walkthrough'])
    expect(candidate.views.at(-1)?.phase.name).toBe('walkthrough')
    candidate.close()
    observer.close()
  })

  it('stores every change with its time and author, and keeps the phase across a restart', async () => {
    const own = await startTestServer()
    const session = await createSession(own.url, { phaseMinutes: { walkthrough: 0.5 } })
    await call(session, 'interviewer', 'POST', '/phase', { phase: 'walkthrough' }, own)
    await call(session, 'organiser', 'POST', '/phase', { action: 'pause' }, own)
    const events = await own.storage.listPhaseEvents(session.id)
    expect(events.map((e) => [e.seq, e.author, e.command])).toEqual([
      [1, 'interviewer', { phase: 'walkthrough' }],
      [2, 'organiser', { action: 'pause' }],
    ])
    const before = (await call(session, 'candidate', 'GET', '', undefined, own)).body.phase
    await own.close()
    const again = await startTestServer({ DATA_DIR: own.dataDir })
    try {
      const after = (await call(session, 'candidate', 'GET', '', undefined, again)).body.phase
      expect(after).toMatchObject({ name: 'walkthrough', paused: true, remainingMs: before.remainingMs })
    } finally {
      await again.close()
    }
  })

  it('sends the channel only to connections that ask for it (stock y-websocket clients do not)', async () => {
    const session = await createSession(server.url)
    let stateFrames = 0
    const socket = new WebSocket(
      `${server.url.replace(/^http/, 'ws')}/sync/${session.id}?token=${session.token('candidate')}`,
    )
    socket.binaryType = 'arraybuffer'
    socket.on('message', (data: ArrayBuffer) => {
      if (decoding.readVarUint(decoding.createDecoder(new Uint8Array(data))) === SESSION_STATE_MESSAGE)
        stateFrames += 1
    })
    const listener = listen(session, 'observer')
    await waitFor(() => listener.views.length === 1, 'the listener got the state on join')
    await call(session, 'interviewer', 'POST', '/phase', { phase: 'design' })
    await waitFor(() => listener.views.length === 2, 'the listener got the change')
    expect(stateFrames).toBe(0)
    socket.close()
    listener.close()
  })

  it('refuses a client frame on the session-state channel as malformed: only the server writes it', async () => {
    const session = await createSession(server.url)
    const socket = new WebSocket(
      `${server.url.replace(/^http/, 'ws')}/sync/${session.id}?token=${session.token('candidate')}`,
    )
    const code = await new Promise<number>((resolve) => {
      socket.on('open', () => socket.send(new Uint8Array([SESSION_STATE_MESSAGE, 2, 123, 125])))
      socket.on('close', (closeCode) => resolve(closeCode))
    })
    expect(code).toBe(1007)
  })
})
