/**
 * Token buckets by key (a client address, a token hash…): each key may spend `burst` at once and
 * gets `perSecond` back. Used for /api (rateLimit.ts) and reusable for WebSocket upgrade attempts:
 * `if (!limiter.take(ip)) refuse(429)`.
 */
export interface RateLimiterOptions {
  /** tokens given back per second */
  perSecond: number
  /** most tokens a key holds: the burst allowed after a quiet spell */
  burst: number
  /**
   * Most keys remembered; beyond it the least recently used one is forgotten (it starts full
   * again). Bounds memory when a flood comes from many addresses.
   */
  maxKeys?: number
  /** injectable clock for tests, epoch milliseconds */
  now?: () => number
}

interface Bucket {
  tokens: number
  at: number
}

export class RateLimiter {
  readonly #perSecond: number
  readonly #burst: number
  readonly #maxKeys: number
  readonly #now: () => number
  readonly #buckets = new Map<string, Bucket>()

  constructor({ perSecond, burst, maxKeys = 10_000, now = Date.now }: RateLimiterOptions) {
    if (!(perSecond > 0) || !(burst >= 1))
      throw new RangeError('RateLimiter needs perSecond > 0 and burst >= 1')
    this.#perSecond = perSecond
    this.#burst = burst
    this.#maxKeys = maxKeys
    this.#now = now
  }

  /** Spends `cost` of `key`'s tokens if it has that many; false (spending nothing) otherwise. */
  take(key: string, cost = 1): boolean {
    const bucket = this.#refill(key)
    if (bucket.tokens < cost) return false
    bucket.tokens -= cost
    return true
  }

  /** Whether `key` could spend `cost` now, spending nothing. */
  has(key: string, cost = 1): boolean {
    return this.#refill(key).tokens >= cost
  }

  /** Whole seconds until `key` can spend `cost` again (0 if it can now): a `Retry-After` value. */
  retryAfterSeconds(key: string, cost = 1): number {
    const missing = cost - this.#refill(key).tokens
    return missing <= 0 ? 0 : Math.ceil(missing / this.#perSecond)
  }

  /** Keys currently remembered (for tests and metrics). */
  get size(): number {
    return this.#buckets.size
  }

  #refill(key: string): Bucket {
    const now = this.#now()
    let bucket = this.#buckets.get(key)
    if (bucket) {
      bucket.tokens = Math.min(this.#burst, bucket.tokens + ((now - bucket.at) / 1000) * this.#perSecond)
      bucket.at = now
      // Map order is insertion order: re-inserting keeps the least recently used key first.
      this.#buckets.delete(key)
    } else {
      bucket = { tokens: this.#burst, at: now }
      if (this.#buckets.size >= this.#maxKeys) {
        const oldest = this.#buckets.keys().next().value
        if (oldest !== undefined) this.#buckets.delete(oldest)
      }
    }
    this.#buckets.set(key, bucket)
    return bucket
  }
}

/** A limit given as requests per minute with a burst of one minute's worth. */
export function perMinute(requests: number, options: Omit<RateLimiterOptions, 'perSecond' | 'burst'> = {}) {
  return new RateLimiter({ perSecond: requests / 60, burst: requests, ...options })
}
