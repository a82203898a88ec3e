import {
  type Checklist,
  type Feedback,
  type InterviewerNote,
  type RequirementChange,
  SESSION_STATE_MESSAGE,
  type SessionMessage,
} from '@scaleboard/schema'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { RunningServer } from './server.ts'
import {
  callSession,
  createSession,
  startTestServer,
  type TestCaller,
  type TestSession,
  waitFor,
} from './testing.ts'

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

type Session = TestSession

const call = <T = unknown>(session: Session, who: TestCaller, method: string, path: string, body?: unknown) =>
  callSession<T>(server.url, session, who, method, path, body)

describe('the checklist: the interviewer’s rubric', () => {
  it('is built from the scenario and level, grouped; statuses and notes reach only the interviewer until shared', async () => {
    const session = await createSession(server.url, { scenarioId: 'recommendations', level: 'junior' })
    const list = await call<Checklist>(session, 'interviewer', 'GET', '/checklist')
    expect(list.status).toBe(200)
    expect(list.body.items.length).toBeGreaterThan(2)
    expect(list.body.items.every((item) => item.source === 'scenario' && item.group)).toBe(true)
    const [first] = list.body.items
    await call(session, 'interviewer', 'POST', '/phase', { phase: 'design' })
    const ticked = await call<Checklist['items'][number]>(
      session,
      'interviewer',
      'PATCH',
      `/checklist/${first.id}`,
      {
        status: 'partial',
        note: 'caches features, but no fallback',
      },
    )
    expect(ticked.status).toBe(200)
    expect(ticked.body).toMatchObject({ status: 'partial', note: 'caches features, but no fallback' })
    expect(ticked.body.changedAt?.phase).toBe('design')
    // A note-only change keeps the status.
    const noted = await call<Checklist['items'][number]>(
      session,
      'organiser',
      'PATCH',
      `/checklist/${first.id}`,
      {
        note: 'added a fallback later',
      },
    )
    expect(noted.body).toMatchObject({ status: 'partial', note: 'added a fallback later' })

    for (const who of ['candidate', 'observer'] as const) {
      const seen = await call<Checklist>(session, who, 'GET', '/checklist')
      expect(seen.status).toBe(200)
      expect(seen.body.items.find((i) => i.id === first.id)).not.toHaveProperty('status')
      expect(JSON.stringify(seen.body)).not.toContain('fallback later')
    }
    await call(session, 'interviewer', 'POST', '/checklist/share', { shared: true })
    const shared = await call<Checklist>(session, 'candidate', 'GET', '/checklist')
    expect(shared.body.shared).toBe(true)
    expect(shared.body.items.find((i) => i.id === first.id)).toMatchObject({ status: 'partial' })
  })

  it('takes items the interviewer adds; refuses writes from other roles, unknown items and statuses', async () => {
    const session = await createSession(server.url, { scenarioId: 'fraud-scoring', level: 'senior' })
    const added = await call<Checklist['items'][number]>(session, 'interviewer', 'POST', '/checklist', {
      text: 'Handles traffic doubling in 6 months',
      group: 'scaling',
    })
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({ source: 'interviewer', group: 'scaling' })
    const list = await call<Checklist>(session, 'observer', 'GET', '/checklist')
    expect(list.body.items.map((i) => i.id)).toContain(added.body.id)
    expect(
      (await call(session, 'candidate', 'POST', '/checklist', { text: 'I met everything' })).status,
    ).toBe(403)
    expect(
      (await call(session, 'observer', 'PATCH', `/checklist/${added.body.id}`, { status: 'met' })).status,
    ).toBe(403)
    expect((await call(session, 'candidate', 'POST', '/checklist/share', { shared: true })).status).toBe(403)
    expect((await call(session, 'interviewer', 'PATCH', '/checklist/nope', { status: 'met' })).status).toBe(
      404,
    )
    expect(
      (await call(session, 'interviewer', 'PATCH', `/checklist/${added.body.id}`, { status: 'great' }))
        .status,
    ).toBe(400)
    expect((await call(session, 'interviewer', 'PATCH', `/checklist/${added.body.id}`, {})).status).toBe(400)
  })
})

describe('requirement changes', () => {
  it('are added by the interviewer with a checklist item, stamped with the clock, and read by every role', async () => {
    const session = await createSession(server.url, { scenarioId: 'fraud-scoring', level: 'senior' })
    await call(session, 'interviewer', 'POST', '/phase', { phase: 'design' })
    const added = await call<RequirementChange>(session, 'interviewer', 'POST', '/requirements', {
      text: '  Traffic doubles in 6 months  ',
    })
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({ text: 'Traffic doubles in 6 months', at: { phase: 'design' } })
    expect(added.body.at.phaseElapsedMs).not.toBeNull()
    const byOrganiser = await call<RequirementChange>(session, 'organiser', 'POST', '/requirements', {
      text: 'Budget cut by 30%',
    })
    expect(byOrganiser.status).toBe(201)

    for (const who of ['candidate', 'observer', 'interviewer', 'organiser'] as const) {
      const listed = await call<{ changes: RequirementChange[] }>(session, who, 'GET', '/requirements')
      expect(listed.status, who).toBe(200)
      expect(listed.body.changes, who).toEqual([added.body, byOrganiser.body])
    }
    const checklist = await call<Checklist>(session, 'interviewer', 'GET', '/checklist')
    const item = checklist.body.items.find((i) => i.id === added.body.checklistItemId)
    expect(item).toMatchObject({
      id: added.body.checklistItemId,
      text: 'Traffic doubles in 6 months',
      group: 'requirements',
      source: 'interviewer',
    })
    // The item is part of the rubric like any other: the interviewer rates it.
    const rated = await call(session, 'interviewer', 'PATCH', `/checklist/${item?.id}`, { status: 'met' })
    expect(rated.status).toBe(200)
  })

  it('refuses the candidate, observers, another session’s interviewer, and a bad body', async () => {
    const session = await createSession(server.url, { scenarioId: 'fraud-scoring', level: 'senior' })
    const other = await createSession(server.url)
    const body = { text: 'Traffic doubles in 6 months' }
    expect((await call(session, 'candidate', 'POST', '/requirements', body)).status).toBe(403)
    expect((await call(session, 'observer', 'POST', '/requirements', body)).status).toBe(403)
    const foreign = await fetch(`${server.url}/api/sessions/${session.id}/requirements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.token('interviewer')}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(foreign.status).toBe(403)
    const foreignRead = await fetch(`${server.url}/api/sessions/${session.id}/requirements`, {
      headers: { authorization: `Bearer ${other.token('candidate')}` },
    })
    expect(foreignRead.status).toBe(403)
    for (const bad of [{}, { text: '   ' }, { text: 'x'.repeat(301) }, { text: 'ok', group: 'scaling' }])
      expect(
        (await call(session, 'interviewer', 'POST', '/requirements', bad)).status,
        JSON.stringify(bad),
      ).toBe(400)
    const listed = await call<{ changes: RequirementChange[] }>(session, 'candidate', 'GET', '/requirements')
    expect(listed.body.changes).toEqual([])
    const checklist = await call<Checklist>(session, 'interviewer', 'GET', '/checklist')
    expect(checklist.body.items.every((i) => i.source === 'scenario')).toBe(true)
  })
})

describe('private notes', () => {
  it('are stamped with the session clock and served to the interviewer and organiser only', async () => {
    const session = await createSession(server.url)
    await call(session, 'interviewer', 'POST', '/phase', { phase: 'walkthrough' })
    const note = await call<InterviewerNote>(session, 'interviewer', 'POST', '/notes', {
      text: 'strong on caching',
    })
    expect(note.status).toBe(201)
    expect(note.body.at.phase).toBe('walkthrough')
    const listed = await call<{ notes: InterviewerNote[] }>(session, 'organiser', 'GET', '/notes')
    expect(listed.body.notes.map((n) => n.text)).toEqual(['strong on caching'])
    for (const who of ['candidate', 'observer'] as const) {
      expect((await call(session, who, 'GET', '/notes')).status).toBe(403)
      expect((await call(session, who, 'POST', '/notes', { text: 'x' })).status).toBe(403)
    }
    expect(
      (await call(session, 'interviewer', 'POST', '/notes', { text: 'x', itemId: 'ghost' })).status,
    ).toBe(404)
  })
})

describe('the Q&A thread', () => {
  it('takes questions and answers from the candidate and interviewer; observers read; clarifications only from the interviewer', async () => {
    const session = await createSession(server.url)
    const question = await call<SessionMessage>(session, 'candidate', 'POST', '/messages', {
      text: 'Is the budget per month?',
      clarification: true,
    })
    expect(question.status).toBe(201)
    expect(question.body).toMatchObject({ author: 'candidate', clarification: false })
    const answer = await call<SessionMessage>(session, 'interviewer', 'POST', '/messages', {
      text: 'Yes, $12k a month, all regions.',
      clarification: true,
    })
    expect(answer.body).toMatchObject({ author: 'interviewer', clarification: true })
    expect((await call(session, 'observer', 'POST', '/messages', { text: 'psst' })).status).toBe(403)
    const thread = await call<{ messages: SessionMessage[] }>(session, 'observer', 'GET', '/messages')
    expect(thread.body.messages.map((m) => m.author)).toEqual(['candidate', 'interviewer'])
  })
})

describe('feedback', () => {
  it('reaches the candidate and observers only once released', async () => {
    const session = await createSession(server.url)
    const body = {
      strength: { text: 'An elegant split of candidate generation and ranking', shapeIds: ['shape:ranker'] },
      improvement: { text: 'The feature store is a single point of failure' },
    }
    expect((await call(session, 'candidate', 'POST', '/feedback', body)).status).toBe(403)
    const draft = await call<Feedback>(session, 'interviewer', 'POST', '/feedback', body)
    expect(draft.body.released).toBe(false)
    expect(
      (await call<{ feedback: Feedback | null }>(session, 'candidate', 'GET', '/feedback')).body.feedback,
    ).toBeNull()
    expect(
      (await call<{ feedback: Feedback | null }>(session, 'interviewer', 'GET', '/feedback')).body.feedback
        ?.strength.text,
    ).toContain('elegant')
    await call(session, 'interviewer', 'POST', '/feedback', { ...body, released: true })
    const seen = await call<{ feedback: Feedback | null }>(session, 'observer', 'GET', '/feedback')
    expect(seen.body.feedback).toMatchObject({ released: true, improvement: body.improvement })
  })
})

describe('live updates', () => {
  it('tells every open board what changed (never the private notes) over the session-state channel', async () => {
    const session = await createSession(server.url)
    const seen: unknown[] = []
    const socket = new WebSocket(
      `${server.url.replace(/^http/, 'ws')}/sync/${session.id}?token=${session.token('observer')}&session=1`,
    )
    socket.binaryType = 'arraybuffer'
    socket.on('message', (data: ArrayBuffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(decoder) === SESSION_STATE_MESSAGE)
        seen.push(JSON.parse(decoding.readVarString(decoder)))
    })
    await waitFor(() => seen.length === 1, 'the state on join')
    await call(session, 'interviewer', 'POST', '/notes', { text: 'private' })
    await call(session, 'candidate', 'POST', '/messages', { text: 'a question' })
    await call(session, 'interviewer', 'POST', '/feedback', {
      strength: { text: 's' },
      improvement: { text: 'i' },
    })
    await call(session, 'interviewer', 'POST', '/requirements', { text: 'Budget cut by 30%' })
    await waitFor(() => seen.length === 5, 'four announcements')
    expect(seen.slice(1)).toEqual([
      { type: 'changed', what: 'messages' },
      { type: 'changed', what: 'feedback' },
      { type: 'changed', what: 'requirements' },
      { type: 'changed', what: 'checklist' },
    ])
    expect(JSON.stringify(seen)).not.toContain('private')
    socket.close()
  })
})
