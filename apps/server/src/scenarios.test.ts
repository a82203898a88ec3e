import { readBoardRecords, readBoardSchema } from '@scaleboard/board-sync/doc'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from './server.ts'
import { connectClient, createSession, startTestServer, TEST_ADMIN_TOKEN, waitForSync } from './testing.ts'

let server: RunningServer
const get = (path: string, token?: string) =>
  fetch(`${server.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {})

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

describe('scenarios API', () => {
  it('lists every scenario with its levels', async () => {
    expect((await get('/api/scenarios')).status).toBe(401)
    const list = await (await get('/api/scenarios', TEST_ADMIN_TOKEN)).json()
    expect(list.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(['recommendations', 'fraud-scoring', 'llm-assistant', 'image-moderation']),
    )
    for (const s of list) {
      expect(Object.keys(s).sort()).toEqual(['id', 'levels', 'summary', 'title'])
      expect(s.levels.length).toBeGreaterThan(0)
    }
  })

  it('serves the candidate-visible part without guidance or checklist, only to tokens of that scenario', async () => {
    const fraud = await createSession(server.url, { scenarioId: 'fraud-scoring', level: 'senior' })
    const recs = await createSession(server.url, { scenarioId: 'recommendations' })
    expect((await get('/api/scenarios/fraud-scoring')).status).toBe(401)
    for (const token of [TEST_ADMIN_TOKEN, fraud.token('candidate'), fraud.token('observer')]) {
      const response = await get('/api/scenarios/fraud-scoring', token)
      expect(response.status).toBe(200)
      const scenario = await response.json()
      expect(scenario.requirements.length).toBeGreaterThan(0)
      expect(scenario).not.toHaveProperty('guidance')
      expect(scenario).not.toHaveProperty('checklist')
    }
    expect((await get('/api/scenarios/fraud-scoring', recs.token('candidate'))).status).toBe(403)
    expect((await get('/api/scenarios/nope', TEST_ADMIN_TOKEN)).status).toBe(404)
    expect((await get('/api/scenarios/..%2F..%2Fetc', TEST_ADMIN_TOKEN)).status).toBe(400)
  })

  it('sends the checklist with the brief to the interviewer only', async () => {
    const session = await createSession(server.url, { scenarioId: 'fraud-scoring', level: 'senior' })
    const brief = (role: 'candidate' | 'interviewer' | 'observer') =>
      get(`/api/sessions/${session.id}/brief`, session.token(role)).then((r) => r.json())
    expect((await brief('interviewer')).checklist.length).toBeGreaterThan(0)
    for (const role of ['candidate', 'observer'] as const) {
      const seen = await brief(role)
      expect(seen).not.toHaveProperty('checklist')
      expect(seen.scenario).not.toHaveProperty('checklist')
    }
  })

  it('gives guidance to the organiser and the interviewer of that scenario only', async () => {
    const fraud = await createSession(server.url, { scenarioId: 'fraud-scoring', level: 'senior' })
    const recs = await createSession(server.url, { scenarioId: 'recommendations' })
    const guidance = '/api/scenarios/fraud-scoring/guidance'
    expect((await get(guidance, TEST_ADMIN_TOKEN)).status).toBe(200)
    const forInterviewer = await get(guidance, fraud.token('interviewer'))
    expect(forInterviewer.status).toBe(200)
    expect((await forInterviewer.json()).hints.length).toBeGreaterThan(0)
    expect((await get(guidance, fraud.token('candidate'))).status).toBe(403)
    expect((await get(guidance, fraud.token('observer'))).status).toBe(403)
    expect((await get(guidance, recs.token('interviewer'))).status).toBe(403)
    expect((await get(guidance, 'not-a-token')).status).toBe(401)
    expect((await get(guidance)).status).toBe(401)
  })

  it("serves each role its session's brief, with guidance for the interviewer alone", async () => {
    const session = await createSession(server.url, { scenarioId: 'llm-assistant', level: 'mid' })
    const brief = (role: 'candidate' | 'interviewer' | 'observer') =>
      get(`/api/sessions/${session.id}/brief`, session.token(role)).then((r) => r.json())
    const interviewer = await brief('interviewer')
    expect(interviewer.scenario.id).toBe('llm-assistant')
    expect(interviewer.level).toBe('mid')
    expect(interviewer.guidance.hints.length).toBeGreaterThan(0)
    for (const role of ['candidate', 'observer'] as const) {
      const other = await brief(role)
      expect(other.scenario.id).toBe('llm-assistant')
      expect(other).not.toHaveProperty('guidance')
      expect(JSON.stringify(other)).not.toContain(interviewer.guidance.hints[0])
    }
    const blank = await createSession(server.url)
    expect(await (await get(`/api/sessions/${blank.id}/brief`, blank.token('candidate'))).json()).toEqual({
      scenario: null,
      level: null,
    })
    expect((await get(`/api/sessions/${blank.id}/brief`, session.token('candidate'))).status).toBe(403)
  })
})

describe('scenario boards', () => {
  it('are in the stored document as soon as the session exists, for any Yjs client', async () => {
    const scenario = await (await get('/api/scenarios/image-moderation', TEST_ADMIN_TOKEN)).json()
    const session = await createSession(server.url, { scenarioId: 'image-moderation', level: 'junior' })
    const client = connectClient(server.url, session.id, session.token('observer'))
    await waitForSync(client.provider)
    const records = [...readBoardRecords(client.doc).values()] as {
      typeName: string
      type?: string
      isLocked?: boolean
      props?: { name?: string }
    }[]
    client.provider.destroy()

    expect(readBoardSchema(client.doc)).not.toBeNull()
    expect(records.filter((r) => r.typeName === 'document' || r.typeName === 'page')).toHaveLength(2)
    const shapes = records.filter((r) => r.typeName === 'shape')
    const frame = shapes.find((s) => s.type === 'frame')
    expect(frame?.props?.name).toBe('Current state')
    const names = shapes.map((s) => s.props?.name)
    for (const component of scenario.currentArchitecture.components) expect(names).toContain(component.name)
    expect(shapes.every((s) => s.isLocked)).toBe(true)
    expect(shapes.filter((s) => s.type === 'arrow')).toHaveLength(scenario.currentArchitecture.flows.length)
  })
})
