import { openBoardRecords } from '@scaleboard/board-sync/doc'
import { BoardHistory } from '@scaleboard/revisions'
import type { BoardAt, BoardDiff, ReplayData, RestoreResult, Revision } from '@scaleboard/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from './server.ts'
import {
  callSession,
  cardName,
  cardRecord,
  connectClient,
  createSession,
  putCard,
  startTestServer,
  type TestCaller,
  type TestSession,
  waitFor,
  waitForSync,
} from './testing.ts'

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

type Session = TestSession

const call = <T = unknown>(session: Session, who: TestCaller, method: string, path: string, body?: unknown) =>
  callSession<T>(server.url, session, who, method, path, body)

const nameIn = (board: BoardAt, id: string) =>
  (board.records.find((r) => r.id === id) as { props?: { name?: string } } | undefined)?.props?.name

/** A candidate's board through the real sync server, with phase changes between edits. */
async function interviewWithTwoPhases() {
  const session = await createSession(server.url, { scenarioId: 'recommendations', level: 'senior' })
  const candidate = connectClient(server.url, session.id, session.token('candidate'))
  await waitForSync(candidate.provider)
  await call(session, 'interviewer', 'POST', '/phase', { phase: 'design' })
  putCard(candidate.doc, 'shape:ranker', 'Ranking service')
  putCard(candidate.doc, 'shape:cache', 'Feature cache', 1300)
  const designEnd = await call<Revision>(session, 'candidate', 'POST', '/revisions', {
    label: 'first sketch',
  })
  await call(session, 'interviewer', 'POST', '/phase', { phase: 'walkthrough' })
  openBoardRecords(candidate.doc).set('shape:ranker', cardRecord('shape:ranker', 'Ranking service v2', 900))
  openBoardRecords(candidate.doc).delete('shape:cache')
  await call(session, 'interviewer', 'POST', '/phase', { phase: 'revision' })
  return { session, candidate, designEnd: designEnd.body }
}

describe('revisions', () => {
  it('are taken at each phase change and by hand, as points in the logs, oldest first', async () => {
    const { session, candidate, designEnd } = await interviewWithTwoPhases()
    try {
      expect(designEnd).toMatchObject({ label: 'first sketch', kind: 'manual', author: 'candidate' })
      const list = await call<{ revisions: Revision[] }>(session, 'observer', 'GET', '/revisions')
      expect(list.status).toBe(200)
      expect(list.body.revisions.map((r) => [r.label, r.kind, r.author])).toEqual([
        ['first sketch', 'manual', 'candidate'],
        ['End of design', 'phase', 'system'],
        ['After walkthrough', 'phase', 'system'],
      ])
      const [sketch, endOfDesign, afterWalkthrough] = list.body.revisions
      // the board's seq grows; both cards were logged before the manual revision
      expect(sketch.seq).toBeGreaterThan(0)
      expect(endOfDesign.seq).toBeGreaterThanOrEqual(sketch.seq)
      expect(afterWalkthrough.seq).toBeGreaterThan(endOfDesign.seq)

      const atDesign = await call<BoardAt>(session, 'observer', 'GET', `/revisions/${endOfDesign.id}/records`)
      expect(atDesign.status).toBe(200)
      expect(nameIn(atDesign.body, 'shape:ranker')).toBe('Ranking service')
      expect(nameIn(atDesign.body, 'shape:cache')).toBe('Feature cache')
      expect(atDesign.body.skipped).toEqual([])
      const later = await call<BoardAt>(
        session,
        'interviewer',
        'GET',
        `/revisions/${afterWalkthrough.id}/records`,
      )
      expect(nameIn(later.body, 'shape:ranker')).toBe('Ranking service v2')
      expect(nameIn(later.body, 'shape:cache')).toBeUndefined()
      // the scenario's locked current state is there too
      expect(later.body.records.some((r) => r.typeName === 'shape' && r.type === 'frame')).toBe(true)

      // by seq and by time
      const bySeq = await call<BoardAt>(session, 'organiser', 'GET', `/records?at=${endOfDesign.seq}`)
      expect(nameIn(bySeq.body, 'shape:cache')).toBe('Feature cache')
      const byTime = await call<BoardAt>(session, 'organiser', 'GET', `/records?at=${afterWalkthrough.at}`)
      expect(nameIn(byTime.body, 'shape:ranker')).toBe('Ranking service v2')
      const before = await call<BoardAt>(session, 'organiser', 'GET', '/records?at=2000-01-01T00:00:00Z')
      expect(before.body.records).toEqual([])
      expect((await call(session, 'organiser', 'GET', '/records?at=yesterday')).status).toBe(400)

      const diff = await call<BoardDiff>(
        session,
        'observer',
        'GET',
        `/diff?from=${endOfDesign.id}&to=${afterWalkthrough.id}`,
      )
      expect(diff.status).toBe(200)
      expect(diff.body.removed.map((e) => e.id)).toEqual(['shape:cache'])
      expect(diff.body.removed[0]?.summary).toMatch(/Feature cache/)
      expect(diff.body.changed.find((e) => e.id === 'shape:ranker')?.summary).toMatch(
        /Ranking service v2: renamed from “Ranking service”/,
      )
      expect((await call(session, 'observer', 'GET', `/diff?from=${endOfDesign.id}&to=nope`)).status).toBe(
        404,
      )
    } finally {
      candidate.provider.destroy()
    }
  })

  it('are role-checked: observers cannot take one, candidates look back only once shared', async () => {
    const session = await createSession(server.url)
    const observer = await call<{ error: { code: string } }>(session, 'observer', 'POST', '/revisions', {
      label: 'x',
    })
    expect(observer.status).toBe(403)
    expect((await call(session, 'candidate', 'POST', '/revisions', { label: ' ' })).status).toBe(400)
    expect((await call(session, 'candidate', 'POST', '/revisions', { label: 'x'.repeat(81) })).status).toBe(
      400,
    )
    const mine = await call<Revision>(session, 'candidate', 'POST', '/revisions', { label: 'mine' })
    expect(mine.status).toBe(201)

    const refused = await call<{ error: { code: string } }>(session, 'candidate', 'GET', '/replay')
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('replay_not_shared')
    expect((await call(session, 'candidate', 'GET', `/revisions/${mine.body.id}/records`)).status).toBe(403)
    expect((await call(session, 'candidate', 'POST', '/replay/share', { shared: true })).status).toBe(403)
    expect((await call(session, 'observer', 'POST', '/replay/share', { shared: true })).status).toBe(403)
    expect((await call(session, 'candidate', 'GET', '/report')).status).toBe(403)
    expect((await call(session, 'observer', 'GET', '/report')).status).toBe(403)
    expect((await call(session, 'observer', 'POST', `/revisions/${mine.body.id}/restore`)).status).toBe(403)
    expect((await call(session, 'candidate', 'POST', `/revisions/${mine.body.id}/restore`)).status).toBe(403)

    const shared = await call(session, 'interviewer', 'POST', '/replay/share', { shared: true })
    expect(shared.body).toEqual({ shared: true })
    expect((await call(session, 'candidate', 'GET', '/replay/share')).body).toEqual({ shared: true })
    expect((await call(session, 'candidate', 'GET', '/replay')).status).toBe(200)
    // another session's token opens nothing here
    const other = await createSession(server.url)
    const response = await fetch(`${server.url}/api/sessions/${session.id}/replay`, {
      headers: { authorization: `Bearer ${other.token('interviewer')}` },
    })
    expect(response.status).toBe(403)
  })

  it('restore writes the old board back as new edits by the restorer, live, and keeps both in the history', async () => {
    const { session, candidate } = await interviewWithTwoPhases()
    const interviewer = connectClient(server.url, session.id, session.token('interviewer'))
    try {
      await waitForSync(interviewer.provider)
      const { body } = await call<{ revisions: Revision[] }>(session, 'interviewer', 'GET', '/revisions')
      const endOfDesign = body.revisions.find((r) => r.label === 'End of design') as Revision
      const restored = await call<RestoreResult>(
        session,
        'interviewer',
        'POST',
        `/revisions/${endOfDesign.id}/restore`,
      )
      expect(restored.status).toBe(200)
      expect(restored.body.before).toMatchObject({
        kind: 'restore',
        label: 'Before restoring “End of design”',
      })
      expect(restored.body.written).toBe(2) // the renamed card and the deleted one
      expect(restored.body.removed).toBe(0)
      // both live clients see it at once
      await waitFor(
        () => cardName(candidate.doc, 'shape:cache') === 'Feature cache',
        'the candidate sees the restore',
      )
      await waitFor(
        () => cardName(interviewer.doc, 'shape:ranker') === 'Ranking service',
        'the interviewer sees it',
      )

      // the history keeps both: the board before the restore, and after it
      const replay = await call<ReplayData>(session, 'interviewer', 'GET', '/replay')
      const beforeRestore = await call<BoardAt>(
        session,
        'interviewer',
        'GET',
        `/revisions/${restored.body.before.id}/records`,
      )
      expect(nameIn(beforeRestore.body, 'shape:ranker')).toBe('Ranking service v2')
      const last = replay.body.board.updates.at(-1)
      expect(last).toMatchObject({ role: 'interviewer' })
      const history = new BoardHistory(
        replay.body.board.updates.map((u) => ({ ...u, update: Buffer.from(u.update, 'base64') })),
      )
      const now = history.stateAt(history.lastSeq)
      expect((now.records.get('shape:ranker') as { props: { name: string } }).props.name).toBe(
        'Ranking service',
      )
    } finally {
      candidate.provider.destroy()
      interviewer.provider.destroy()
    }
  })

  it('the replay answers both documents’ logs, the revisions and the events; private notes only for the interviewer side', async () => {
    const { session, candidate } = await interviewWithTwoPhases()
    try {
      await call(session, 'interviewer', 'POST', '/notes', { text: 'strong on caching' })
      await call(session, 'candidate', 'POST', '/messages', { text: 'Is the SLO per region?' })
      const forInterviewer = await call<ReplayData>(session, 'interviewer', 'GET', '/replay')
      expect(forInterviewer.status).toBe(200)
      const data = forInterviewer.body
      // the initial board, then the candidate's edits (merged per short window)
      expect(data.board.updates.length).toBeGreaterThanOrEqual(2)
      expect(data.board.updates[0]).toMatchObject({ seq: 1, role: 'system' })
      expect(data.board.updates.some((u) => u.role === 'candidate')).toBe(true)
      expect(data.revisions.map((r) => r.label)).toContain('End of design')
      const kinds = data.events.map((e) => e.kind)
      expect(kinds).toEqual(expect.arrayContaining(['phase', 'revision', 'message', 'note']))
      expect(data.events.map((e) => e.text)).toContain('Design started')
      expect(data.events.map((e) => e.text)).toContain('Q: Is the SLO per region?')
      const times = data.events.map((e) => e.at)
      expect(times).toEqual([...times].sort((a, b) => a - b))

      const forObserver = await call<ReplayData>(session, 'observer', 'GET', '/replay')
      expect(forObserver.body.events.some((e) => e.kind === 'note')).toBe(false)
      expect(JSON.stringify(forObserver.body)).not.toContain('strong on caching')
    } finally {
      candidate.provider.destroy()
    }
  })

  it('the report comes as Markdown and as a printable page, with private notes only in the interviewer’s copy', async () => {
    const { session, candidate } = await interviewWithTwoPhases()
    try {
      await call(session, 'interviewer', 'POST', '/notes', { text: 'asked about shadow traffic' })
      await call(session, 'interviewer', 'POST', '/phase', { phase: 'done' })
      const markdown = await call<string>(session, 'interviewer', 'GET', '/report')
      expect(markdown.status).toBe(200)
      expect(markdown.headers.get('content-type')).toMatch(/^text\/markdown/)
      expect(markdown.headers.get('content-disposition')).toMatch(/^attachment; filename="interview-report/)
      expect(markdown.body).toContain('asked about shadow traffic')
      expect(markdown.body).toContain('End of design')
      expect(markdown.body).toContain('After revision')
      expect(markdown.body).toContain('data:image/svg+xml;base64,')
      // the revision phase's diff: nothing changed between "After walkthrough" and "After revision"
      expect(markdown.body).toMatch(/After walkthrough/)

      const committee = await call<string>(session, 'organiser', 'GET', '/report?notes=false')
      expect(committee.status).toBe(200)
      expect(committee.body).not.toContain('asked about shadow traffic')

      const html = await call<string>(session, 'organiser', 'GET', '/report?format=html')
      expect(html.status).toBe(200)
      expect(html.headers.get('content-type')).toMatch(/^text\/html/)
      expect(html.headers.get('content-security-policy')).toContain("default-src 'none'")
      expect(html.body).toContain('<svg')
      expect(html.body).toContain('Ranking service v2')
    } finally {
      candidate.provider.destroy()
    }
  })
})
