import {
  type BoardAnalysis,
  type ComponentAnalysis,
  DEFAULT_TARGET_UTILISATION,
  type PathAnalysis,
  type RequirementCheck,
  type RequirementStatus,
} from '@scaleboard/analysis'
import type { AnalysisTargets } from '@scaleboard/schema'
import { formatAvailability, formatMs, formatNumber, formatPercent, formatRps, formatUsd } from './format.ts'

/** The four questions an interviewer asks of a serving design, one tile each. */
export const TILE_IDS = ['headroom', 'latency', 'budget', 'availability'] as const
export type TileId = (typeof TILE_IDS)[number]

export type TileTone = 'green' | 'amber' | 'red' | 'grey'

export interface ScoreTile {
  id: TileId
  title: string
  tone: TileTone
  /** the design's figure, e.g. "83 % busiest" */
  value: string
  /** what it is held against, e.g. "target ≤ 70 %" */
  target: string
  /** why the tone is what it is, when the figures alone do not say (missing figures, no target) */
  note?: string
}

const TONE: Record<RequirementStatus, TileTone> = {
  met: 'green',
  near: 'amber',
  missed: 'red',
  unknown: 'grey',
}

function check(analysis: BoardAnalysis, id: RequirementCheck['id']): RequirementCheck | undefined {
  return analysis.requirements.find((r) => r.id === id)
}

/** The tiles of the scoreboard, from the analysis and the session's targets (null: no scenario). */
export function scoreTiles(analysis: BoardAnalysis, targets: AnalysisTargets | null): ScoreTile[] {
  return [
    headroomTile(analysis, targets),
    latencyTile(analysis),
    budgetTile(analysis),
    availabilityTile(analysis),
  ]
}

function headroomTile(analysis: BoardAnalysis, targets: AnalysisTargets | null): ScoreTile {
  const throughput = check(analysis, 'throughput')
  const targetUtilisation = targets?.targetUtilisation ?? DEFAULT_TARGET_UTILISATION
  const rho = analysis.totals.maxUtilisation
  const down = analysis.components.some((c) => c.state === 'down' && c.arrivalRps > 0)
  const tile: ScoreTile = {
    id: 'headroom',
    title: 'Headroom',
    tone: throughput ? TONE[throughput.status] : 'grey',
    value: rho === null ? 'unknown' : formatPercent(rho),
    target: `busiest · target ≤ ${formatPercent(targetUtilisation)}`,
  }
  if (down) tile.note = 'Traffic reaches a component that is down'
  else if (rho === null) tile.note = 'No component states its capacity yet'
  // 1/ρ, not the analysis's peak ÷ ρ: rates written on arrows replace the session's peak, but a
  // traffic multiplier scales both, so the multiple is right either way
  else if (rho > 0) tile.note = `Full (ρ = 1) at ${formatNumber(1 / rho)}× this traffic`
  return tile
}

function latencyTile(analysis: BoardAnalysis): ScoreTile {
  const latency = check(analysis, 'latency')
  const p99 = analysis.totals.p99LatencyMs
  const overloaded = analysis.components.some((c) => c.state === 'overloaded')
  const unknownHops = analysis.paths.some((p) => p.unknownShapeIds.length > 0)
  const tile: ScoreTile = {
    id: 'latency',
    title: 'p99 latency',
    tone: latency ? TONE[latency.status] : 'grey',
    value: p99 !== null ? formatMs(p99) : overloaded ? 'unbounded' : 'unknown',
    target: latency ? `target ≤ ${formatMs(latency.target)}` : 'no p99 target',
  }
  if (p99 === null && overloaded) tile.note = 'An overloaded component on the path: its queue grows'
  else if (analysis.paths.length === 0) tile.note = 'No client reaches a component yet'
  else if (unknownHops) tile.note = 'Some latencies are missing (counted as 0)'
  return tile
}

function budgetTile(analysis: BoardAnalysis): ScoreTile {
  const budget = check(analysis, 'budget')
  const unpriced = analysis.components.filter((c) => c.monthlyCostUsd === null).length
  const tile: ScoreTile = {
    id: 'budget',
    title: 'Cost',
    tone: budget ? TONE[budget.status] : 'grey',
    value: `${formatUsd(analysis.totals.monthlyCostUsd)}/mo`,
    target: budget ? `budget ${formatUsd(budget.target)}/mo` : 'no budget',
  }
  if (unpriced) tile.note = `${unpriced} ${unpriced === 1 ? 'component has' : 'components have'} no price`
  return tile
}

function availabilityTile(analysis: BoardAnalysis): ScoreTile {
  const availability = check(analysis, 'availability')
  const a = analysis.totals.availability
  const tile: ScoreTile = {
    id: 'availability',
    title: 'Availability',
    tone: availability ? TONE[availability.status] : 'grey',
    value: a === null ? 'unknown' : formatAvailability(a),
    target: availability ? `SLO ≥ ${formatAvailability(availability.target)}` : 'no SLO',
  }
  if (a === null) tile.note = 'Nothing on the request path states an availability'
  else if (availability?.status === 'unknown') tile.note = 'Some availabilities are missing (an upper bound)'
  return tile
}

/** One line of the figures behind a tile. */
export interface DetailRow {
  shapeId: string
  name: string
  /** the figure this tile is about, e.g. "83 %" or "$1,460/mo" */
  value: string
  /** the figures it comes from, e.g. "1,200 rps on 4 replicas · needs 5" */
  detail?: string
  tone: TileTone
}

const STATE_TONE: Record<ComponentAnalysis['state'], TileTone> = {
  ok: 'green',
  hot: 'amber',
  overloaded: 'red',
  down: 'red',
  unknown: 'grey',
}

/** The figures behind a tile, the ones that decide it first. */
export function tileDetails(analysis: BoardAnalysis, id: TileId): DetailRow[] {
  switch (id) {
    case 'headroom':
      return utilisationRows(analysis)
    case 'latency':
      return criticalPathRows(analysis)
    case 'budget':
      return costRows(analysis)
    case 'availability':
      return availabilityRows(analysis)
  }
}

function utilisationRows(analysis: BoardAnalysis): DetailRow[] {
  const bound = analysis.components.filter(
    (c) => c.utilisation !== null || c.state === 'down' || c.state === 'unknown' || c.state === 'overloaded',
  )
  const rank = (c: ComponentAnalysis) =>
    c.state === 'down' ? 10 : c.state === 'unknown' ? -1 : (c.utilisation ?? 0)
  return [...bound]
    .sort((a, b) => rank(b) - rank(a))
    .map((c) => {
      const needs =
        c.replicasNeeded !== null && c.replicas !== null && c.replicasNeeded !== c.replicas
          ? ` · needs ${c.replicasNeeded}`
          : ''
      return {
        shapeId: c.shapeId,
        name: c.name,
        value:
          c.state === 'down' ? 'down' : c.utilisation === null ? 'unknown' : formatPercent(c.utilisation),
        detail: `${formatRps(c.arrivalRps)} on ${c.replicas ?? '?'} ${c.replicas === 1 ? 'replica' : 'replicas'}${needs}`,
        tone: STATE_TONE[c.state],
      }
    })
}

/** The slowest client path: the one the p99 tile reports. Unbounded (overloaded) first. */
export function slowestPath(paths: readonly PathAnalysis[]): PathAnalysis | undefined {
  let worst: PathAnalysis | undefined
  for (const path of paths) {
    if (!worst) worst = path
    else if (worst.p99LatencyMs === null) continue
    else if (path.p99LatencyMs === null || path.p99LatencyMs > worst.p99LatencyMs) worst = path
  }
  return worst
}

function criticalPathRows(analysis: BoardAnalysis): DetailRow[] {
  const path = slowestPath(analysis.paths)
  if (!path) return []
  const byId = new Map(analysis.components.map((c) => [c.shapeId, c]))
  return path.shapeIds.flatMap((id) => {
    const c = byId.get(id)
    if (!c) return []
    const wait = c.queueWaitMs !== null && c.queueWaitMs >= 0.05 ? ` · queue ${formatMs(c.queueWaitMs)}` : ''
    return [
      {
        shapeId: id,
        name: c.name,
        value:
          c.state === 'overloaded'
            ? 'unbounded'
            : c.p99LatencyMs === null
              ? 'unknown'
              : formatMs(c.p99LatencyMs),
        detail: c.latencyMs === null ? undefined : `typical ${formatMs(c.latencyMs)}${wait}`,
        tone:
          c.state === 'overloaded' ? 'red' : path.unknownShapeIds.includes(id) ? 'grey' : STATE_TONE[c.state],
      },
    ]
  })
}

function costRows(analysis: BoardAnalysis): DetailRow[] {
  return [...analysis.components]
    .filter((c) => c.monthlyCostUsd !== 0)
    .sort((a, b) => (b.monthlyCostUsd ?? -1) - (a.monthlyCostUsd ?? -1))
    .map((c) => ({
      shapeId: c.shapeId,
      name: c.name,
      value: c.monthlyCostUsd === null ? 'no price' : `${formatUsd(c.monthlyCostUsd)}/mo`,
      detail: c.replicas === null ? undefined : `${c.replicas} ${c.replicas === 1 ? 'replica' : 'replicas'}`,
      tone: c.monthlyCostUsd === null ? 'grey' : 'green',
    }))
}

function availabilityRows(analysis: BoardAnalysis): DetailRow[] {
  const onPaths = new Set(analysis.paths.flatMap((p) => p.shapeIds))
  const shown = analysis.components.filter((c) => onPaths.size === 0 || onPaths.has(c.shapeId))
  return [...shown]
    .sort((a, b) => (a.availability ?? 2) - (b.availability ?? 2))
    .map((c) => ({
      shapeId: c.shapeId,
      name: c.name,
      value:
        c.state === 'down'
          ? 'down'
          : c.availability === null
            ? 'not stated'
            : formatAvailability(c.availability),
      detail:
        c.replicas === null
          ? undefined
          : `${c.replicas} ${c.replicas === 1 ? 'replica' : 'replicas'} in parallel`,
      tone: c.state === 'down' ? 'red' : c.availability === null ? 'grey' : 'green',
    }))
}
