import type { Redis } from 'ioredis'
import { z } from 'zod'
import { type ClusterChannel, ClusterEvent } from './clusterChannel.ts'
import { EVENTS_CHANNEL } from './redisKeys.ts'

/** What goes over EVENTS_CHANNEL: the event and who sent it (Redis sends a publisher its own messages too). */
const Envelope = z.object({ from: z.string().min(1).max(300), event: ClusterEvent })

export interface RedisChannelOptions {
  publisher: Redis
  /** This process's id on the bus: events carrying it are our own and dropped. */
  nodeId: string
  /** Whether Redis is up: failures while it is down are expected (the status says so), not reported. */
  redisUp(): boolean
  onError(error: unknown, context: string): void
}

/** The Redis side of the ClusterChannel; the cluster subscribes to EVENTS_CHANNEL and feeds `receive`. */
export interface RedisChannel extends ClusterChannel {
  receive(message: Buffer): void
}

export function createRedisChannel({
  publisher,
  nodeId,
  redisUp,
  onError,
}: RedisChannelOptions): RedisChannel {
  const handlers = new Set<(event: ClusterEvent) => void>()
  return {
    publish(event) {
      // At-most-once like the room bus: an event that cannot go out now is dropped, never queued.
      if (publisher.status !== 'ready') return
      publisher
        .publish(EVENTS_CHANNEL, JSON.stringify({ from: nodeId, event }))
        .catch((error: unknown) =>
          redisUp() ? onError(error, `publishing a ${event.type} event`) : undefined,
        )
    },
    subscribe(handler) {
      // A wrapper per call, so subscribing the same function twice unsubscribes each separately.
      const wrapped = (event: ClusterEvent) => handler(event)
      handlers.add(wrapped)
      return () => {
        handlers.delete(wrapped)
      }
    },
    receive(message) {
      let parsed: z.infer<typeof Envelope>
      try {
        const result = Envelope.safeParse(JSON.parse(message.toString('utf8')))
        if (!result.success) throw new Error(`not a cluster event: ${z.prettifyError(result.error)}`)
        parsed = result.data
      } catch (error) {
        onError(error, 'dropping a message on the cluster event channel')
        return
      }
      if (parsed.from === nodeId) return
      for (const handler of [...handlers]) {
        try {
          handler(parsed.event)
        } catch (error) {
          onError(error, `handling a ${parsed.event.type} event`)
        }
      }
    },
  }
}
