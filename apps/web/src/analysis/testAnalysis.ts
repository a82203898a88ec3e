/*
 * Tests only: BoardAnalysis values shaped as @scaleboard/analysis answers them, with defaults a test
 * overrides where its point is.
 */
import type { BoardAnalysis, ComponentAnalysis } from '@scaleboard/analysis'

export function component(shapeId: string, overrides: Partial<ComponentAnalysis> = {}): ComponentAnalysis {
  return {
    shapeId,
    kind: 'model-server-cpu',
    name: shapeId.replace('shape:', ''),
    regionId: null,
    arrivalRps: 200,
    replicas: 4,
    utilisation: 0.5,
    replicasNeeded: 3,
    queueWaitMs: 0.87,
    latencyMs: 20.87,
    p99LatencyMs: 64.28,
    availability: 0.99999999,
    monthlyCostUsd: 1460,
    state: 'ok',
    missingFigures: [],
    ...overrides,
  }
}

export function analysisOf(overrides: Partial<BoardAnalysis> = {}): BoardAnalysis {
  return {
    scope: 'design',
    components: [],
    paths: [],
    totals: {
      peakRps: 1000,
      monthlyCostUsd: 0,
      availability: null,
      maxUtilisation: null,
      p99LatencyMs: null,
    },
    requirements: [],
    findings: [],
    ...overrides,
  }
}
