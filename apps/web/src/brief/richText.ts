/**
 * The few markdown features scenario texts use: paragraphs, "-" / "*" / "1." lists, **bold** and
 * `code`. Parsed into plain data that React renders as elements, so scenario text can never
 * inject markup (no HTML is ever built from it). Every node carries a key, stable for a given text.
 */

export type Inline =
  | { type: 'text'; key: string; text: string }
  | { type: 'strong'; key: string; children: Inline[] }
  | { type: 'code'; key: string; text: string }

export interface ListItem {
  key: string
  content: Inline[]
}

export type Block =
  | { type: 'paragraph'; key: string; content: Inline[] }
  | { type: 'list'; key: string; ordered: boolean; items: ListItem[] }

const LIST_ITEM = /^\s*(?:([-*])|(\d+)[.)])\s+(.*)$/

/** Splits text into paragraphs and lists. Wrapped lines join with a space, as in markdown. */
export function parseRichText(source: string): Block[] {
  const blocks: Block[] = []
  let paragraph: string[] = []
  let list: { ordered: boolean; items: string[] } | null = null

  const flush = () => {
    const key = `b${blocks.length}`
    if (paragraph.length > 0)
      blocks.push({ type: 'paragraph', key, content: parseInline(paragraph.join(' '), `${key}.`) })
    else if (list)
      blocks.push({
        type: 'list',
        key,
        ordered: list.ordered,
        items: list.items.map((text, i) => ({
          key: `${key}.${i}`,
          content: parseInline(text, `${key}.${i}.`),
        })),
      })
    paragraph = []
    list = null
  }

  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim()
    if (line === '') {
      flush()
      continue
    }
    const item = LIST_ITEM.exec(raw)
    if (item) {
      const ordered = item[2] !== undefined
      if (paragraph.length > 0 || (list && list.ordered !== ordered)) flush()
      list ??= { ordered, items: [] }
      list.items.push(item[3].trim())
    } else if (list && /^\s/.test(raw)) {
      // an indented line continues the list item above it
      list.items[list.items.length - 1] += ` ${line}`
    } else {
      if (list) flush()
      paragraph.push(line)
    }
  }
  flush()
  return blocks
}

const INLINE = /`([^`]+)`|\*\*(.+?)\*\*/g

/** **bold** (which may hold `code`) and `code`; anything unmatched stays literal text. */
export function parseInline(text: string, keyPrefix = ''): Inline[] {
  const out: Inline[] = []
  const key = () => `${keyPrefix}${out.length}`
  let last = 0
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0
    if (at > last) out.push({ type: 'text', key: key(), text: text.slice(last, at) })
    if (match[1] !== undefined) out.push({ type: 'code', key: key(), text: match[1] })
    else {
      const k = key()
      out.push({ type: 'strong', key: k, children: parseInline(match[2], `${k}.`) })
    }
    last = at + match[0].length
  }
  if (last < text.length) out.push({ type: 'text', key: key(), text: text.slice(last) })
  return out
}
