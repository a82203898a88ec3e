import { richTextToPlain } from '@scaleboard/components/schema'
import { isObject } from './read.ts'

/*
 * SVG has no text wrapping and a server has no font metrics, so text is wrapped on an estimate of
 * the average glyph width of a system sans font. Generous on purpose: a line that is a little short
 * reads fine, one that overflows its card does not.
 */

const AVERAGE_GLYPH = 0.56
const AVERAGE_BOLD_GLYPH = 0.61

export function textWidth(text: string, fontSize: number, bold = false): number {
  return [...text].length * fontSize * (bold ? AVERAGE_BOLD_GLYPH : AVERAGE_GLYPH)
}

function cut(word: string, maxChars: number): string[] {
  const chars = [...word]
  const pieces: string[] = []
  for (let i = 0; i < chars.length; i += maxChars) pieces.push(chars.slice(i, i + maxChars).join(''))
  return pieces
}

/**
 * Lines of at most `maxWidth`, broken between words (a word longer than a line is cut), at most
 * `maxLines` of them: the last one kept ends with "…" when text was left out.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  maxLines = Number.POSITIVE_INFINITY,
  bold = false,
): string[] {
  const maxChars = Math.max(
    1,
    Math.floor(maxWidth / (fontSize * (bold ? AVERAGE_BOLD_GLYPH : AVERAGE_GLYPH))),
  )
  const lines: string[] = []
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      for (const piece of [...word].length > maxChars ? cut(word, maxChars) : [word]) {
        const candidate = line ? `${line} ${piece}` : piece
        if ([...candidate].length <= maxChars) line = candidate
        else {
          lines.push(line)
          line = piece
        }
      }
    }
    lines.push(line)
  }
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, Math.max(0, maxLines))
  if (kept.length > 0) kept[kept.length - 1] = ellipsis(kept[kept.length - 1], maxChars)
  return kept
}

/** One line cut to `maxWidth` with "…" if it is longer. */
export function truncate(text: string, maxWidth: number, fontSize: number, bold = false): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  const maxChars = Math.max(
    1,
    Math.floor(maxWidth / (fontSize * (bold ? AVERAGE_BOLD_GLYPH : AVERAGE_GLYPH))),
  )
  return [...oneLine].length <= maxChars ? oneLine : ellipsis(oneLine, maxChars, true)
}

function ellipsis(line: string, maxChars: number, cutAlways = false): string {
  const chars = [...line]
  if (!cutAlways && chars.length < maxChars) return `${line}…`
  return `${chars
    .slice(0, Math.max(0, maxChars - 1))
    .join('')
    .trimEnd()}…`
}

/** The plain text of a shape's `richText` prop (or its legacy `text`), '' when it has none. */
export function shapeText(props: Readonly<Record<string, unknown>>): string {
  if (isObject(props.richText) && Array.isArray(props.richText.content)) {
    return richTextToPlain(props.richText as unknown as Parameters<typeof richTextToPlain>[0]).trim()
  }
  return typeof props.text === 'string' ? props.text.trim() : ''
}
