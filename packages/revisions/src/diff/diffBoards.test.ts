import { architectureToRecords } from '@scaleboard/components/schema'
import { BoardDiff } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import { diffBoards } from './diffBoards.ts'
import { MOVE_THRESHOLD } from './layoutChanges.ts'

type JsonRecord = { id: string; [key: string]: unknown }
// biome-ignore lint/suspicious/noExplicitAny: tests reach into records the way the JSON allows
type Editable = any

const PAGE_ID = 'page:page'

/** A serving path in one region plus an async feature pipeline, drawn as the board draws it. */
const ARCHITECTURE: Parameters<typeof architectureToRecords>[0] = {
  components: [
    { id: 'gateway', kind: 'api-gateway', name: 'API gateway', x: 0, y: 100 },
    { id: 'eu', kind: 'region-boundary', name: 'eu-west-1', detail: 'primary', x: 300, y: 0, w: 900, h: 600 },
    {
      id: 'ranker',
      kind: 'model-server-gpu',
      name: 'Ranker',
      detail: 'Triton on EKS',
      figures: { replicas: 2, hardware: 'A10G', latencyP99Ms: 120, costPerReplicaHourUsd: 0.63 },
      region: 'eu',
      x: 350,
      y: 50,
    },
    { id: 'cache', kind: 'cache', name: 'Feature cache', region: 'eu', x: 700, y: 50 },
    { id: 'kafka', kind: 'message-queue', name: 'Kafka', region: 'eu', x: 350, y: 350 },
    { id: 'writer', kind: 'stream-processor', name: 'Feature writer', region: 'eu', x: 700, y: 350 },
  ],
  flows: [
    { from: 'gateway', to: 'ranker', mode: 'sync', rps: 5000 },
    { from: 'kafka', to: 'writer', mode: 'async', rps: 1200, label: 'events' },
  ],
}

const RANKER = 'shape:current-state--ranker'
const REGION = 'shape:current-state--eu'
const GATEWAY = 'shape:current-state--gateway'
const SERVING_FLOW = 'shape:current-state--flow-1'
const PIPELINE_FLOW = 'shape:current-state--flow-2'
const PIPELINE_END = 'binding:current-state--flow-2-end'

/** The page and document every board has: the diff must not mention them. */
const DOCUMENT_RECORDS: JsonRecord[] = [
  { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
  { id: PAGE_ID, typeName: 'page', name: 'Page 1', index: 'a1', meta: {} },
]

function architectureRecords(): JsonRecord[] {
  const { records } = architectureToRecords(ARCHITECTURE, {
    pageId: PAGE_ID as never,
    locked: false,
    spread: { x: 1, y: 1 },
  })
  return [...DOCUMENT_RECORDS, ...(structuredClone(records) as unknown as JsonRecord[])]
}

function boardOf(records: readonly JsonRecord[]): Map<string, unknown> {
  return new Map(records.map((r) => [r.id, structuredClone(r)]))
}

/** A copy of the board with one record changed. */
function edit(board: ReadonlyMap<string, unknown>, id: string, change: (record: Editable) => void) {
  const next = new Map(board)
  const record = structuredClone(board.get(id))
  if (record === undefined) throw new Error(`no record ${id}`)
  change(record)
  next.set(id, record)
  return next
}

function without(board: ReadonlyMap<string, unknown>, ...ids: string[]) {
  const next = new Map(board)
  for (const id of ids) next.delete(id)
  return next
}

function withRecords(board: ReadonlyMap<string, unknown>, ...records: unknown[]) {
  const next = new Map(board)
  records.forEach((record, i) => {
    const id = (record as { id?: unknown } | null)?.id
    next.set(typeof id === 'string' ? id : `odd:${i}`, record)
  })
  return next
}

function richText(text: string) {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
}

function note(id: string, text: string, x = 1400, y = 100): JsonRecord {
  return {
    id,
    typeName: 'shape',
    type: 'note',
    x,
    y,
    rotation: 0,
    index: 'a5',
    parentId: PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      color: 'yellow',
      labelColor: 'black',
      size: 'm',
      font: 'draw',
      fontSizeAdjustment: 0,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      richText: richText(text),
      scale: 1,
    },
  }
}

/** An arrow as a candidate draws one before the flow inspector existed: only its label says the flow. */
function legacyArrow(id: string, label: string): JsonRecord {
  const arrow = structuredClone(architectureRecords().find((r) => r.id === SERVING_FLOW)) as Editable
  arrow.id = id
  arrow.meta = {}
  arrow.props.richText = richText(label)
  return arrow
}

function arrowBinding(id: string, arrowId: string, toId: string, terminal: 'start' | 'end'): JsonRecord {
  return {
    id,
    typeName: 'binding',
    type: 'arrow',
    fromId: arrowId,
    toId,
    meta: {},
    props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
  }
}

const summaries = (diff: BoardDiff) => ({
  added: diff.added.map((e) => e.summary),
  removed: diff.removed.map((e) => e.summary),
  changed: diff.changed.map((e) => e.summary),
})

const NOTHING = { added: [], removed: [], changed: [] }

describe('diffBoards', () => {
  const board = boardOf(architectureRecords())

  it('finds nothing between a board and itself, and answers in the BoardDiff shape', () => {
    const diff = diffBoards(board, boardOf(architectureRecords()))
    expect(diff).toEqual(NOTHING)
    expect(BoardDiff.parse(diff)).toEqual(diff)
  })

  it('lists a whole new board in reading order: components by name, flows, regions, notes, other shapes', () => {
    const to = withRecords(board, note('shape:idea', 'Consider shadow traffic'))
    const diff = diffBoards(boardOf(DOCUMENT_RECORDS), to)
    expect(summaries(diff)).toEqual({
      added: [
        'New API gateway',
        'New Cache “Feature cache”',
        'New Stream processor “Feature writer”',
        'New Message queue “Kafka”',
        'New GPU model server “Ranker” (Triton on EKS)',
        'New sync flow API gateway → Ranker (5k rps)',
        'New async flow Kafka → Feature writer (events, 1.2k rps)',
        'New region eu-west-1 (primary)',
        'New note “Consider shadow traffic”',
        'New frame “Current state”',
      ],
      removed: [],
      changed: [],
    })
    const ranker = diff.added.find((e) => e.id === RANKER)
    expect(ranker).toMatchObject({
      subject: 'component',
      details: ['2 × A10G · $1.3/h · p99 120 ms', 'in eu-west-1'],
    })
    expect(diff.added.map((e) => e.subject)).toEqual([
      ...Array(5).fill('component'),
      'flow',
      'flow',
      'region',
      'note',
      'shape',
    ])
    expect(diff.added.find((e) => e.id === PIPELINE_FLOW)?.details).toEqual(['events', '1.2k rps'])
  })

  it('says what was removed, flows by the names of the cards they joined', () => {
    const to = without(
      board,
      'shape:current-state--cache',
      SERVING_FLOW,
      'binding:current-state--flow-1-start',
    )
    expect(summaries(diffBoards(board, to))).toEqual({
      added: [],
      removed: ['Removed Cache “Feature cache”', 'Removed sync flow API gateway → Ranker'],
      changed: [],
    })
  })

  it('names a card by its kind when the candidate left its name empty', () => {
    const to = edit(board, RANKER, (r) => {
      r.props.name = '  '
    })
    expect(summaries(diffBoards(board, to)).changed).toEqual(['GPU model server: renamed from “Ranker”'])
    const removed = diffBoards(to, without(to, RANKER, 'binding:current-state--flow-1-end'))
    expect(removed.removed.map((e) => e.summary)).toEqual(['Removed GPU model server (Triton on EKS)'])
  })

  it('reports figure changes with their labels and units, and the monthly cost they add', () => {
    const to = edit(board, RANKER, (r) => {
      r.props.figures.replicas = 6
      r.props.figures.latencyP99Ms = 80
    })
    const [entry] = diffBoards(board, to).changed
    // 4 more replicas × $0.63/h × 730 h = $1,839.60
    expect(entry).toEqual({
      id: RANKER,
      subject: 'component',
      summary: 'Ranker: replicas 2 → 6, latency p99 120 ms → 80 ms, $/month +1,840',
      details: ['replicas 2 → 6', 'latency p99 120 ms → 80 ms', '$/month +1,840'],
    })
  })

  it('gives the monthly cost only when both sides have one, and cents below $100', () => {
    const noCost = edit(board, RANKER, (r) => {
      delete r.props.figures.costPerReplicaHourUsd
      r.props.figures.hardware = 'H100'
    })
    expect(diffBoards(board, noCost).changed[0].details).toEqual([
      'hardware “A10G” → “H100”',
      'cost per replica removed (was $0.63/h)',
    ])
    const cheaper = edit(board, RANKER, (r) => {
      r.props.figures.costPerReplicaHourUsd = 0.6
    })
    // 2 × −$0.03/h × 730 h
    expect(diffBoards(board, cheaper).changed[0].details).toEqual([
      'cost per replica $0.63/h → $0.60/h',
      '$/month −43.80',
    ])
  })

  it('shows a change the rounded form would hide in full', () => {
    const to = edit(board, RANKER, (r) => {
      r.props.figures.capacityRpsPerReplica = 12_000
    })
    const more = edit(to, RANKER, (r) => {
      r.props.figures.capacityRpsPerReplica = 12_040
    })
    expect(diffBoards(board, to).changed[0].details).toEqual(['capacity per replica set to 12k rps'])
    expect(diffBoards(to, more).changed[0].details).toEqual(['capacity per replica 12,000 rps → 12,040 rps'])
  })

  it('reports a rename by the new name and leaves the flows that join the card alone', () => {
    const to = edit(board, RANKER, (r) => {
      r.props.name = 'Ranking service'
    })
    expect(diffBoards(board, to).changed).toEqual([
      {
        id: RANKER,
        subject: 'component',
        summary: 'Ranking service: renamed from “Ranker”',
        details: ['renamed from “Ranker”'],
      },
    ])
  })

  it(`counts a move over ${MOVE_THRESHOLD} units, not a nudge, a z-order change or a page rename`, () => {
    const nudged = edit(board, RANKER, (r) => {
      r.x += 0.4
      r.y -= 0.3
      r.index = 'a9'
    })
    const slipped = edit(board, RANKER, (r) => {
      r.x += 2
      r.y += 2
    })
    const renamedPage = edit(board, PAGE_ID, (r) => {
      r.name = 'Design'
    })
    expect(diffBoards(board, nudged)).toEqual(NOTHING)
    expect(diffBoards(board, slipped)).toEqual(NOTHING)
    expect(diffBoards(board, renamedPage)).toEqual(NOTHING)

    const moved = edit(board, RANKER, (r) => {
      r.x += 120
    })
    expect(summaries(diffBoards(board, moved)).changed).toEqual(['Ranker: moved'])
  })

  it('moves a region with its cards as one change, and reports resizing', () => {
    const to = edit(board, REGION, (r) => {
      r.x -= 200
      r.props.w += 300
    })
    expect(summaries(diffBoards(board, to)).changed).toEqual(['Region eu-west-1: moved, resized'])
  })

  it('says when a card enters or leaves a region, not that it moved', () => {
    const regionAt = board.get(REGION) as Editable
    const gatewayAt = board.get(GATEWAY) as Editable
    // tldraw keeps the page position when it reparents a shape
    const inside = edit(board, GATEWAY, (r) => {
      r.parentId = REGION
      r.x = gatewayAt.x - regionAt.x
      r.y = gatewayAt.y - regionAt.y
    })
    expect(summaries(diffBoards(board, inside)).changed).toEqual(['API gateway: now in eu-west-1'])
    expect(summaries(diffBoards(inside, board)).changed).toEqual(['API gateway: no longer in eu-west-1'])
  })

  it('reports a flow’s mode and rate, naming it by its ends', () => {
    const to = edit(board, SERVING_FLOW, (r) => {
      r.meta.flow = { mode: 'async', rps: 8000 }
    })
    const [entry] = diffBoards(board, to).changed
    expect(entry).toEqual({
      id: SERVING_FLOW,
      subject: 'flow',
      summary: 'Flow API gateway → Ranker: sync → async, 5k → 8k rps',
      details: ['sync → async', '5k → 8k rps'],
    })
    const named = edit(board, SERVING_FLOW, (r) => {
      r.meta.flow = { mode: 'sync', rps: 5020, what: 'ranking requests' }
    })
    expect(summaries(diffBoards(board, named)).changed).toEqual([
      'Flow API gateway → Ranker: 5,000 → 5,020 rps, carries “ranking requests”',
    ])
  })

  it('ignores where a connected arrow’s own geometry moved: it follows its cards', () => {
    const to = edit(board, SERVING_FLOW, (r) => {
      r.x += 300
      r.props.bend = 40
    })
    expect(diffBoards(board, to)).toEqual(NOTHING)
  })

  it('reads legacy flows from their label text, and a label matching meta.flow as no change', () => {
    const legacy = withRecords(
      board,
      legacyArrow('shape:old-flow', 'sync · 800 rps'),
      arrowBinding('binding:old-start', 'shape:old-flow', GATEWAY, 'start'),
      arrowBinding('binding:old-end', 'shape:old-flow', 'shape:current-state--cache', 'end'),
    )
    expect(summaries(diffBoards(board, legacy)).added).toEqual([
      'New sync flow API gateway → Feature cache (800 rps)',
    ])

    const relabelled = edit(legacy, 'shape:old-flow', (r) => {
      r.props.richText = richText('lookups, async, 1.2k rps')
    })
    expect(summaries(diffBoards(legacy, relabelled)).changed).toEqual([
      'Flow API gateway → Feature cache: sync → async, 800 → 1.2k rps, carries “lookups”',
    ])

    // the same flow moved from the label into meta.flow: nothing a person would call a change
    const structured = edit(legacy, 'shape:old-flow', (r) => {
      r.meta = { flow: { mode: 'sync', rps: 800 } }
    })
    expect(diffBoards(legacy, structured)).toEqual(NOTHING)

    const plain = edit(legacy, 'shape:old-flow', (r) => {
      r.props.richText = richText('calls')
    })
    const plainer = edit(plain, 'shape:old-flow', (r) => {
      r.props.richText = richText('asks')
    })
    expect(summaries(diffBoards(plain, plainer)).changed).toEqual([
      'Flow API gateway → Feature cache: label “calls” → “asks”',
    ])
  })

  it('reports a rebound arrow as its flow’s change', () => {
    const rebound = edit(board, PIPELINE_END, (r) => {
      r.toId = RANKER
    })
    expect(diffBoards(board, rebound).changed).toEqual([
      {
        id: PIPELINE_FLOW,
        subject: 'flow',
        summary: 'Flow Kafka → Feature writer: now ends at Ranker',
        details: ['now ends at Ranker'],
      },
    ])
    const loose = without(board, PIPELINE_END)
    expect(summaries(diffBoards(board, loose)).changed).toEqual([
      'Flow Kafka → Feature writer: no longer ends at Feature writer',
    ])
    expect(summaries(diffBoards(loose, board)).changed).toEqual([
      'Flow Kafka → (loose end): now ends at Feature writer',
    ])
  })

  it('quotes notes by their text and reports a rewrite', () => {
    const from = withRecords(board, note('shape:idea', 'Consider shadow traffic'))
    const to = edit(from, 'shape:idea', (r) => {
      r.props.richText = richText('Consider shadow traffic at 5% before the switch')
    })
    expect(summaries(diffBoards(from, to)).changed).toEqual([
      'Note “Consider shadow traffic”: now “Consider shadow traffic at 5% before the switch”',
    ])
    expect(summaries(diffBoards(from, board)).removed).toEqual(['Removed note “Consider shadow traffic”'])
  })

  it('ignores odd records and annotations without throwing', () => {
    const annotation = {
      ...note('shape:pin', 'Why two caches?'),
      meta: { annotation: { author: 'interviewer' } },
    }
    const odd = [
      null,
      42,
      'shape:text',
      [],
      {},
      { id: 7, typeName: 'shape', type: 'note' },
      { id: 'shape:no-type', typeName: 'shape' },
      {
        id: 'binding:bad',
        typeName: 'binding',
        type: 'arrow',
        fromId: SERVING_FLOW,
        toId: RANKER,
        props: {},
      },
      arrowBinding('binding:dangling', PIPELINE_FLOW, 'shape:gone', 'start'),
      { id: 'camera:page', typeName: 'camera', x: 5, y: 5, z: 1 },
      annotation,
    ]
    expect(diffBoards(board, withRecords(board, ...odd))).toEqual(NOTHING)

    // a shape whose fields are all wrong is still a shape: it is described, not thrown on
    const broken = {
      id: 'shape:broken',
      typeName: 'shape',
      type: 'component',
      x: Number.NaN,
      parentId: 'shape:broken',
      props: { kind: 'quantum-computer', name: 12, figures: { replicas: 'many', latencyP99Ms: Number.NaN } },
      meta: 'none',
    }
    const cycleA = { ...note('shape:a', 'A'), parentId: 'shape:b' }
    const cycleB = { ...note('shape:b', 'B'), parentId: 'shape:a', props: { richText: 'not rich text' } }
    const strange = withRecords(board, broken, cycleA, cycleB)
    expect(summaries(diffBoards(board, strange)).added).toEqual([
      'New Component',
      'New empty note',
      'New note “A”',
    ])
    const movedCycle = edit(strange, 'shape:a', (r) => {
      r.x += 50
    })
    expect(summaries(diffBoards(strange, movedCycle)).changed).toEqual(['Note “A”: moved'])
  })

  it('gives the same answer whatever order the records come in', () => {
    const to = edit(
      edit(without(board, 'shape:current-state--cache'), RANKER, (r) => {
        r.props.figures.replicas = 3
      }),
      SERVING_FLOW,
      (r) => {
        r.meta.flow.mode = 'async'
      },
    )
    const withNotes = withRecords(
      to,
      note('shape:n2', 'beta'),
      note('shape:n3', 'Alpha'),
      note('shape:n1', 'Alpha'),
    )
    const reversed = new Map([...withNotes].reverse())
    const diff = diffBoards(board, withNotes)
    expect(diffBoards(new Map([...board].reverse()), reversed)).toEqual(diff)
    // by name, then by id when two notes say the same
    expect(diff.added.map((e) => e.id)).toEqual(['shape:n1', 'shape:n3', 'shape:n2'])
    expect(summaries(diff).changed).toEqual([
      'Ranker: replicas 2 → 3, $/month +460',
      'Flow API gateway → Ranker: sync → async',
    ])
  })
})
