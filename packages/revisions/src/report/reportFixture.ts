import { architectureToRecords } from '@scaleboard/components/schema'
import type { PhaseCommand, PhaseEvent, SessionClockStamp } from '@scaleboard/schema'
import { boardSvg } from './boardSvg.ts'
import type { InterviewReport } from './interviewReport.ts'

/*
 * A whole interview for the report tests: stored-shaped records of every kind, candidate text that
 * tries to break out of Markdown and HTML, and boards drawn by boardSvg from real board records.
 */

const MIN = 60_000
export const T0 = Date.parse('2026-12-01T14:00:00.000Z')

export const HOSTILE = '<script>alert("x")</script> & | # not a heading'

function iso(minute: number): string {
  return new Date(T0 + minute * MIN).toISOString()
}

function stamp(minute: number, phase: SessionClockStamp['phase'], phaseStart: number): SessionClockStamp {
  return { at: iso(minute), phase, phaseElapsedMs: (minute - phaseStart) * MIN }
}

function board(serverName: string, replicas: number) {
  const page = { id: 'page:board', typeName: 'page', name: 'Board', index: 'a1', meta: {} }
  const { records } = architectureToRecords(
    {
      components: [
        { id: 'web', kind: 'client', name: 'Web shop', x: 0, y: 100 },
        { id: 'eu', kind: 'region-boundary', name: 'eu-west-1', x: 300, y: 0, w: 400, h: 300 },
        { id: 'rank', kind: 'model-server-gpu', name: serverName, figures: { replicas }, x: 340, y: 80 },
      ],
      flows: [{ from: 'web', to: 'rank', mode: 'sync', rps: 5400 }],
    },
    { pageId: 'page:board' as never, frameLabel: 'Design', locked: false, spread: { x: 1, y: 1 } },
  )
  return [page, ...records]
}

export function interviewFixture(overrides: Partial<InterviewReport> = {}): InterviewReport {
  const commands: Array<[number, PhaseCommand]> = [
    [0, { action: 'start' }],
    [10, { phase: 'design' }],
    [75, { phase: 'walkthrough' }],
    [90, { phase: 'feedback' }],
    [100, { phase: 'revision' }],
    [118, { phase: 'done' }],
  ]
  const phaseEvents: PhaseEvent[] = commands.map(([minute, command], i) => ({
    seq: i + 1,
    at: iso(minute),
    author: 'interviewer',
    command,
  }))
  return {
    session: {
      title: 'Ranking at 10× traffic',
      candidateName: 'Ada <Lovelace>',
      scenarioTitle: 'Recommendations for a growing web shop',
      level: 'senior',
      createdAt: iso(-30),
    },
    generatedAt: iso(130),
    includePrivateNotes: false,
    phaseEvents,
    phaseMinutes: { briefing: 10, design: 60, walkthrough: 15, feedback: 10, revision: 15 },
    checklist: [
      {
        id: 'c1',
        text: 'Finds the Flask recommender as the bottleneck',
        group: 'bottlenecks',
        source: 'scenario',
        status: 'met',
        note: 'Spotted it from the p99 in two minutes',
        changedAt: stamp(24, 'design', 10),
      },
      {
        id: 'c2',
        text: 'Keeps p99 under 150 ms',
        group: 'requirements',
        source: 'scenario',
        status: 'partial',
      },
      { id: 'c3', text: 'Plans the cut-over', group: 'migration', source: 'scenario', status: 'missed' },
      { id: 'c4', text: HOSTILE, group: 'tradeoffs', source: 'interviewer', status: 'open' },
      { id: 'c5', text: 'Survives traffic doubling', group: 'scaling', source: 'interviewer' },
    ],
    notes: [
      { id: 'n1', text: 'PRIVATE: hesitant on cost maths', itemId: 'c2', at: stamp(40, 'design', 10) },
      {
        id: 'n2',
        text: `second note\n- with a dash line\n${HOSTILE}`,
        itemId: null,
        at: stamp(80, 'walkthrough', 75),
      },
    ],
    feedback: {
      strength: { text: 'Clear bottleneck analysis', shapeIds: ['shape:design--rank'] },
      improvement: { text: `Think about the migration ${HOSTILE}` },
      released: true,
      updatedAt: stamp(95, 'feedback', 90),
    },
    messages: [
      {
        id: 'm2',
        author: 'interviewer',
        text: 'Per region, yes.',
        at: stamp(13, 'design', 10),
        clarification: true,
      },
      {
        id: 'm1',
        author: 'candidate',
        text: 'Is the SLO per region?',
        at: stamp(12, 'design', 10),
        clarification: false,
      },
      { id: 'm3', author: 'candidate', text: HOSTILE, at: stamp(20, 'design', 10), clarification: false },
    ],
    requirements: [
      { id: 'r1', text: 'Traffic doubles in 6 months', at: stamp(50, 'design', 10), checklistItemId: 'c5' },
    ],
    revisions: [
      {
        revision: {
          id: 'rev2',
          label: 'After revision',
          kind: 'phase',
          seq: 90,
          annotationsSeq: 0,
          at: iso(118),
          author: 'system',
        },
        svg: boardSvg(board('Ranking service v2', 6), { title: 'After revision' }),
      },
      {
        revision: {
          id: 'rev1',
          label: `After design ${HOSTILE}`,
          kind: 'manual',
          seq: 40,
          annotationsSeq: 0,
          at: iso(74),
          author: 'candidate',
        },
        svg: boardSvg(board('Ranking <service>', 2), { title: 'After design' }),
      },
    ],
    revisionDiff: {
      from: 'After feedback',
      to: 'After revision',
      diff: {
        added: [
          {
            id: 'shape:cache',
            subject: 'component',
            summary: 'New component Feature cache (cache)',
            details: [],
          },
        ],
        removed: [],
        changed: [
          {
            id: 'shape:design--rank',
            subject: 'component',
            summary: `Ranking service: replicas 2 → 6 ${HOSTILE}`,
            details: ['replicas 2 → 6', 'moved'],
          },
        ],
      },
    },
    ...overrides,
  }
}
