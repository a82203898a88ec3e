import { type FlowLabelParts, formatRate, parseFlowLabel, readFlowMeta } from '@scaleboard/components/schema'
import type { ArrowEnds, BoardShape, BoardView, Terminal } from './boardView.ts'
import { changedEntry, type Described } from './described.ts'
import { layoutChanges } from './layoutChanges.ts'
import { quote, shapeName, textOf } from './naming.ts'

interface FlowView {
  ends: ArrowEnds
  /** from `meta.flow`, else read back from a legacy label; undefined when the arrow states no flow */
  flow: FlowLabelParts | undefined
  /** the label text on the canvas */
  text: string
}

function readFlow(board: BoardView, arrow: BoardShape): FlowView {
  const text = textOf(arrow)
  const flow =
    readFlowMeta(arrow.meta as Record<string, unknown>) ?? (text ? parseFlowLabel(text) : undefined)
  return { ends: board.ends.get(arrow.id) ?? {}, flow, text }
}

const LOOSE_END = '(loose end)'

/** A shape as the newer board calls it, when it is still there: renaming a card renames its flows. */
function endName(boards: readonly BoardView[], id: string): string {
  const board = boards.find((b) => b.shapes.has(id)) ?? boards[0]
  return shapeName(board, id)
}

/** "Kafka → Feature writer"; undefined when neither end is connected. */
function route(boards: readonly BoardView[], ends: ArrowEnds): string | undefined {
  if (!ends.start && !ends.end) return undefined
  const end = (t: Terminal) => (ends[t] ? endName(boards, ends[t]) : LOOSE_END)
  return `${end('start')} → ${end('end')}`
}

/** "async flow Kafka → Feature writer", "flow A → B", "sync unconnected arrow". */
function flowPhrase(boards: readonly BoardView[], view: FlowView): string {
  const mode = view.flow ? `${view.flow.mode} ` : ''
  const path = route(boards, view.ends)
  return path ? `${mode}flow ${path}` : `${mode}unconnected arrow`
}

/** ["events", "1.2k rps"], or the label when it states no flow: ["labelled “calls”"]. */
function flowFacts(view: FlowView): string[] {
  if (!view.flow) return view.text ? [`labelled ${quote(view.text)}`] : []
  const facts: string[] = []
  if (view.flow.label) facts.push(view.flow.label)
  if (view.flow.rps !== undefined) facts.push(`${formatRate(view.flow.rps)} rps`)
  return facts
}

function flowName(boards: readonly BoardView[], view: FlowView): string {
  const path = route(boards, view.ends)
  return path ? `Flow ${path}` : view.text ? `Arrow ${quote(view.text)}` : 'Unconnected arrow'
}

export function flowAdded(board: BoardView, arrow: BoardShape): Described {
  const view = readFlow(board, arrow)
  const facts = flowFacts(view)
  // "(events, 1.2k rps)" for a flow's figures; a plain label reads as it is: "labelled “calls”"
  const tail = facts.length === 0 ? '' : view.flow ? ` (${facts.join(', ')})` : ` ${facts[0]}`
  return {
    subject: 'flow',
    name: flowName([board], view),
    summary: `New ${flowPhrase([board], view)}${tail}`,
    details: facts,
  }
}

export function flowRemoved(board: BoardView, arrow: BoardShape): Described {
  const view = readFlow(board, arrow)
  return {
    subject: 'flow',
    name: flowName([board], view),
    summary: `Removed ${flowPhrase([board], view)}`,
    details: flowFacts(view),
  }
}

const VERB: Record<Terminal, string> = { start: 'starts', end: 'ends' }

/** "now ends at Ranking service", "no longer starts at Kafka" */
function endChanges(boards: readonly BoardView[], before: ArrowEnds, after: ArrowEnds): string[] {
  const changes: string[] = []
  for (const terminal of ['start', 'end'] as const) {
    const [was, is] = [before[terminal], after[terminal]]
    if (was === is) continue
    if (is) changes.push(`now ${VERB[terminal]} at ${endName(boards, is)}`)
    else if (was) changes.push(`no longer ${VERB[terminal]} at ${endName(boards, was)}`)
  }
  return changes
}

/** "sync → async", "5k → 8k rps", "carries “events” (was “requests”)" */
function flowDataChanges(before: FlowView, after: FlowView): string[] {
  const [was, is] = [before.flow, after.flow]
  if (!was && !is) {
    if (before.text === after.text) return []
    if (!before.text) return [`labelled ${quote(after.text)}`]
    if (!after.text) return [`label ${quote(before.text)} removed`]
    return [`label ${quote(before.text)} → ${quote(after.text)}`]
  }
  const changes: string[] = []
  if (was && is && was.mode !== is.mode) changes.push(`${was.mode} → ${is.mode}`)
  else if (is && !was) changes.push(`now ${is.mode}`)
  else if (was && !is) changes.push(`no longer marked ${was.mode}`)

  const [rpsWas, rpsIs] = [was?.rps, is?.rps]
  if (rpsWas !== rpsIs) {
    if (rpsWas === undefined) changes.push(`now ${formatRate(rpsIs as number)} rps`)
    else if (rpsIs === undefined) changes.push(`rate removed (was ${formatRate(rpsWas)} rps)`)
    else {
      const [a, b] = [formatRate(rpsWas), formatRate(rpsIs)]
      // a change the compact form would hide (5,400 → 5,420) is shown in full
      changes.push(
        a === b
          ? `${rpsWas.toLocaleString('en-US')} → ${rpsIs.toLocaleString('en-US')} rps`
          : `${a} → ${b} rps`,
      )
    }
  }

  const [whatWas, whatIs] = [was?.label ?? '', is?.label ?? '']
  if (whatWas !== whatIs) {
    if (!whatWas) changes.push(`carries ${quote(whatIs)}`)
    else if (!whatIs) changes.push(`no longer says what it carries (was ${quote(whatWas)})`)
    else changes.push(`carries ${quote(whatIs)} (was ${quote(whatWas)})`)
  }
  return changes
}

function isConnected(ends: ArrowEnds): boolean {
  return ends.start !== undefined || ends.end !== undefined
}

export function flowChanged(
  from: BoardView,
  to: BoardView,
  before: BoardShape,
  after: BoardShape,
): Described | undefined {
  const boards = [to, from]
  const [was, is] = [readFlow(from, before), readFlow(to, after)]
  const details = [...endChanges(boards, was.ends, is.ends), ...flowDataChanges(was, is)]
  // a connected arrow follows its shapes, so its own geometry says nothing; a free one can be moved
  if (!isConnected(was.ends) && !isConnected(is.ends)) details.push(...layoutChanges(from, to, before, after))
  return changedEntry('flow', flowName(boards, was), details)
}
