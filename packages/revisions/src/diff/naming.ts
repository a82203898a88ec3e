import { getCatalogueEntry, richTextToPlain } from '@scaleboard/components/schema'
import { ComponentKind, type DiffSubject } from '@scaleboard/schema'
import { type BoardShape, type BoardView, readBoard } from './boardView.ts'

/** Longest text quoted in a summary; longer notes and labels end with an ellipsis. */
export const QUOTE_MAX_LENGTH = 48

export function subjectOf(shape: BoardShape): DiffSubject {
  switch (shape.type) {
    case 'component':
      return 'component'
    case 'region':
      return 'region'
    case 'arrow':
      return 'flow'
    case 'note':
      return 'note'
    default:
      return 'shape'
  }
}

export function quote(text: string, max = QUOTE_MAX_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return `“${flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat}”`
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function trimmedString(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

export function kindOf(shape: BoardShape): ComponentKind | undefined {
  const parsed = ComponentKind.safeParse(shape.props.kind)
  return parsed.success ? parsed.data : undefined
}

/** "GPU model server", "Cache"; "Component" for a kind this build does not know. */
export function kindLabel(kind: ComponentKind | undefined): string {
  return kind ? getCatalogueEntry(kind).label : 'Component'
}

/** What the candidate typed as the name, '' when nothing. */
export function typedName(shape: BoardShape): string {
  return trimmedString(shape.props.name)
}

export function typedDetail(shape: BoardShape): string {
  return trimmedString(shape.props.detail)
}

/** A card's name, or its kind when the candidate left the name empty. */
export function componentName(shape: BoardShape): string {
  return typedName(shape) || kindLabel(kindOf(shape))
}

/** The plain text of a shape's rich text (notes, text, geo and arrow labels), '' when none. */
export function textOf(shape: BoardShape): string {
  const richText = shape.props.richText
  if (!richText || typeof richText !== 'object') return ''
  try {
    return richTextToPlain(richText as Parameters<typeof richTextToPlain>[0]).trim()
  } catch {
    return ''
  }
}

const GEO_NOUNS: Readonly<Record<string, string>> = {
  'rhombus-2': 'rhombus',
  'x-box': 'crossed box',
  'check-box': 'check box',
  'arrow-right': 'block arrow',
  'arrow-left': 'block arrow',
  'arrow-up': 'block arrow',
  'arrow-down': 'block arrow',
}

const SHAPE_NOUNS: Readonly<Record<string, string>> = {
  draw: 'drawing',
  highlight: 'highlight',
  text: 'text',
  frame: 'frame',
  line: 'line',
  image: 'image',
  video: 'video',
  embed: 'embed',
  bookmark: 'link',
  group: 'group',
  arrow: 'arrow',
  note: 'note',
  region: 'region',
}

/** What a person would call a plain tldraw shape: "rectangle", "drawing", "frame". */
export function shapeNoun(shape: BoardShape): string {
  if (shape.type === 'geo') {
    const geo = trimmedString(shape.props.geo)
    return GEO_NOUNS[geo] ?? (geo || 'shape')
  }
  return SHAPE_NOUNS[shape.type] ?? `${shape.type} shape`
}

/** "a rectangle", "an ellipse" */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`
}

/** A region's name; undefined when it has none. */
export function regionName(shape: BoardShape): string | undefined {
  return typedName(shape) || undefined
}

/** "rectangle “Edge”", "frame “Current state”", "drawing": a plain shape with its words if any. */
export function plainShapeName(shape: BoardShape): string {
  const words = shape.type === 'frame' ? typedName(shape) : textOf(shape)
  return words ? `${shapeNoun(shape)} ${quote(words)}` : shapeNoun(shape)
}

/** How a flow or a region line names a shape: a card by its name, anything else by what it is. */
export function shapeName(board: BoardView, id: string): string {
  const shape = board.shapes.get(id)
  if (!shape) return 'a deleted shape'
  switch (shape.type) {
    case 'component':
      return componentName(shape)
    case 'region':
      return regionName(shape) ?? 'unnamed region'
    default:
      return plainShapeName(shape)
  }
}

/** Every shape's name as the diff says it ("Ranking service", "eu-west-1"), by shape id. */
export function shapeNamesOf(records: ReadonlyMap<string, unknown>): Map<string, string> {
  const board = readBoard(records)
  return new Map([...board.shapes.keys()].map((id) => [id, shapeName(board, id)]))
}
