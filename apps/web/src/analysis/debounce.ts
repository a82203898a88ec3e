export interface Debounced {
  /** something changed: run later */
  trigger: () => void
  /** forget a pending run (unmount) */
  cancel: () => void
}

/**
 * Runs `run` once `waitMs` pass without a new trigger, and at the latest `maxWaitMs` after the first
 * trigger of a burst: a quiet board recomputes once per edit, a long drag still every `maxWaitMs`.
 */
export function debounceWithMaxWait(
  run: () => void,
  waitMs: number,
  maxWaitMs: number,
  now: () => number = () => performance.now(),
): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined
  let burstStart: number | null = null
  const fire = () => {
    timer = undefined
    burstStart = null
    run()
  }
  return {
    trigger() {
      const at = now()
      burstStart ??= at
      if (timer !== undefined) clearTimeout(timer)
      timer = setTimeout(fire, Math.max(0, Math.min(waitMs, maxWaitMs - (at - burstStart))))
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      burstStart = null
    },
  }
}
