/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes and threads. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now()
}

export interface LatencySummary {
  count: number
  p50: number
  p99: number
  max: number
}

/** Nearest-rank percentiles over every sample (no histogram: a 30 s run holds a few 100k numbers). */
export function summarize(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort()
  const at = (q: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.ceil(q * sorted.length) - 1])
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) }
}
