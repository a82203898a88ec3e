import { type BoardShape, type BoardView, regionOf } from './boardView.ts'
import { changedEntry, type Described, textChange } from './described.ts'
import { layoutChanges } from './layoutChanges.ts'
import {
  capitalise,
  plainShapeName,
  QUOTE_MAX_LENGTH,
  quote,
  regionName,
  shapeNoun,
  textOf,
  typedDetail,
  typedName,
  withArticle,
} from './naming.ts'

/** Style props a person picks on purpose (a red note, a dashed box); other props follow from them. */
const STYLE_PROPS = ['color', 'labelColor', 'fill', 'dash', 'size', 'font'] as const

function restyled(before: BoardShape, after: BoardShape): boolean {
  return STYLE_PROPS.some((prop) => before.props[prop] !== after.props[prop])
}

function enclosingRegion(board: BoardView, shape: BoardShape): string[] {
  const region = regionOf(board, shape)
  return region ? [`in ${regionName(region) ?? 'an unnamed region'}`] : []
}

// Regions: "New region eu-west-1 (primary, 3 AZ)", "Region eu-west-1: renamed from “eu-west”"

function regionPhrase(shape: BoardShape): string {
  const name = regionName(shape)
  const detail = typedDetail(shape)
  return `region${name ? ` ${name}` : ''}${detail ? ` (${detail})` : ''}`
}

function regionTitle(shape: BoardShape): string {
  const name = regionName(shape)
  return name ? `Region ${name}` : 'Unnamed region'
}

export function regionAdded(board: BoardView, shape: BoardShape): Described {
  return {
    subject: 'region',
    name: regionTitle(shape),
    summary: `New ${regionPhrase(shape)}`,
    details: enclosingRegion(board, shape),
  }
}

export function regionRemoved(board: BoardView, shape: BoardShape): Described {
  return {
    subject: 'region',
    name: regionTitle(shape),
    summary: `Removed ${regionPhrase(shape)}`,
    details: enclosingRegion(board, shape),
  }
}

function renamed(before: string, after: string): string | undefined {
  if (before === after) return undefined
  if (!before) return 'named'
  return `renamed from ${quote(before)}`
}

export function regionChanged(
  from: BoardView,
  to: BoardView,
  before: BoardShape,
  after: BoardShape,
): Described | undefined {
  const details = [
    renamed(typedName(before), typedName(after)),
    textChange('detail', typedDetail(before), typedDetail(after), (s) => quote(s)),
    ...layoutChanges(from, to, before, after),
  ].filter((d): d is string => d !== undefined)
  return changedEntry('region', regionTitle(after), details)
}

// Notes: "New note “Consider shadow traffic”", "Note “Consider shadow traffic”: now “…at 5%”"

function noteTitle(shape: BoardShape): string {
  const text = textOf(shape)
  return text ? `note ${quote(text)}` : 'empty note'
}

/** The whole text when the summary had to cut it. */
function fullText(shape: BoardShape): string[] {
  const text = textOf(shape)
  return text.length > QUOTE_MAX_LENGTH ? [text] : []
}

export function noteAdded(_board: BoardView, shape: BoardShape): Described {
  return {
    subject: 'note',
    name: noteTitle(shape),
    summary: `New ${noteTitle(shape)}`,
    details: fullText(shape),
  }
}

export function noteRemoved(_board: BoardView, shape: BoardShape): Described {
  return {
    subject: 'note',
    name: noteTitle(shape),
    summary: `Removed ${noteTitle(shape)}`,
    details: fullText(shape),
  }
}

/** "now “…”", "text cleared": the name already quotes the old text. */
function rewritten(before: string, after: string): string | undefined {
  if (before === after) return undefined
  return after ? `now ${quote(after)}` : 'text cleared'
}

export function noteChanged(
  from: BoardView,
  to: BoardView,
  before: BoardShape,
  after: BoardShape,
): Described | undefined {
  const details = [
    rewritten(textOf(before), textOf(after)),
    restyled(before, after) ? 'restyled' : undefined,
    ...layoutChanges(from, to, before, after),
  ].filter((d): d is string => d !== undefined)
  return changedEntry('note', capitalise(noteTitle(before)), details)
}

// Anything else tldraw draws: "New rectangle “Edge”", "Frame “Current state”: moved"

export function plainShapeAdded(board: BoardView, shape: BoardShape): Described {
  const name = plainShapeName(shape)
  return {
    subject: 'shape',
    name: capitalise(name),
    summary: `New ${name}`,
    details: enclosingRegion(board, shape),
  }
}

export function plainShapeRemoved(board: BoardView, shape: BoardShape): Described {
  const name = plainShapeName(shape)
  return {
    subject: 'shape',
    name: capitalise(name),
    summary: `Removed ${name}`,
    details: enclosingRegion(board, shape),
  }
}

export function plainShapeChanged(
  from: BoardView,
  to: BoardView,
  before: BoardShape,
  after: BoardShape,
): Described | undefined {
  const words =
    before.type === 'frame'
      ? renamed(typedName(before), typedName(after))
      : rewritten(textOf(before), textOf(after))
  const details = [
    words,
    shapeNoun(before) !== shapeNoun(after) ? `now ${withArticle(shapeNoun(after))}` : undefined,
    restyled(before, after) ? 'restyled' : undefined,
    ...layoutChanges(from, to, before, after),
  ].filter((d): d is string => d !== undefined)
  return changedEntry('shape', capitalise(plainShapeName(before)), details)
}
