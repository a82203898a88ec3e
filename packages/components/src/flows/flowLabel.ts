import type { FlowMode } from '@scaleboard/schema'
import type { TLRichText } from '@tldraw/tlschema'

export interface FlowLabelParts {
  mode: FlowMode
  /** requests or messages per second at peak */
  rps?: number
  /** what flows, e.g. "features" */
  label?: string
}

const SEPARATOR = ' · '

/** "sync · 800 rps", "features · async · 1.2k rps", "async" */
export function formatFlowLabel({ mode, rps, label }: FlowLabelParts): string {
  const parts: string[] = []
  if (label?.trim()) parts.push(label.trim())
  parts.push(mode)
  if (rps !== undefined) parts.push(`${formatRate(rps)} rps`)
  return parts.join(SEPARATOR)
}

/**
 * A rate as a label shows it: 800, 5.4k, 12.3k, 2M. Compact on the canvas; the exact figure lives
 * in the arrow's `meta.flow` (see arrowFlow.ts), so reading the label back never rounds it.
 */
export function formatRate(n: number): string {
  const compact = (value: number, unit: string) => `${Number(value.toFixed(value < 100 ? 1 : 0))}${unit}`
  if (n >= 1e6) return compact(n / 1e6, 'M')
  if (n >= 1e3) return compact(n / 1e3, 'k')
  return String(Number(n.toFixed(2)))
}

const RPS_PATTERN = /(\d[\d,_]*(?:\.\d+)?)\s*([kKmM])?\s*(?:rps|req\/s|msg\/s)\b/
const MODE_PATTERN = /\b(sync|async)\b/i

/**
 * Reads a flow back from an arrow's label text, however the candidate typed it
 * ("async · 1.2k rps", "sync 800rps", "features, sync, 25k rps"). Undefined when the text names
 * no mode and no rate, i.e. it is not a flow label.
 */
export function parseFlowLabel(text: string): FlowLabelParts | undefined {
  const modeMatch = MODE_PATTERN.exec(text)
  const rpsMatch = RPS_PATTERN.exec(text)
  if (!modeMatch && !rpsMatch) return undefined
  const parts: FlowLabelParts = { mode: (modeMatch?.[1]?.toLowerCase() as FlowMode | undefined) ?? 'sync' }
  if (rpsMatch) {
    const base = Number(rpsMatch[1].replace(/[,_]/g, ''))
    const scale = { k: 1e3, m: 1e6 }[rpsMatch[2]?.toLowerCase() as 'k' | 'm'] ?? 1
    parts.rps = Math.round(base * scale * 1000) / 1000
  }
  let rest = text
  for (const match of [modeMatch, rpsMatch]) if (match) rest = rest.replace(match[0], '')
  const label = rest
    .split(/[·,|]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ')
  if (label) parts.label = label
  return parts
}

/** The plain text of tldraw rich text, paragraphs joined by newlines. */
export function richTextToPlain(richText: TLRichText): string {
  const collect = (node: unknown): string => {
    if (!node || typeof node !== 'object') return ''
    const n = node as { type?: string; text?: string; content?: unknown[] }
    if (n.type === 'text') return n.text ?? ''
    if (n.type === 'hardBreak') return '\n'
    return (n.content ?? []).map(collect).join('')
  }
  return (richText.content ?? []).map(collect).join('\n')
}
