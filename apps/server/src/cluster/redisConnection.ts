import { Redis } from 'ioredis'

export interface ConnectionOptions {
  url: string
  /** CLIENT SETNAME, so `CLIENT LIST` on the Redis side tells instances and roles apart. */
  name: string
  /** A command that gets no answer within this fails (a hung Redis must not hang a checkpoint or /healthz). */
  commandTimeoutMs: number
}

/**
 * One ioredis connection, set up for a bus that must never wait for Redis: while Redis is down,
 * commands fail at once (the bus drops the message, the ticket store falls back to memory)
 * instead of piling up in an offline queue that would later replay stale traffic.
 */
export function openConnection({ url, name, commandTimeoutMs }: ConnectionOptions): Redis {
  return new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    // Commands in flight when the connection drops fail at once instead of being resent later.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // The cluster re-subscribes itself, so it knows when the subscriptions are back and can
    // tell the rooms to resync only then.
    autoResubscribe: false,
    commandTimeout: commandTimeoutMs,
    // Reconnect soon: while Redis is away, instances only serve their own clients.
    retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
  })
}

export interface ConnectionHooks {
  /** The connection is usable; `afterLoss` when it had been ready before (messages may have been lost since). */
  onReady(afterLoss: boolean): void
  /** A ready connection went away; ioredis reconnects by itself. */
  onLost(): void
  /** The first error of each outage (ioredis repeats the same one on every retry). */
  onError(error: Error): void
}

export interface ConnectionWatch {
  readonly up: boolean
  /** Resolves on the first `ready`, rejects after `timeoutMs` with the last error seen. */
  firstReady(timeoutMs: number): Promise<void>
}

export function watchConnection(redis: Redis, hooks: ConnectionHooks): ConnectionWatch {
  let up = redis.status === 'ready'
  let everReady = up
  let errorReported = false
  let lastError: Error | null = null

  redis.on('ready', () => {
    const afterLoss = everReady
    up = true
    everReady = true
    errorReported = false
    hooks.onReady(afterLoss)
  })
  const lost = () => {
    if (!up) return
    up = false
    hooks.onLost()
  }
  redis.on('close', lost)
  redis.on('end', lost)
  // Without a listener ioredis would print every reconnect failure itself.
  redis.on('error', (error: Error) => {
    lastError = error
    if (errorReported) return
    errorReported = true
    hooks.onError(error)
  })

  return {
    get up() {
      return up
    },
    firstReady(timeoutMs) {
      if (up) return Promise.resolve()
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          redis.off('ready', ready)
          const reason = lastError ? `: ${lastError.message}` : ''
          reject(new Error(`Redis did not answer within ${timeoutMs} ms${reason}`))
        }, timeoutMs)
        const ready = () => {
          clearTimeout(timer)
          resolve()
        }
        redis.once('ready', ready)
      })
    },
  }
}

/**
 * PINGs each ready connection every `intervalMs` and reconnects one whose PING fails (it times out
 * after the command timeout). A connection whose peer vanished without closing it (a network
 * partition, a frozen Redis) would otherwise look fine for minutes, until TCP keep-alive gives up,
 * and a subscriber in that state silently receives nothing. Returns the stop function.
 */
export function startHeartbeat(connections: readonly Redis[], intervalMs: number): () => void {
  const timer = setInterval(() => {
    for (const redis of connections) {
      if (redis.status !== 'ready') continue
      redis.ping().catch(() => {
        if (redis.status === 'ready') redis.disconnect(true)
      })
    }
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}

/** Where a Redis URL points, without its credentials: for error messages and logs. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}`
  } catch {
    return 'an unparsable Redis URL'
  }
}

/** Closes a connection: politely when it is up, at once otherwise (QUIT cannot queue). */
export async function closeConnection(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    try {
      await redis.quit()
      return
    } catch {
      // fall through: the connection is going away anyway
    }
  }
  redis.disconnect()
}
