import type { BoardDiff, DiffEntry, DiffSubject } from '@scaleboard/schema'
import { type BoardShape, type BoardView, byCodeUnits, readBoard } from './boardView.ts'
import { componentAdded, componentChanged, componentRemoved } from './components.ts'
import type { Described } from './described.ts'
import { flowAdded, flowChanged, flowRemoved } from './flows.ts'
import { subjectOf } from './naming.ts'
import {
  noteAdded,
  noteChanged,
  noteRemoved,
  plainShapeAdded,
  plainShapeChanged,
  plainShapeRemoved,
  regionAdded,
  regionChanged,
  regionRemoved,
} from './shapes.ts'

interface SubjectDescriber {
  added(board: BoardView, shape: BoardShape): Described
  removed(board: BoardView, shape: BoardShape): Described
  changed(from: BoardView, to: BoardView, before: BoardShape, after: BoardShape): Described | undefined
}

const DESCRIBERS: Record<DiffSubject, SubjectDescriber> = {
  component: { added: componentAdded, removed: componentRemoved, changed: componentChanged },
  flow: { added: flowAdded, removed: flowRemoved, changed: flowChanged },
  region: { added: regionAdded, removed: regionRemoved, changed: regionChanged },
  note: { added: noteAdded, removed: noteRemoved, changed: noteChanged },
  shape: { added: plainShapeAdded, removed: plainShapeRemoved, changed: plainShapeChanged },
}

/** Reading order: the design's parts first, what connects them next, then what surrounds them. */
const SUBJECT_ORDER: readonly DiffSubject[] = ['component', 'flow', 'region', 'note', 'shape']

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

interface Pending extends Described {
  id: string
}

function ordered(entries: Pending[]): DiffEntry[] {
  return entries
    .sort(
      (a, b) =>
        SUBJECT_ORDER.indexOf(a.subject) - SUBJECT_ORDER.indexOf(b.subject) ||
        byName.compare(a.name, b.name) ||
        byCodeUnits(a.name, b.name) ||
        byCodeUnits(a.id, b.id),
    )
    .map(({ id, subject, summary, details }) => ({ id, subject, summary, details }))
}

/**
 * What changed on the board between two revisions, as a person would write it down: cards and
 * regions added, removed, renamed, re-figured or moved; flows by the names of the shapes they
 * join; notes by their text. Only shapes and arrow bindings count (a binding's change is its
 * arrow's); pages, z-order, sub-pixel nudges and anything unreadable are left out, and odd input
 * never throws.
 *
 * Each list is in reading order: components, flows, regions, notes, then other shapes; within a
 * subject by name (case-insensitive, numbers by value), then by record id, so the same two boards
 * always give the same diff.
 */
export function diffBoards(from: ReadonlyMap<string, unknown>, to: ReadonlyMap<string, unknown>): BoardDiff {
  const before = readBoard(from)
  const after = readBoard(to)
  const added: Pending[] = []
  const removed: Pending[] = []
  const changed: Pending[] = []

  for (const shape of after.shapes.values()) {
    const previous = before.shapes.get(shape.id)
    const subject = subjectOf(shape)
    // a record that changed its shape type is a different thing under the same id
    if (previous && previous.type === shape.type) {
      const entry = DESCRIBERS[subject].changed(before, after, previous, shape)
      if (entry) changed.push({ id: shape.id, ...entry })
      continue
    }
    added.push({ id: shape.id, ...DESCRIBERS[subject].added(after, shape) })
    if (previous)
      removed.push({ id: previous.id, ...DESCRIBERS[subjectOf(previous)].removed(before, previous) })
  }
  for (const shape of before.shapes.values()) {
    if (after.shapes.has(shape.id)) continue
    removed.push({ id: shape.id, ...DESCRIBERS[subjectOf(shape)].removed(before, shape) })
  }

  return { added: ordered(added), removed: ordered(removed), changed: ordered(changed) }
}
