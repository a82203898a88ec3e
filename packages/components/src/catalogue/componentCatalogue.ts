import { type ComponentFigures, ComponentGroup, ComponentKind } from '@scaleboard/schema'
import type { FigureName } from '../figures/figureSpecs.ts'

/** The tldraw shape a catalogue entry is drawn with: a card, or a boundary other shapes sit in. */
export type CatalogueShapeType = 'component' | 'region'

export interface CatalogueEntry {
  kind: ComponentKind
  /** what the palette and the card call it, e.g. "GPU model server" */
  label: string
  group: ComponentGroup
  /** a lucide icon name (PascalCase, as lucide-react exports it) */
  icon: string
  shapeType: CatalogueShapeType
  defaultSize: { w: number; h: number }
  /** the figures that fit this kind, in the order forms and the canvas show them */
  figures: readonly FigureName[]
  /** a reasonable starting point the candidate is expected to change */
  defaultFigures: ComponentFigures
  /** extra words the palette search matches, lower case */
  keywords: readonly string[]
  /** one line for tooltips: what this building block is for */
  description: string
  /** the inspector's hint for the free-text detail, in this kind's own terms, e.g. "e.g. PostgreSQL 16" */
  detailExample: string
}

export const GROUP_LABELS: Record<ComponentGroup, string> = {
  traffic: 'Traffic',
  compute: 'Compute',
  data: 'Data',
  async: 'Async',
  operations: 'Operations',
}

/** Palette order of the groups: the request path first, then what supports it. */
export const GROUP_ORDER: readonly ComponentGroup[] = ComponentGroup.options

const CARD = { w: 248, h: 112 } as const
const SMALL_CARD = { w: 220, h: 84 } as const

const SERVING_FIGURES = [
  'replicas',
  'hardware',
  'capacityRpsPerReplica',
  'latencyP50Ms',
  'latencyP99Ms',
  'autoscaleMin',
  'autoscaleMax',
  'availability',
  'costPerReplicaHourUsd',
] as const satisfies readonly FigureName[]

const CATALOGUE_ENTRIES: readonly CatalogueEntry[] = [
  {
    kind: 'client',
    label: 'Client',
    group: 'traffic',
    icon: 'MonitorSmartphone',
    shapeType: 'component',
    defaultSize: SMALL_CARD,
    figures: [],
    defaultFigures: {},
    keywords: ['user', 'app', 'browser', 'mobile', 'caller', 'frontend'],
    description: 'Whoever sends the requests: apps, browsers, other services.',
    detailExample: 'e.g. web shop and mobile app',
  },
  {
    kind: 'cdn',
    label: 'CDN',
    group: 'traffic',
    icon: 'Globe',
    shapeType: 'component',
    defaultSize: CARD,
    figures: ['cacheHitRate', 'latencyP50Ms', 'latencyP99Ms', 'availability'],
    defaultFigures: { cacheHitRate: 0.8, latencyP99Ms: 40 },
    keywords: ['edge', 'cloudfront', 'cloudflare', 'fastly', 'static', 'cache'],
    description: 'Edge cache close to users for static or cacheable responses.',
    detailExample: 'e.g. CloudFront',
  },
  {
    kind: 'api-gateway',
    label: 'API gateway',
    group: 'traffic',
    icon: 'Router',
    shapeType: 'component',
    defaultSize: CARD,
    figures: [
      'replicas',
      'capacityRpsPerReplica',
      'latencyP50Ms',
      'latencyP99Ms',
      'autoscaleMin',
      'autoscaleMax',
      'availability',
      'costPerReplicaHourUsd',
    ],
    defaultFigures: { replicas: 2, capacityRpsPerReplica: 2000, latencyP99Ms: 10 },
    keywords: ['gateway', 'auth', 'rate limit', 'kong', 'envoy', 'apigee', 'ingress'],
    description: 'Single entry point: authentication, rate limiting, routing.',
    detailExample: 'e.g. Kong on Kubernetes',
  },
  {
    kind: 'load-balancer',
    label: 'Load balancer',
    group: 'traffic',
    icon: 'Split',
    shapeType: 'component',
    defaultSize: CARD,
    figures: ['replicas', 'capacityRpsPerReplica', 'latencyP99Ms', 'availability', 'costPerReplicaHourUsd'],
    defaultFigures: { capacityRpsPerReplica: 10000, availability: 0.9999 },
    keywords: ['lb', 'alb', 'nlb', 'nginx', 'haproxy', 'balancer', 'traffic split'],
    description: 'Spreads requests across replicas and drops unhealthy ones.',
    detailExample: 'e.g. AWS ALB',
  },
  {
    kind: 'model-server-cpu',
    label: 'CPU model server',
    group: 'compute',
    icon: 'Cpu',
    shapeType: 'component',
    defaultSize: CARD,
    figures: SERVING_FIGURES,
    defaultFigures: {
      replicas: 2,
      hardware: '8 vCPU',
      capacityRpsPerReplica: 50,
      latencyP99Ms: 120,
      costPerReplicaHourUsd: 0.4,
    },
    keywords: ['inference', 'model', 'serving', 'predict', 'sklearn', 'xgboost', 'onnx', 'flask', 'fastapi'],
    description: 'Model inference on CPU instances.',
    detailExample: 'e.g. FastAPI + ONNX Runtime',
  },
  {
    kind: 'model-server-gpu',
    label: 'GPU model server',
    group: 'compute',
    icon: 'Microchip',
    shapeType: 'component',
    defaultSize: CARD,
    figures: SERVING_FIGURES,
    defaultFigures: {
      replicas: 2,
      hardware: 'A10G',
      capacityRpsPerReplica: 120,
      latencyP99Ms: 80,
      costPerReplicaHourUsd: 1.0,
    },
    keywords: [
      'inference',
      'model',
      'serving',
      'gpu',
      'triton',
      'vllm',
      'torchserve',
      'a100',
      'h100',
      'batching',
    ],
    description: 'Model inference on GPU instances, usually with request batching.',
    detailExample: 'e.g. Triton on EKS',
  },
  {
    kind: 'autoscaler',
    label: 'Autoscaler',
    group: 'operations',
    icon: 'Scaling',
    shapeType: 'component',
    defaultSize: SMALL_CARD,
    figures: ['autoscaleMin', 'autoscaleMax'],
    defaultFigures: { autoscaleMin: 2, autoscaleMax: 10 },
    keywords: ['hpa', 'keda', 'scaling', 'horizontal', 'elastic', 'scale out'],
    description: 'Adds and removes replicas from load or queue depth.',
    detailExample: 'e.g. KEDA on queue depth',
  },
  {
    kind: 'online-feature-store',
    label: 'Online feature store',
    group: 'data',
    icon: 'TableProperties',
    shapeType: 'component',
    defaultSize: CARD,
    figures: [
      'replicas',
      'hardware',
      'capacityRpsPerReplica',
      'latencyP50Ms',
      'latencyP99Ms',
      'storageGb',
      'availability',
      'costPerReplicaHourUsd',
    ],
    defaultFigures: { replicas: 3, capacityRpsPerReplica: 5000, latencyP99Ms: 10, storageGb: 50 },
    keywords: ['features', 'feast', 'tecton', 'redis', 'dynamodb', 'low latency', 'lookup'],
    description: 'Low-latency lookup of precomputed features at request time.',
    detailExample: 'e.g. Feast on Redis',
  },
  {
    kind: 'offline-feature-store',
    label: 'Offline feature store',
    group: 'data',
    icon: 'Warehouse',
    shapeType: 'component',
    defaultSize: CARD,
    figures: ['storageGb', 'availability', 'costPerReplicaHourUsd'],
    defaultFigures: { storageGb: 2000 },
    keywords: ['features', 'warehouse', 'training data', 'bigquery', 'snowflake', 'parquet', 'lake'],
    description: 'Historical features for training and batch scoring.',
    detailExample: 'e.g. BigQuery tables',
  },
  {
    kind: 'cache',
    label: 'Cache',
    group: 'data',
    icon: 'MemoryStick',
    shapeType: 'component',
    defaultSize: CARD,
    figures: [
      'replicas',
      'hardware',
      'capacityRpsPerReplica',
      'cacheHitRate',
      'latencyP50Ms',
      'latencyP99Ms',
      'storageGb',
      'availability',
      'costPerReplicaHourUsd',
    ],
    defaultFigures: { replicas: 2, cacheHitRate: 0.6, latencyP99Ms: 2, storageGb: 16 },
    keywords: ['redis', 'memcached', 'prediction cache', 'in-memory', 'ttl'],
    description: 'In-memory store for repeated predictions or lookups.',
    detailExample: 'e.g. Redis, 10 min TTL',
  },
  {
    kind: 'message-queue',
    label: 'Message queue',
    group: 'async',
    icon: 'ListEnd',
    shapeType: 'component',
    defaultSize: CARD,
    figures: [
      'replicas',
      'capacityRpsPerReplica',
      'latencyP99Ms',
      'storageGb',
      'availability',
      'costPerReplicaHourUsd',
    ],
    defaultFigures: { replicas: 3, capacityRpsPerReplica: 10000 },
    keywords: ['kafka', 'sqs', 'pubsub', 'rabbitmq', 'kinesis', 'broker', 'topic', 'events'],
    description: 'Buffers work between producers and consumers.',
    detailExample: 'e.g. Kafka, 12 partitions',
  },
  {
    kind: 'stream-processor',
    label: 'Stream processor',
    group: 'async',
    icon: 'Waves',
    shapeType: 'component',
    defaultSize: CARD,
    figures: [
      'replicas',
      'capacityRpsPerReplica',
      'latencyP99Ms',
      'autoscaleMin',
      'autoscaleMax',
      'costPerReplicaHourUsd',
    ],
    defaultFigures: { replicas: 2, capacityRpsPerReplica: 5000 },
    keywords: ['flink', 'spark streaming', 'kafka streams', 'beam', 'real-time features', 'consumer'],
    description: 'Computes features or aggregates from event streams as they arrive.',
    detailExample: 'e.g. Flink',
  },
  {
    kind: 'batch-job',
    label: 'Batch job',
    group: 'async',
    icon: 'CalendarClock',
    shapeType: 'component',
    defaultSize: CARD,
    figures: ['replicas', 'hardware', 'costPerReplicaHourUsd'],
    defaultFigures: { replicas: 4 },
    keywords: ['spark', 'airflow', 'cron', 'training', 'batch scoring', 'precompute', 'etl', 'pipeline'],
    description: 'Scheduled work: training, batch predictions, feature backfills.',
    detailExample: 'e.g. nightly Spark on Airflow',
  },
  {
    kind: 'model-registry',
    label: 'Model registry',
    group: 'data',
    icon: 'Boxes',
    shapeType: 'component',
    defaultSize: SMALL_CARD,
    figures: ['storageGb', 'availability'],
    defaultFigures: {},
    keywords: ['mlflow', 'artifacts', 'versions', 'rollout', 'sagemaker', 'vertex', 'models'],
    description: 'Versioned model artifacts and their metadata for rollouts and rollbacks.',
    detailExample: 'e.g. MLflow',
  },
  {
    kind: 'database',
    label: 'Database',
    group: 'data',
    icon: 'Database',
    shapeType: 'component',
    defaultSize: CARD,
    figures: [
      'replicas',
      'hardware',
      'capacityRpsPerReplica',
      'latencyP50Ms',
      'latencyP99Ms',
      'storageGb',
      'availability',
      'costPerReplicaHourUsd',
    ],
    defaultFigures: { replicas: 2, capacityRpsPerReplica: 2000, latencyP99Ms: 20, storageGb: 200 },
    keywords: ['postgres', 'mysql', 'sql', 'rds', 'cassandra', 'dynamodb', 'oltp', 'replica'],
    description: 'Transactional store for application data.',
    detailExample: 'e.g. PostgreSQL',
  },
  {
    kind: 'object-storage',
    label: 'Object storage',
    group: 'data',
    icon: 'Archive',
    shapeType: 'component',
    defaultSize: SMALL_CARD,
    figures: ['latencyP99Ms', 'storageGb', 'availability'],
    defaultFigures: { storageGb: 1000 },
    keywords: ['s3', 'gcs', 'blob', 'bucket', 'minio', 'artifacts', 'files'],
    description: 'Durable blob storage for artifacts, logs and datasets.',
    detailExample: 'e.g. S3',
  },
  {
    kind: 'vector-database',
    label: 'Vector database',
    group: 'data',
    icon: 'DatabaseZap',
    shapeType: 'component',
    defaultSize: CARD,
    figures: [
      'replicas',
      'capacityRpsPerReplica',
      'latencyP50Ms',
      'latencyP99Ms',
      'storageGb',
      'availability',
      'costPerReplicaHourUsd',
    ],
    defaultFigures: { replicas: 2, capacityRpsPerReplica: 500, latencyP99Ms: 30 },
    keywords: [
      'embeddings',
      'ann',
      'similarity',
      'faiss',
      'milvus',
      'pinecone',
      'qdrant',
      'retrieval',
      'candidates',
    ],
    description: 'Nearest-neighbour search over embeddings, e.g. candidate retrieval.',
    detailExample: 'e.g. Qdrant',
  },
  {
    kind: 'monitoring',
    label: 'Monitoring',
    group: 'operations',
    icon: 'Activity',
    shapeType: 'component',
    defaultSize: SMALL_CARD,
    figures: [],
    defaultFigures: {},
    keywords: ['metrics', 'prometheus', 'grafana', 'alerts', 'slo', 'drift', 'dashboards'],
    description: 'Metrics, SLO alerts, and model quality or drift checks.',
    detailExample: 'e.g. Prometheus + Grafana',
  },
  {
    kind: 'logging-tracing',
    label: 'Logging & tracing',
    group: 'operations',
    icon: 'ScrollText',
    shapeType: 'component',
    defaultSize: SMALL_CARD,
    figures: ['storageGb'],
    defaultFigures: {},
    keywords: ['logs', 'traces', 'opentelemetry', 'jaeger', 'elk', 'loki', 'observability'],
    description: 'Request logs and distributed traces, also feedback for retraining.',
    detailExample: 'e.g. OpenTelemetry to Loki',
  },
  {
    kind: 'fallback-rules',
    label: 'Fallback rules',
    group: 'compute',
    icon: 'LifeBuoy',
    shapeType: 'component',
    defaultSize: CARD,
    figures: ['replicas', 'capacityRpsPerReplica', 'latencyP99Ms'],
    defaultFigures: { latencyP99Ms: 5 },
    keywords: [
      'fallback',
      'heuristics',
      'popular items',
      'default',
      'degraded',
      'circuit breaker',
      'failover',
    ],
    description: 'Cheap answers (e.g. popular items) when the model is slow or down.',
    detailExample: 'e.g. top sellers per country',
  },
  {
    kind: 'region-boundary',
    label: 'Region / zone',
    group: 'operations',
    icon: 'SquareDashed',
    shapeType: 'region',
    defaultSize: { w: 560, h: 360 },
    figures: [],
    defaultFigures: {},
    keywords: [
      'region',
      'zone',
      'az',
      'availability zone',
      'vpc',
      'data centre',
      'datacenter',
      'boundary',
      'multi-region',
    ],
    description: 'A region, zone or network boundary; components dropped inside move with it.',
    detailExample: 'e.g. eu-west-1, 3 zones',
  },
]

/** Every ComponentKind's entry, keyed by kind. */
export const COMPONENT_CATALOGUE = Object.fromEntries(
  CATALOGUE_ENTRIES.map((entry) => [entry.kind, entry]),
) as Record<ComponentKind, CatalogueEntry>

/** All entries, grouped in palette order. */
export const CATALOGUE_BY_GROUP: readonly {
  group: ComponentGroup
  label: string
  entries: CatalogueEntry[]
}[] = GROUP_ORDER.map((group) => ({
  group,
  label: GROUP_LABELS[group],
  entries: ComponentKind.options.map((kind) => COMPONENT_CATALOGUE[kind]).filter((e) => e.group === group),
}))

export function getCatalogueEntry(kind: ComponentKind): CatalogueEntry {
  return COMPONENT_CATALOGUE[kind]
}

/**
 * What an empty figure input shows for this kind: the kind's own starting value as a hint
 * ("e.g. 2"), or nothing when the kind has none. Never another kind's figure (a cache is not an A10G).
 */
export function figurePlaceholder(kind: ComponentKind, name: FigureName): string {
  const value = COMPONENT_CATALOGUE[kind].defaultFigures[name]
  return value === undefined ? '' : `e.g. ${value}`
}
