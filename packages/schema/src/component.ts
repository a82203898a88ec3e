import { z } from 'zod'

/**
 * The ML-serving building blocks a candidate can place. The same list drives the palette,
 * the tldraw shape props, and the components a scenario's current architecture is drawn with.
 */
export const ComponentKind = z.enum([
  'client',
  'cdn',
  'api-gateway',
  'load-balancer',
  'model-server-cpu',
  'model-server-gpu',
  'autoscaler',
  'online-feature-store',
  'offline-feature-store',
  'cache',
  'message-queue',
  'stream-processor',
  'batch-job',
  'model-registry',
  'database',
  'object-storage',
  'vector-database',
  'monitoring',
  'logging-tracing',
  'fallback-rules',
  'region-boundary',
])
export type ComponentKind = z.infer<typeof ComponentKind>

export const ComponentGroup = z.enum(['traffic', 'compute', 'data', 'async', 'operations'])
export type ComponentGroup = z.infer<typeof ComponentGroup>

/**
 * The figures an architect reasons with. All optional: each kind uses the ones that fit it
 * (a cache has a hit rate, a GPU server has hardware and per-replica throughput).
 * Units are in the names so capacity analysis can compute without guessing.
 */
export const ComponentFigures = z
  .object({
    replicas: z.number().int().min(0).max(100_000),
    capacityRpsPerReplica: z.number().min(0),
    latencyP50Ms: z.number().min(0),
    latencyP99Ms: z.number().min(0),
    costPerReplicaHourUsd: z.number().min(0),
    hardware: z.string().max(120),
    /** fraction, e.g. 0.999 */
    availability: z.number().min(0).max(1),
    /** fraction of requests served from cache, 0..1 */
    cacheHitRate: z.number().min(0).max(1),
    autoscaleMin: z.number().int().min(0),
    autoscaleMax: z.number().int().min(0),
    /** storage or memory size in GB, for caches, databases and stores */
    storageGb: z.number().min(0),
  })
  .partial()
  .strict()
export type ComponentFigures = z.infer<typeof ComponentFigures>

/** Data flows between components: arrows carry these labels. */
export const FlowMode = z.enum(['sync', 'async'])
export type FlowMode = z.infer<typeof FlowMode>

/** One component of an architecture drawn from data (a scenario's current state). */
export const ArchitectureComponent = z
  .object({
    /** unique within the architecture; flows refer to it */
    id: z.string().regex(/^[a-z0-9-]+$/),
    kind: ComponentKind,
    name: z.string().min(1).max(80),
    /** free text under the name, e.g. the technology ("Flask + scikit-learn") */
    detail: z.string().max(120).optional(),
    figures: ComponentFigures.default({}),
    /**
     * The region boundary (a `region-boundary` component's id) this component sits in. The board
     * lays the architecture out itself from the flows and regions; nobody places cards by hand.
     */
    region: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
    /**
     * Legacy hand placement (top-left in board units, and a boundary's size). Ignored when the board
     * lays the architecture out; a component inside a boundary's rectangle and without `region`
     * still counts as inside it.
     */
    x: z.number().optional(),
    y: z.number().optional(),
    w: z.number().positive().optional(),
    h: z.number().positive().optional(),
  })
  .strict()
export type ArchitectureComponent = z.infer<typeof ArchitectureComponent>

export const ArchitectureFlow = z
  .object({
    from: z.string(),
    to: z.string(),
    mode: FlowMode.default('sync'),
    /** requests (or messages) per second at peak along this flow */
    rps: z.number().min(0).optional(),
    label: z.string().max(80).optional(),
  })
  .strict()
export type ArchitectureFlow = z.infer<typeof ArchitectureFlow>

export const Architecture = z
  .object({
    components: z.array(ArchitectureComponent).min(1),
    flows: z.array(ArchitectureFlow).default([]),
  })
  .strict()
  .superRefine((arch, ctx) => {
    const ids = new Set<string>()
    arch.components.forEach((c, i) => {
      if (ids.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['components', i, 'id'], message: `duplicate id "${c.id}"` })
      ids.add(c.id)
    })
    arch.components.forEach((c, i) => {
      if (c.region === undefined) return
      const region = arch.components.find((r) => r.id === c.region)
      if (region?.kind !== 'region-boundary' || region === c)
        ctx.addIssue({
          code: 'custom',
          path: ['components', i, 'region'],
          message: `"${c.region}" is not a region-boundary of this architecture`,
        })
    })
    arch.flows.forEach((f, i) => {
      for (const end of ['from', 'to'] as const)
        if (!ids.has(f[end]))
          ctx.addIssue({ code: 'custom', path: ['flows', i, end], message: `unknown component "${f[end]}"` })
    })
  })
export type Architecture = z.infer<typeof Architecture>
