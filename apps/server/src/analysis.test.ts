import type { AnalysisState, BoardAnalysis, ReplayData } from '@scaleboard/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from './server.ts'
import { callSession, createSession, startTestServer, type TestCaller, type TestSession } from './testing.ts'

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

type Session = TestSession

const call = <T = unknown>(session: Session, who: TestCaller, method: string, path: string, body?: unknown) =>
  callSession<T>(server.url, session, who, method, path, body)

describe('the live design analysis', () => {
  it('analyses the scenario’s current state for the interviewer, with the scenario’s targets', async () => {
    const session = await createSession(server.url, { scenarioId: 'recommendations', level: 'senior' })
    const state = await call<AnalysisState>(session, 'interviewer', 'GET', '/analysis/state')
    expect(state.status).toBe(200)
    expect(state.body).toMatchObject({ shown: false, whatIf: null })
    expect(state.body.targets?.peakRps).toBeGreaterThan(0)
    const analysis = await call<BoardAnalysis>(session, 'organiser', 'GET', '/analysis')
    expect(analysis.status).toBe(200)
    expect(analysis.body.scope).toBe('reference')
    expect(analysis.body.components.length).toBeGreaterThan(3)
    expect(analysis.body.totals.peakRps).toBe(state.body.targets?.peakRps)
  })

  it('keeps the analysis from the candidate and observers until the interviewer shows it', async () => {
    const session = await createSession(server.url, { scenarioId: 'recommendations' })
    for (const who of ['candidate', 'observer'] as const) {
      const refused = await call<{ error: { code: string } }>(session, who, 'GET', '/analysis/state')
      expect(refused.status).toBe(403)
      expect(refused.body.error.code).toBe('analysis_not_shown')
      expect((await call(session, who, 'GET', '/analysis')).status).toBe(403)
      expect((await call(session, who, 'POST', '/analysis/share', { shown: true })).status).toBe(403)
      expect((await call(session, who, 'POST', '/what-if', { clear: true })).status).toBe(403)
    }
    const shown = await call<AnalysisState>(session, 'interviewer', 'POST', '/analysis/share', {
      shown: true,
    })
    expect(shown.body.shown).toBe(true)
    expect((await call(session, 'candidate', 'GET', '/analysis/state')).status).toBe(200)
    expect((await call(session, 'observer', 'GET', '/analysis')).status).toBe(200)
    await call(session, 'organiser', 'POST', '/analysis/share', { shown: false })
    expect((await call(session, 'candidate', 'GET', '/analysis')).status).toBe(403)
  })

  it('applies a what-if to the analysis, clears it, and keeps each as a session event the replay shows', async () => {
    const session = await createSession(server.url, { scenarioId: 'recommendations', level: 'senior' })
    const before = await call<BoardAnalysis>(session, 'interviewer', 'GET', '/analysis')
    const applied = await call<AnalysisState>(session, 'interviewer', 'POST', '/what-if', {
      whatIf: { trafficMultiplier: 10, coldCache: true },
    })
    expect(applied.status).toBe(200)
    expect(applied.body.whatIf).toEqual({ trafficMultiplier: 10, coldCache: true })
    const during = await call<BoardAnalysis>(session, 'interviewer', 'GET', '/analysis')
    expect(during.body.totals.peakRps).toBeCloseTo(before.body.totals.peakRps * 10)
    expect(during.body.components.some((c) => c.state === 'overloaded')).toBe(true)
    const bad = await call(session, 'interviewer', 'POST', '/what-if', { whatIf: { trafficMultiplier: -1 } })
    expect(bad.status).toBe(400)
    const cleared = await call<AnalysisState>(session, 'interviewer', 'POST', '/what-if', { clear: true })
    expect(cleared.body.whatIf).toBeNull()
    expect((await call<BoardAnalysis>(session, 'interviewer', 'GET', '/analysis')).body.totals.peakRps).toBe(
      before.body.totals.peakRps,
    )

    const replay = await call<ReplayData>(session, 'interviewer', 'GET', '/replay')
    expect(replay.body.events.filter((e) => e.kind === 'what-if').map((e) => e.text)).toEqual([
      'What-if: traffic × 10, cold cache',
      'What-if reset',
    ])
    // the observer's replay leaves the interviewer's what-ifs out while the analysis is hidden
    const observer = await call<ReplayData>(session, 'observer', 'GET', '/replay')
    expect(observer.body.events.some((e) => e.kind === 'what-if')).toBe(false)
  })

  it('analyses a revision of the board', async () => {
    const session = await createSession(server.url, { scenarioId: 'fraud-scoring' })
    const revision = await call<{ id: string }>(session, 'interviewer', 'POST', '/revisions', {
      label: 'start',
    })
    const atRevision = await call<BoardAnalysis>(
      session,
      'interviewer',
      'GET',
      `/analysis?revision=${revision.body.id}`,
    )
    expect(atRevision.status).toBe(200)
    expect(atRevision.body.components.length).toBeGreaterThan(0)
    expect((await call(session, 'interviewer', 'GET', '/analysis?revision=nope')).status).toBe(404)
  })
})
