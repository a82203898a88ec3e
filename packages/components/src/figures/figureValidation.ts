import type { ComponentFigures } from '@scaleboard/schema'
import { FIGURE_SPECS, type FigureName, isFigureName } from './figureSpecs.ts'

export type FigureValue = ComponentFigures[FigureName]

/** An input string read as a figure: a value (undefined clears the figure) or a plain-words error. */
export type FigureInputResult = { ok: true; value: FigureValue | undefined } | { ok: false; error: string }

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i

function formatLimit(n: number): string {
  return n.toLocaleString('en-US')
}

/**
 * Why a value is not acceptable for a figure, in words a candidate understands, or undefined when
 * it is fine. Both the tldraw validator and the inspector form use this, so the canvas store and
 * the form reject exactly the same values.
 */
export function checkFigureValue(name: FigureName, value: unknown): string | undefined {
  const spec = FIGURE_SPECS[name]
  if (spec.valueType === 'text') {
    if (typeof value !== 'string') return 'Enter text'
    if (value.length > spec.maxLength) return `Use at most ${spec.maxLength} characters`
    return undefined
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'Enter a number'
  if (spec.valueType === 'integer' && !Number.isInteger(value)) return 'Use a whole number'
  if (spec.valueType === 'fraction' && (value < 0 || value > 1))
    return 'Use a fraction between 0 and 1, e.g. 0.95 for 95%'
  if ('min' in spec && value < spec.min) return `Must be ${formatLimit(spec.min)} or more`
  if ('max' in spec && value > spec.max) return `Must be at most ${formatLimit(spec.max)}`
  return undefined
}

/**
 * Reads what the user typed into a figure's input. An empty input clears the figure. Numbers
 * accept `_` or spaces as thousands separators ("100 000"), never commas, which would be ambiguous
 * between locales.
 */
export function parseFigureInput(name: FigureName, raw: string): FigureInputResult {
  const spec = FIGURE_SPECS[name]
  const text = raw.trim()
  if (text === '') return { ok: true, value: undefined }
  if (spec.valueType === 'text') {
    const error = checkFigureValue(name, text)
    return error ? { ok: false, error } : { ok: true, value: text }
  }
  const compact = text.replace(/[\s_]/g, '')
  if (compact.includes(',')) return { ok: false, error: 'Use a dot for decimals and no commas, e.g. 1200.5' }
  if (!NUMBER_PATTERN.test(compact)) return { ok: false, error: `Enter a number, e.g. ${spec.example}` }
  const value = Number(compact)
  const error = checkFigureValue(name, value)
  return error ? { ok: false, error } : { ok: true, value }
}

/** Figures that are each valid but contradict each other, keyed by the figure to fix. */
export function checkFigureConsistency(figures: ComponentFigures): Partial<Record<FigureName, string>> {
  const errors: Partial<Record<FigureName, string>> = {}
  const { autoscaleMin, autoscaleMax, latencyP50Ms, latencyP99Ms } = figures
  if (autoscaleMin !== undefined && autoscaleMax !== undefined && autoscaleMin > autoscaleMax) {
    errors.autoscaleMin = `Must not exceed the autoscale max (${autoscaleMax})`
    errors.autoscaleMax = `Must be at least the autoscale min (${autoscaleMin})`
  }
  if (latencyP50Ms !== undefined && latencyP99Ms !== undefined && latencyP50Ms > latencyP99Ms) {
    errors.latencyP50Ms = `p50 can't be above p99 (${latencyP99Ms} ms)`
    errors.latencyP99Ms = `p99 can't be below p50 (${latencyP50Ms} ms)`
  }
  return errors
}

/** Every problem in a figures object: unknown keys, bad values and contradictions. */
export function listFigureProblems(figures: Record<string, unknown>): { figure: string; error: string }[] {
  const problems: { figure: string; error: string }[] = []
  for (const [figure, value] of Object.entries(figures)) {
    if (!isFigureName(figure)) {
      problems.push({ figure, error: 'Unknown figure' })
      continue
    }
    if (value === undefined) continue
    const error = checkFigureValue(figure, value)
    if (error) problems.push({ figure, error })
  }
  if (problems.length > 0) return problems
  const consistency = checkFigureConsistency(figures as ComponentFigures)
  for (const [figure, error] of Object.entries(consistency)) problems.push({ figure, error })
  return problems
}
