import { randomBytes } from 'node:crypto'
import type { RoomBus } from '@scaleboard/sync-room'
import type { TicketStore } from '../sync/tickets.ts'
import { MAX_SENDER_BYTES } from './busMessage.ts'
import type { ClusterChannel } from './clusterChannel.ts'
import { createRedisBus } from './redisBus.ts'
import { createRedisChannel } from './redisChannel.ts'
import {
  closeConnection,
  describeRedisUrl,
  openConnection,
  startHeartbeat,
  watchConnection,
} from './redisConnection.ts'
import { docIdOfRoomChannel, EVENTS_CHANNEL } from './redisKeys.ts'
import { createRedisTicketStore } from './redisTickets.ts'

export type RedisClusterStatus = 'ready' | 'down'

export interface RedisClusterOptions {
  /** redis:// or rediss:// URL; never logged as given (it may carry a password). */
  url: string
  /** This instance's name (INSTANCE_ID): in Redis client names and as the checkpoint lease holder. */
  instanceId: string
  /** Seconds between an instance publishing a room message and this one receiving it (per message). */
  onBusLag?(seconds: number): void
  onError?(error: unknown, context: string): void
  /** Called on each change: 'down' while either connection is lost, 'ready' once both work again. */
  onStatus?(status: RedisClusterStatus): void
  /** How long a WebSocket ticket stays valid (default 30 s, as the in-memory store). */
  ticketTtlMs?: number
  /** How long a checkpoint lease lasts unless extended (default 60 s). */
  checkpointLeaseTtlMs?: number
  /** How long the start waits for Redis (default 10 s): a wrong REDIS_URL fails the start. */
  connectTimeoutMs?: number
  /** A command without an answer within this fails (default 5 s). */
  commandTimeoutMs?: number
  /** Both connections are PINGed this often, so a silently dead one is noticed (default 5 s). */
  heartbeatMs?: number
  /** Gap reports within this long make one resync per room (default 50 ms). */
  resyncDebounceMs?: number
}

export interface RedisCluster {
  bus: RoomBus
  channel: ClusterChannel
  tickets: TicketStore
  /** Resolves when Redis answers PING now on both connections; rejects otherwise (for /healthz). */
  ping(): Promise<void>
  readonly status: RedisClusterStatus
  close(): Promise<void>
}

/**
 * Everything several instances share through Redis: the room bus, the session event channel and
 * the WebSocket tickets, over one publisher and one subscriber connection. Resolves once both
 * connections work and the event channel is subscribed; rejects if that takes longer than
 * `connectTimeoutMs`. After that, Redis outages are survived: rooms keep serving their own
 * clients, `status` is 'down', and when Redis is back every room is told to resync.
 */
export async function createRedisCluster(options: RedisClusterOptions): Promise<RedisCluster> {
  const { url, instanceId, onBusLag = () => {}, onStatus = () => {} } = options
  const onError = options.onError ?? (() => {})
  const commandTimeoutMs = options.commandTimeoutMs ?? 5_000
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000
  // Unique per process even if two instances were given the same INSTANCE_ID by mistake: each
  // drops its own messages by this id, so a shared one would silently drop the other's.
  const nodeId = `${instanceId}/${randomBytes(6).toString('hex')}`
  if (instanceId.length === 0 || Buffer.byteLength(nodeId) > MAX_SENDER_BYTES)
    throw new Error('instanceId must be 1 to 200 characters')

  const clientName = instanceId.replace(/[^A-Za-z0-9._-]/g, '_')
  const publisher = openConnection({ url, name: `scaleboard:${clientName}:publisher`, commandTimeoutMs })
  const subscriber = openConnection({ url, name: `scaleboard:${clientName}:subscriber`, commandTimeoutMs })

  let started = false
  let closing = false
  let publisherUp = false
  /** The subscriber is connected and Redis confirmed its subscriptions. */
  let subscriptionsUp = false
  /** The subscriber was lost: rooms resync once both connections work again. */
  let resyncOwed = false
  let status: RedisClusterStatus = 'down'
  let lastError: unknown = null
  let becameReady = () => {}
  const firstReady = new Promise<void>((resolve) => {
    becameReady = resolve
  })

  const redisUp = () => status === 'ready'
  const connectionError = (role: string) => (error: Error) => {
    lastError = error
    // Before the start resolves, the rejection carries the error instead.
    if (started && !closing) onError(error, `Redis ${role} connection`)
  }

  const bus = createRedisBus({
    publisher,
    subscriber,
    nodeId,
    leaseTtlMs: options.checkpointLeaseTtlMs ?? 60_000,
    resyncDebounceMs: options.resyncDebounceMs ?? 50,
    redisUp,
    onBusLag,
    onError,
  })
  const channel = createRedisChannel({ publisher, nodeId, redisUp, onError })
  const tickets = createRedisTicketStore({
    redis: publisher,
    ttlMs: options.ticketTtlMs ?? 30_000,
    redisUp,
    onError,
  })

  function updateStatus() {
    const next: RedisClusterStatus = publisherUp && subscriptionsUp ? 'ready' : 'down'
    if (next === status) return
    status = next
    if (next === 'ready') becameReady()
    if (started && !closing) onStatus(next)
    // Resync only when a room's sync request can go out and its answers can come in.
    if (next === 'ready' && resyncOwed) {
      resyncOwed = false
      bus.resyncAll()
    }
  }

  /** Subscribes to everything wanted now: at the start, and after each reconnect (ioredis' own re-subscribing is off). */
  async function subscribeAll() {
    const channels = [EVENTS_CHANNEL, ...bus.channels()]
    try {
      await subscriber.subscribe(...channels)
    } catch (error) {
      lastError = error
      if (closing) return
      if (started) onError(error, 'subscribing to the Redis channels again')
      // Still connected but refused: reconnect, which subscribes again.
      if (subscriber.status === 'ready') subscriber.disconnect(true)
      return
    }
    subscriptionsUp = true
    bus.subscriptionsRestored(channels)
    updateStatus()
  }

  watchConnection(publisher, {
    onReady(afterLoss) {
      publisherUp = true
      if (afterLoss) bus.publisherRestored()
      updateStatus()
    },
    onLost() {
      publisherUp = false
      updateStatus()
    },
    onError: connectionError('publisher'),
  })
  watchConnection(subscriber, {
    onReady() {
      void subscribeAll()
    },
    onLost() {
      subscriptionsUp = false
      resyncOwed = true
      bus.subscriptionsLost()
      updateStatus()
    },
    onError: connectionError('subscriber'),
  })
  const stopHeartbeat = startHeartbeat([publisher, subscriber], options.heartbeatMs ?? 5_000)
  subscriber.on('messageBuffer', (channelName: Buffer, message: Buffer) => {
    const name = channelName.toString('utf8')
    if (name === EVENTS_CHANNEL) return channel.receive(message)
    const docId = docIdOfRoomChannel(name)
    if (docId !== null) bus.receive(docId, message)
  })

  async function close() {
    if (closing) return
    closing = true
    stopHeartbeat()
    await bus.close()
    await Promise.all([closeConnection(publisher), closeConnection(subscriber)])
    publisherUp = false
    subscriptionsUp = false
    status = 'down'
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = lastError instanceof Error ? ` (${lastError.message})` : ''
      reject(
        new Error(`Redis at ${describeRedisUrl(url)} did not answer within ${connectTimeoutMs} ms${reason}`),
      )
    }, connectTimeoutMs)
  })
  try {
    await Promise.race([firstReady, timedOut])
  } catch (error) {
    await close()
    throw error
  } finally {
    clearTimeout(timer)
  }
  started = true

  return {
    bus,
    channel,
    tickets,
    async ping() {
      if (closing) throw new Error('the Redis cluster is closed')
      await Promise.all([publisher.ping(), subscriber.ping()])
    },
    get status() {
      return status
    },
    close,
  }
}
