import { type ComponentFigures, type ComponentKind, HOURS_PER_MONTH } from '@scaleboard/schema'
import { COMPONENT_CATALOGUE } from './componentCatalogue.ts'

export interface FigureTotals {
  /** replicas × capacity per replica */
  capacity?: { replicas: number; perReplicaRps: number; totalRps: number }
  /** replicas × $ per replica-hour × 730 h */
  cost?: { replicas: number; perReplicaHourUsd: number; monthlyUsd: number }
}

/**
 * The totals a component's figures imply, each only when every input is known: total capacity
 * (replicas × capacity per replica) and cost per month (replicas × $/h × 730, as the scenarios
 * count it). A kind with no replica count (an offline feature store) is one unit; a kind that
 * has one but leaves it empty has no totals yet. Figures that don't fit the kind are ignored.
 */
export function figureTotals(kind: ComponentKind, figures: ComponentFigures): FigureTotals {
  const fits = new Set(COMPONENT_CATALOGUE[kind].figures)
  const replicas = fits.has('replicas') ? figures.replicas : 1
  const perReplicaRps = fits.has('capacityRpsPerReplica') ? figures.capacityRpsPerReplica : undefined
  const perReplicaHourUsd = fits.has('costPerReplicaHourUsd') ? figures.costPerReplicaHourUsd : undefined
  const totals: FigureTotals = {}
  if (replicas === undefined) return totals
  if (perReplicaRps !== undefined)
    totals.capacity = { replicas, perReplicaRps, totalRps: replicas * perReplicaRps }
  if (perReplicaHourUsd !== undefined)
    totals.cost = { replicas, perReplicaHourUsd, monthlyUsd: replicas * perReplicaHourUsd * HOURS_PER_MONTH }
  return totals
}
