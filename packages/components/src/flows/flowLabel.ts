import type { FlowMode } from '@scaleboard/schema'
import type { TLRichText } from '@tldraw/tlschema'

export interface FlowLabelParts {
  mode: FlowMode
  /** requests or messages per second at peak */
  rps?: number
  /** calls along the arrow per request its source receives; absent: 1 */
  callsPerRequest?: number
  /** what flows, e.g. "features" */
  label?: string
}

const SEPARATOR = ' · '

/** "sync · 800 rps", "features · async · 1.2k rps", "async", "lookups · sync · ×2 per request" */
export function formatFlowLabel({ mode, rps, callsPerRequest, label }: FlowLabelParts): string {
  const parts: string[] = []
  if (label?.trim()) parts.push(label.trim())
  parts.push(mode)
  if (rps !== undefined) parts.push(`${formatRate(rps)} rps`)
  if (callsPerRequest !== undefined) parts.push(`×${formatCalls(callsPerRequest)} per request`)
  return parts.join(SEPARATOR)
}

/** 2 → "2", 0.25 → "0.25", 1/3 → "0.333": three significant digits, the meta keeps the rest */
function formatCalls(n: number): string {
  return String(Number(n.toPrecision(3)))
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
// "×2 per request", "x 2 per req", "2 calls per request", "2 calls/req"
const CALLS_PATTERN =
  /(?:(?<![a-z])[×x]\s*(\d+(?:\.\d+)?)\s*(?:calls?\s*)?(?:per|\/)\s*req(?:uest)?\b|(\d+(?:\.\d+)?)\s*calls?\s*(?:per|\/)\s*req(?:uest)?\b)/i

/**
 * Reads a flow back from an arrow's label text, however the candidate typed it
 * ("async · 1.2k rps", "sync 800rps", "features, sync, 25k rps", "lookups · ×2 per request").
 * Undefined when the text names no mode, no rate and no calls per request: it is not a flow label.
 */
export function parseFlowLabel(text: string): FlowLabelParts | undefined {
  const modeMatch = MODE_PATTERN.exec(text)
  const callsMatch = CALLS_PATTERN.exec(text)
  // the calls are taken out first, so "2 calls/req" is never read as a rate
  const rpsMatch = RPS_PATTERN.exec(callsMatch ? text.replace(callsMatch[0], '') : text)
  if (!modeMatch && !rpsMatch && !callsMatch) return undefined
  const parts: FlowLabelParts = { mode: (modeMatch?.[1]?.toLowerCase() as FlowMode | undefined) ?? 'sync' }
  if (rpsMatch) {
    const base = Number(rpsMatch[1].replace(/[,_]/g, ''))
    const scale = { k: 1e3, m: 1e6 }[rpsMatch[2]?.toLowerCase() as 'k' | 'm'] ?? 1
    parts.rps = Math.round(base * scale * 1000) / 1000
  }
  const calls = callsMatch ? Number(callsMatch[1] ?? callsMatch[2]) : undefined
  if (calls !== undefined && calls > 0) parts.callsPerRequest = calls
  let rest = text
  for (const match of [callsMatch, modeMatch, rpsMatch]) if (match) rest = rest.replace(match[0], '')
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
