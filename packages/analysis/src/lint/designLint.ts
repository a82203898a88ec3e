/*
 * Design lint (issue 10, item 3): what an interviewer would point at in a serving design. Each
 * rule is a small function of the analysed board; each finding names the shapes it is about, so
 * the list can select them, and says in a sentence what is wrong and what would fix it.
 */

import { COMPONENT_CATALOGUE } from '@scaleboard/components/schema'
import type { BoardFlow, BoardGraph, BoardNode } from '../board/boardGraph.ts'
import { formatMs, formatRps, formatUsd } from '../format.ts'
import type { FlowOrder } from '../model/flowOrder.ts'
import type { AnalysisRequirements } from '../requirements.ts'
import type { ComponentAnalysis, Finding, PathAnalysis } from '../types.ts'

export interface LintContext {
  graph: BoardGraph
  order: FlowOrder
  components: ReadonlyMap<string, ComponentAnalysis>
  paths: readonly PathAnalysis[]
  /** components a client's request reaches along sync flows */
  syncPath: ReadonlySet<string>
  requirements: AnalysisRequirements
  monthlyCostUsd: number
}

export type LintRule = (context: LintContext) => Finding[]

const MODEL_SERVERS = new Set(['model-server-cpu', 'model-server-gpu'])
const FEATURE_LOOKUPS = new Set(['online-feature-store', 'offline-feature-store', 'database'])
/** Load varying more than this over the day asks for autoscaling (the issue's 2×). */
export const AUTOSCALE_LOAD_VARIATION = 2
/**
 * Below this RTO a second region must already be serving: rebuilding a region's serving stack
 * from backups and infrastructure code takes longer than an hour.
 */
export const STANDBY_RTO_MINUTES = 60

const names = (ids: Iterable<string>, ctx: LintContext) =>
  [...ids].map((id) => ctx.graph.nodes.get(id)?.name ?? id).join(', ')

/** The components an arrow links to a card of this kind (either direction), and those cards. */
function linkedTo(ctx: LintContext, kind: string): { linked: Set<string>; cards: Set<string> } {
  const linked = new Set<string>()
  const cards = new Set<string>()
  for (const flow of ctx.graph.flows) {
    const fromKind = ctx.graph.nodes.get(flow.from)?.kind
    const toKind = ctx.graph.nodes.get(flow.to)?.kind
    if (fromKind === kind) {
      linked.add(flow.to)
      cards.add(flow.from)
    }
    if (toKind === kind) {
      linked.add(flow.from)
      cards.add(flow.to)
    }
  }
  return { linked, cards }
}

const modelServersOnPath = (ctx: LintContext) =>
  [...ctx.syncPath].filter((id) => MODEL_SERVERS.has(ctx.graph.nodes.get(id)?.kind ?? ''))

export const singlePointOfFailure: LintRule = (ctx) =>
  [...ctx.syncPath].flatMap((id) => {
    const c = ctx.components.get(id) as ComponentAnalysis
    if (!COMPONENT_CATALOGUE[c.kind].figures.includes('replicas') || c.replicas !== 1) return []
    return [
      {
        code: 'single-point-of-failure',
        severity: 'error',
        shapeIds: [id],
        message: `${c.name} runs one replica on the request path: when it fails, every request fails. Run two or more, in different zones.`,
      },
    ]
  })

export const noMonitoring: LintRule = (ctx) => {
  const nodes = [...ctx.graph.nodes.values()]
  if (nodes.some((n) => n.kind === 'monitoring') || !nodes.some((n) => n.kind !== 'client')) return []
  const watched = modelServersOnPath(ctx)
  return [
    {
      code: 'no-monitoring',
      severity: 'warning',
      shapeIds: watched.length ? watched : [...ctx.syncPath],
      message:
        'No monitoring on the board: nobody sees latency, errors, saturation or model drift until users complain. Add a monitoring component fed by the serving path.',
    },
  ]
}

/** Autoscaled: its own min/max replica range, or an autoscaler linked to it or, linked to nothing, in its region. */
function autoscaledCheck(ctx: LintContext): (node: BoardNode) => boolean {
  const { linked, cards } = linkedTo(ctx, 'autoscaler')
  // an autoscaler linked to nothing scales its region (or, outside any region, the board)
  const freeRegions = new Set<string | null>()
  for (const node of ctx.graph.nodes.values())
    if (node.kind === 'autoscaler' && !cards.has(node.id)) freeRegions.add(node.regionId)
  return (node) => {
    const { autoscaleMin, autoscaleMax, replicas } = node.figures
    if (autoscaleMax !== undefined && autoscaleMax > (autoscaleMin ?? replicas ?? 0)) return true
    return linked.has(node.id) || freeRegions.has(null) || freeRegions.has(node.regionId)
  }
}

export const noAutoscaling: LintRule = (ctx) => {
  const variation = ctx.requirements.loadVariation
  if (variation === undefined || variation <= AUTOSCALE_LOAD_VARIATION) return []
  const isAutoscaled = autoscaledCheck(ctx)
  const fixed = modelServersOnPath(ctx).filter((id) => !isAutoscaled(ctx.graph.nodes.get(id) as BoardNode))
  if (!fixed.length) return []
  return [
    {
      code: 'no-autoscaling',
      severity: 'warning',
      shapeIds: fixed,
      message: `Traffic varies ${Number(variation.toFixed(1))}× over the day, but ${names(fixed, ctx)} ${fixed.length === 1 ? 'runs' : 'run'} a fixed number of replicas: sized for the peak they idle most of the day, sized for less they overflow at the peak. Give them an autoscaling range or an autoscaler.`,
    },
  ]
}

/** A lookup is cached when a cache sits in front of the store or the caller also asks a cache. */
function isCached(ctx: LintContext, flow: BoardFlow): boolean {
  const kindOf = (id: string) => ctx.graph.nodes.get(id)?.kind
  if (kindOf(flow.from) === 'cache') return true
  return (ctx.order.allOutgoing.get(flow.from) ?? []).some(
    (f) => f.mode === 'sync' && kindOf(f.to) === 'cache',
  )
}

export const uncachedFeatureLookup: LintRule = (ctx) => {
  const target = ctx.requirements.p99TargetMs
  if (target === undefined) return []
  return ctx.graph.flows.flatMap((flow) => {
    const store = ctx.components.get(flow.to) as ComponentAnalysis
    if (flow.mode !== 'sync' || !FEATURE_LOOKUPS.has(store.kind) || !ctx.syncPath.has(flow.to)) return []
    if (isCached(ctx, flow)) return []
    const over = ctx.paths.find(
      (p) => p.shapeIds.includes(flow.to) && (p.p99LatencyMs === null || p.p99LatencyMs > target),
    )
    if (!over) return []
    const caller = ctx.graph.nodes.get(flow.from) as BoardNode
    const storeP99 = store.p99LatencyMs === null ? 'unbounded (overloaded)' : formatMs(store.p99LatencyMs)
    const pathP99 = over.p99LatencyMs === null ? 'unbounded' : formatMs(over.p99LatencyMs)
    return [
      {
        code: 'uncached-feature-lookup',
        severity: 'warning',
        shapeIds: [flow.from, flow.to, flow.id],
        message: `${caller.name} looks features up in ${store.name} on the request path, uncached: its p99 is ${storeP99} and the path's ${pathP99}, over the ${formatMs(target)} budget. Cache the features or precompute them into a faster store.`,
      },
    ]
  })
}

export const unboundedQueue: LintRule = (ctx) =>
  [...ctx.components.values()].flatMap((queue) => {
    if (queue.kind !== 'message-queue' || queue.arrivalRps <= 0) return []
    const consumers = [...new Set((ctx.order.allOutgoing.get(queue.shapeId) ?? []).map((f) => f.to))]
    let capacity = 0
    for (const id of consumers) {
      const c = ctx.components.get(id) as ComponentAnalysis
      const perReplica = ctx.graph.nodes.get(id)?.figures.capacityRpsPerReplica
      if (c.state === 'down') continue
      // a consumer whose capacity is not known (or not a rate at all) gives no verdict
      if (c.replicas === null || perReplica === undefined) return []
      capacity += c.replicas * perReplica
    }
    if (capacity >= queue.arrivalRps) return []
    const drained = consumers.length
      ? `its consumers (${names(consumers, ctx)}) take at most ${formatRps(capacity)}`
      : 'nothing consumes it'
    return [
      {
        code: 'unbounded-queue',
        severity: 'error',
        shapeIds: [queue.shapeId, ...consumers],
        message: `${queue.name} receives ${formatRps(queue.arrivalRps)} but ${drained}: the backlog grows without bound and the lag with it. Add consumer replicas, or bound the queue and shed load.`,
      },
    ]
  })

export const noFallback: LintRule = (ctx) => {
  const servers = modelServersOnPath(ctx)
  if (!servers.length) return []
  const { linked } = linkedTo(ctx, 'fallback-rules')
  // a fallback taken by the model server itself or by whoever calls it
  const covered = new Set(linked)
  for (const flow of ctx.graph.flows) if (flow.mode === 'sync' && linked.has(flow.from)) covered.add(flow.to)
  const unprotected = servers.filter((id) => !covered.has(id))
  if (!unprotected.length) return []
  return [
    {
      code: 'no-fallback',
      severity: 'warning',
      shapeIds: unprotected,
      message: `No fallback on the inference path: when ${names(unprotected, ctx)} ${unprotected.length === 1 ? 'is' : 'are'} slow or down, requests fail. Add fallback rules (popular items, a cached or default answer) taken on timeout or error.`,
    },
  ]
}

export const overBudget: LintRule = (ctx) => {
  const budget = ctx.requirements.monthlyBudgetUsd
  if (budget === undefined || ctx.monthlyCostUsd <= budget) return []
  const costly = [...ctx.components.values()]
    .filter((c) => (c.monthlyCostUsd ?? 0) > 0)
    .sort((a, b) => (b.monthlyCostUsd ?? 0) - (a.monthlyCostUsd ?? 0))
    .slice(0, 3)
  const over = ctx.monthlyCostUsd - budget
  return [
    {
      code: 'over-budget',
      severity: 'error',
      shapeIds: costly.map((c) => c.shapeId),
      message: `${formatUsd(ctx.monthlyCostUsd)} a month is ${formatUsd(over)} (${Math.round((over / budget) * 100)}%) over the ${formatUsd(budget)} budget. Most of it: ${costly.map((c) => `${c.name} ${formatUsd(c.monthlyCostUsd ?? 0)}`).join(', ')}.`,
    },
  ]
}

/** A backup: object storage, or a component named for backups or snapshots. */
const isBackup = (node: BoardNode) => node.kind === 'object-storage' || /backup|snapshot/i.test(node.name)

export const noDisasterRecovery: LintRule = (ctx) => {
  const { rtoMinutes, rpoMinutes } = ctx.requirements
  if (rtoMinutes === undefined && rpoMinutes === undefined) return []
  const serving = [...ctx.syncPath]
  if (!serving.length) return []
  const regionsOf = (ids: Iterable<string>) =>
    new Set([...ids].map((id) => ctx.graph.nodes.get(id)?.regionId).filter((r): r is string => !!r))
  const recovery = [
    rtoMinutes === undefined ? '' : `RTO ${rtoMinutes} min`,
    rpoMinutes === undefined ? '' : `RPO ${rpoMinutes} min`,
  ]
    .filter(Boolean)
    .join(' and ')
  if (rtoMinutes !== undefined && rtoMinutes < STANDBY_RTO_MINUTES) {
    if (regionsOf(serving).size >= 2) return []
    return [
      {
        code: 'no-second-region',
        severity: 'error',
        shapeIds: serving,
        message: `${recovery} needs a second region already able to serve: rebuilding a region from backups takes hours. The request path runs in one region.`,
      },
    ]
  }
  const nodes = [...ctx.graph.nodes.values()]
  if (regionsOf(nodes.map((n) => n.id)).size >= 2 || nodes.some(isBackup)) return []
  return [
    {
      code: 'no-backup',
      severity: 'warning',
      shapeIds: serving,
      message: `${recovery} needs a copy of the data and models outside the serving region: add backups (snapshots to object storage) or a second region.`,
    },
  ]
}

export const DESIGN_LINT_RULES: readonly LintRule[] = [
  singlePointOfFailure,
  noMonitoring,
  noAutoscaling,
  uncachedFeatureLookup,
  unboundedQueue,
  noFallback,
  overBudget,
  noDisasterRecovery,
]

export function designLint(context: LintContext): Finding[] {
  return DESIGN_LINT_RULES.flatMap((rule) => rule(context))
}
