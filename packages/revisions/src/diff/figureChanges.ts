import {
  COMPONENT_CATALOGUE,
  FIGURE_NAMES,
  FIGURE_SPECS,
  type FigureName,
  figureTotals,
  formatCount,
  formatFraction,
  formatRate,
  formatStorage,
  formatUsdPerHour,
} from '@scaleboard/components/schema'
import type { ComponentFigures, ComponentKind } from '@scaleboard/schema'
import { isObject } from './boardView.ts'
import { quote } from './naming.ts'

type FigureValue = number | string

/**
 * A card's figures, each read on its own: one figure of the wrong type is left out rather than
 * losing the others (the whole-object schema is strict and would reject them all).
 */
export function readFigures(value: unknown): ComponentFigures {
  if (!isObject(value)) return {}
  const figures: Record<string, FigureValue> = {}
  for (const name of FIGURE_NAMES) {
    const figure = value[name]
    const wanted = FIGURE_SPECS[name].valueType === 'text' ? 'string' : 'number'
    if (typeof figure !== wanted) continue
    if (typeof figure === 'number' && !Number.isFinite(figure)) continue
    if (typeof figure === 'string' && !figure.trim()) continue
    figures[name] = figure as FigureValue
  }
  return figures as ComponentFigures
}

/** Figures as the card and the inspector show them: "120 ms", "99.9%", "$1.0/h", "5.4k rps". */
function formatFigure(name: FigureName, value: FigureValue): string {
  if (typeof value === 'string') return quote(value)
  switch (FIGURE_SPECS[name].unit) {
    case 'fraction':
      return formatFraction(value)
    case 'ms':
      return `${Number(value.toFixed(1))} ms`
    case 'rps':
      return `${formatRate(value)} rps`
    case 'GB':
      return formatStorage(value)
    case 'USD/h':
      return formatUsdPerHour(value)
    default:
      return formatCount(value)
  }
}

/** The same without rounding, for a change the rounded forms would hide (1,250 → 1,300 rps). */
function formatFigureExactly(name: FigureName, value: number): string {
  const exact = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 })
  switch (FIGURE_SPECS[name].unit) {
    case 'fraction':
      return `${exact(value * 100)}%`
    case 'ms':
      return `${exact(value)} ms`
    case 'rps':
      return `${exact(value)} rps`
    case 'GB':
      return `${exact(value)} GB`
    case 'USD/h':
      return `$${exact(value)}/h`
    default:
      return exact(value)
  }
}

/** "Latency p99" → "latency p99": the label reads mid-sentence, after the card's name. */
function figureLabel(name: FigureName): string {
  const { label } = FIGURE_SPECS[name]
  return label.charAt(0).toLowerCase() + label.slice(1)
}

/** The figures a card of this kind shows; every figure when the kind is unknown. */
function figuresShown(kinds: readonly (ComponentKind | undefined)[]): Set<FigureName> {
  if (kinds.some((kind) => kind === undefined)) return new Set(FIGURE_NAMES)
  return new Set(kinds.flatMap((kind) => (kind ? COMPONENT_CATALOGUE[kind].figures : [])))
}

/**
 * "replicas 2 → 6", "latency p99 set to 80 ms", "hardware removed (was “A10G”)", in the order forms
 * list the figures. Only figures the card shows count: others are leftovers nobody sees.
 */
export function figureChanges(
  from: { kind: ComponentKind | undefined; figures: ComponentFigures },
  to: { kind: ComponentKind | undefined; figures: ComponentFigures },
): string[] {
  const shown = figuresShown([from.kind, to.kind])
  const changes: string[] = []
  for (const name of FIGURE_NAMES) {
    if (!shown.has(name)) continue
    const before = from.figures[name]
    const after = to.figures[name]
    if (before === after) continue
    const label = figureLabel(name)
    if (before === undefined) changes.push(`${label} set to ${formatFigure(name, after as FigureValue)}`)
    else if (after === undefined) changes.push(`${label} removed (was ${formatFigure(name, before)})`)
    else {
      let [a, b] = [formatFigure(name, before), formatFigure(name, after)]
      if (a === b && typeof before === 'number' && typeof after === 'number')
        [a, b] = [formatFigureExactly(name, before), formatFigureExactly(name, after)]
      changes.push(`${label} ${a} → ${b}`)
    }
  }
  return changes
}

/** The card's cost per month (figureTotals), when every input is known. */
export function monthlyCostUsd(
  kind: ComponentKind | undefined,
  figures: ComponentFigures,
): number | undefined {
  return kind ? figureTotals(kind, figures).cost?.monthlyUsd : undefined
}

/** "+1,840", "−730", "+73.00": signed dollars, cents only below $100 (as the brief's prices). */
export function formatUsdDelta(delta: number): string {
  const size = Math.abs(delta)
  const digits = size < 100 ? 2 : 0
  const amount = size.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
  return `${delta < 0 ? '−' : '+'}${amount}`
}

/** "$/month +1,840" when both sides have a monthly cost and it moved by at least a cent. */
export function monthlyCostChange(before: number | undefined, after: number | undefined): string | undefined {
  if (before === undefined || after === undefined) return undefined
  const delta = after - before
  if (Math.abs(delta) < 0.005) return undefined
  return `$/month ${formatUsdDelta(delta)}`
}
