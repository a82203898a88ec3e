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
