import type { ComponentAnalysis, ComponentState } from '@scaleboard/analysis'
import { formatPercent, formatRps } from './format.ts'

export interface UtilisationBadge {
  shapeId: string
  text: string
  state: ComponentState
  /** the whole sentence, for the tooltip and screen readers */
  title: string
  /** overloaded or down: the card is outlined too */
  alarm: boolean
}

/**
 * The pill at a card's corner: its utilisation, "down", or "?" when a figure is missing. Cards that
 * are not capacity-bound (clients, object storage…) get none: a "0 %" there would mean nothing.
 */
export function utilisationBadge(c: ComponentAnalysis): UtilisationBadge | null {
  const alarm = c.state === 'overloaded' || c.state === 'down'
  const base = { shapeId: c.shapeId, state: c.state, alarm }
  if (c.state === 'down') return { ...base, text: 'down', title: `${c.name} is down` }
  if (c.state === 'unknown')
    return { ...base, text: '? %', title: `${c.name}: utilisation unknown (a figure is missing)` }
  if (c.utilisation === null) return null
  const replicas = c.replicas === null ? '' : ` on ${c.replicas} ${c.replicas === 1 ? 'replica' : 'replicas'}`
  const needs =
    c.replicasNeeded !== null && c.replicas !== null && c.replicasNeeded > c.replicas
      ? `; needs ${c.replicasNeeded}`
      : ''
  const verdict = c.state === 'overloaded' ? 'overloaded' : c.state === 'hot' ? 'above target' : 'busy'
  return {
    ...base,
    text: formatPercent(c.utilisation),
    title: `${c.name}: ${formatPercent(c.utilisation)} ${verdict} at peak (${formatRps(c.arrivalRps)}${replicas}${needs})`,
  }
}

export function utilisationBadges(components: readonly ComponentAnalysis[]): UtilisationBadge[] {
  return components.flatMap((c) => utilisationBadge(c) ?? [])
}
