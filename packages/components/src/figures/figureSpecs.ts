import type { ComponentFigures } from '@scaleboard/schema'

export type FigureName = keyof ComponentFigures

/**
 * How a figure is entered and checked. `integer` and `number` are plain numbers in the unit the
 * figure's name carries; `fraction` is a number in 0..1 (shown as a percentage on the canvas);
 * `text` is free text (hardware names).
 */
export type FigureValueType = 'integer' | 'number' | 'fraction' | 'text'

export interface FigureSpec {
  name: FigureName
  /** form label, e.g. "Capacity per replica" */
  label: string
  /** unit shown beside the input, '' when the value has none */
  unit: string
  valueType: FigureValueType
  min?: number
  max?: number
  maxLength?: number
  /** an example of the format, for error messages ("Enter a number, e.g. 120"); placeholders come from the catalogue */
  example: string
}

/**
 * One spec per ComponentFigures key, in the order forms list them. The limits mirror the zod
 * schema in @scaleboard/schema; a test checks that the two agree value by value.
 */
export const FIGURE_SPECS = {
  replicas: {
    name: 'replicas',
    label: 'Replicas',
    unit: '',
    valueType: 'integer',
    min: 0,
    max: 100_000,
    example: '4',
  },
  hardware: {
    name: 'hardware',
    label: 'Hardware',
    unit: '',
    valueType: 'text',
    maxLength: 120,
    example: 'A10G',
  },
  capacityRpsPerReplica: {
    name: 'capacityRpsPerReplica',
    label: 'Capacity per replica',
    unit: 'rps',
    valueType: 'number',
    min: 0,
    example: '120',
  },
  cacheHitRate: {
    name: 'cacheHitRate',
    label: 'Cache hit rate',
    unit: 'fraction',
    valueType: 'fraction',
    min: 0,
    max: 1,
    example: '0.9',
  },
  latencyP50Ms: {
    name: 'latencyP50Ms',
    label: 'Latency p50',
    unit: 'ms',
    valueType: 'number',
    min: 0,
    example: '30',
  },
  latencyP99Ms: {
    name: 'latencyP99Ms',
    label: 'Latency p99',
    unit: 'ms',
    valueType: 'number',
    min: 0,
    example: '80',
  },
  autoscaleMin: {
    name: 'autoscaleMin',
    label: 'Autoscale min',
    unit: 'replicas',
    valueType: 'integer',
    min: 0,
    example: '2',
  },
  autoscaleMax: {
    name: 'autoscaleMax',
    label: 'Autoscale max',
    unit: 'replicas',
    valueType: 'integer',
    min: 0,
    example: '8',
  },
  storageGb: {
    name: 'storageGb',
    label: 'Storage',
    unit: 'GB',
    valueType: 'number',
    min: 0,
    example: '64',
  },
  availability: {
    name: 'availability',
    label: 'Availability',
    unit: 'fraction',
    valueType: 'fraction',
    min: 0,
    max: 1,
    example: '0.999',
  },
  costPerReplicaHourUsd: {
    name: 'costPerReplicaHourUsd',
    label: 'Cost per replica',
    unit: 'USD/h',
    valueType: 'number',
    min: 0,
    example: '1.0',
  },
} as const satisfies { [K in FigureName]: FigureSpec & { name: K } }

export const FIGURE_NAMES = Object.keys(FIGURE_SPECS) as FigureName[]

export function isFigureName(name: string): name is FigureName {
  return Object.hasOwn(FIGURE_SPECS, name)
}

export function getFigureSpec(name: FigureName): FigureSpec {
  return FIGURE_SPECS[name]
}
