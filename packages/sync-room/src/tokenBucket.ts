/**
 * A token bucket: `rate` tokens a second up to `burst`. Cheap enough to keep one per connection
 * and kind of traffic; time is passed in so tests need no clock.
 */
export interface TokenBucket {
  /** Takes `amount` tokens if there are that many; false leaves the bucket as it was. */
  take(amount: number, now: number): boolean
}

export interface TokenBucketRate {
  /** tokens added per second */
  perSecond: number
  /** most tokens held at once: the burst allowed after a quiet spell */
  burst: number
}

export function createTokenBucket({ perSecond, burst }: TokenBucketRate, now: number): TokenBucket {
  let tokens = burst
  let last = now
  return {
    take(amount, at) {
      tokens = Math.min(burst, tokens + ((at - last) / 1000) * perSecond)
      last = at
      if (amount > tokens) return false
      tokens -= amount
      return true
    },
  }
}
