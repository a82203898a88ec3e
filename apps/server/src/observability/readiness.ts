/**
 * Whether this instance should be sent new traffic: not before it serves, not once it drains.
 * /readyz reads it (with a database check); the server's start and SIGTERM paths set it.
 */
export interface Readiness {
  /** Serving: called once the server listens and its WebSocket handler is attached. */
  markReady(): void
  /** Shutdown has begun: /readyz answers 503 from now on, so balancers stop routing here. */
  draining(): void
  /** false before `markReady`, and for good after `draining`. */
  readonly ready: boolean
  /** 'starting' | 'ready' | 'draining': what /readyz says when it is not ready. */
  readonly state: ReadinessState
}

export type ReadinessState = 'starting' | 'ready' | 'draining'

export function createReadiness({ ready = false }: { ready?: boolean } = {}): Readiness {
  let state: ReadinessState = ready ? 'ready' : 'starting'
  return {
    markReady() {
      // A drain is final: a late "ready" from a slow start must not undo it.
      if (state === 'starting') state = 'ready'
    },
    draining() {
      state = 'draining'
    },
    get ready() {
      return state === 'ready'
    },
    get state() {
      return state
    },
  }
}
