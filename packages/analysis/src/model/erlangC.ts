/*
 * M/M/c queueing: Poisson arrivals at rate λ, c servers (replicas), each serving μ requests per
 * second with exponential service times. Erlang C is the probability that a request has to wait.
 */

/**
 * Erlang C: the probability an arrival waits, for c servers offered a = λ/μ erlangs. Computed
 * through the Erlang B recursion B(k) = a·B(k−1) / (k + a·B(k−1)), which never forms a^c or c!
 * and so stays exact for hundreds of replicas; then C = c·B / (c − a·(1 − B)). 1 when a ≥ c
 * (every request waits, the queue grows without bound).
 */
export function erlangC(servers: number, offeredErlangs: number): number {
  if (!(servers >= 1) || !Number.isInteger(servers))
    throw new RangeError(`servers must be an integer ≥ 1, got ${servers}`)
  if (!(offeredErlangs >= 0)) throw new RangeError(`offered load must be ≥ 0, got ${offeredErlangs}`)
  if (offeredErlangs === 0) return 0
  if (offeredErlangs >= servers) return 1
  let blocking = 1
  for (let k = 1; k <= servers; k++) blocking = (offeredErlangs * blocking) / (k + offeredErlangs * blocking)
  return (servers * blocking) / (servers - offeredErlangs * (1 - blocking))
}

export interface QueueWait {
  /** Erlang C */
  probabilityOfWaiting: number
  /** mean wait in the queue, seconds: C / (cμ − λ) */
  meanSeconds: number
  /**
   * 99th percentile of the wait, seconds. The wait is 0 with probability 1 − C and exponential
   * with rate cμ − λ otherwise, so P(W > t) = C·e^(−(cμ−λ)t) and t99 = ln(C / 0.01) / (cμ − λ),
   * 0 when C ≤ 1 %.
   */
  p99Seconds: number
}

/** The queueing wait of an M/M/c queue below saturation; undefined at λ ≥ cμ (no steady state). */
export function mmcWait(arrivalRps: number, servers: number, serviceRps: number): QueueWait | undefined {
  if (!(serviceRps > 0) || arrivalRps >= servers * serviceRps) return undefined
  const probabilityOfWaiting = erlangC(servers, arrivalRps / serviceRps)
  const drain = servers * serviceRps - arrivalRps
  return {
    probabilityOfWaiting,
    meanSeconds: probabilityOfWaiting / drain,
    p99Seconds: probabilityOfWaiting > 0.01 ? Math.log(probabilityOfWaiting / 0.01) / drain : 0,
  }
}
