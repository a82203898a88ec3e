import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scaleoutSkipReason } from '../../../../test/services/postgres.ts'
import { type RedisService, startRedis } from '../../../../test/services/redis.ts'
import type { ClusterEvent } from './clusterChannel.ts'
import { type Reports, rawClient, startInstance, waitFor } from './clusterTesting.ts'
import type { RedisCluster } from './redisCluster.ts'
import { EVENTS_CHANNEL } from './redisKeys.ts'

describe.skipIf(scaleoutSkipReason() !== null)('the cluster event channel over Redis', () => {
  let redis: RedisService
  let raw: Redis
  let a: { cluster: RedisCluster; reports: Reports }
  let b: { cluster: RedisCluster; reports: Reports }

  beforeAll(async () => {
    redis = await startRedis()
    raw = rawClient(redis.url)
    a = await startInstance(redis.url, 'instance-a')
    b = await startInstance(redis.url, 'instance-b')
  })
  afterAll(async () => {
    await a?.cluster.close()
    await b?.cluster.close()
    raw?.disconnect()
    await redis?.stop()
  })

  it('carries events to the other instances, never back to the sender', async () => {
    const onA: ClusterEvent[] = []
    const onB: ClusterEvent[] = []
    a.cluster.channel.subscribe((event) => onA.push(event))
    const unsubscribeB = b.cluster.channel.subscribe((event) => onB.push(event))

    const deleted: ClusterEvent = { type: 'session-deleted', sessionId: 'session-1' }
    a.cluster.channel.publish(deleted)
    await waitFor(() => onB.length === 1, 'the event on B')
    expect(onB).toEqual([deleted])

    const disconnect: ClusterEvent = {
      type: 'disconnect',
      sessionId: 'session-1',
      role: null,
      code: 4001,
      reason: 'gone',
    }
    b.cluster.channel.publish(disconnect)
    await waitFor(() => onA.length === 1, 'the event on A')
    expect(onA).toEqual([disconnect])
    expect(onB).toEqual([deleted])

    unsubscribeB()
    a.cluster.channel.publish({ type: 'session-deleted', sessionId: 'session-2' })
    await a.cluster.ping()
    b.cluster.channel.publish({ type: 'session-deleted', sessionId: 'session-3' })
    await waitFor(() => onA.length === 2, 'the second event on A')
    expect(onB).toEqual([deleted])
  })

  it('drops and reports what is not a valid event', async () => {
    const onA: ClusterEvent[] = []
    a.cluster.channel.subscribe((event) => onA.push(event))
    await raw.publish(EVENTS_CHANNEL, 'not json')
    await raw.publish(
      EVENTS_CHANNEL,
      JSON.stringify({ from: 'someone', event: { type: 'reboot-everything' } }),
    )
    await raw.publish(EVENTS_CHANNEL, JSON.stringify({ event: { type: 'session-deleted', sessionId: 's' } }))
    const valid: ClusterEvent = { type: 'session-deleted', sessionId: 'session-9' }
    await raw.publish(EVENTS_CHANNEL, JSON.stringify({ from: 'someone', event: valid }))
    await waitFor(() => onA.length === 1, 'the valid event')
    expect(onA).toEqual([valid])
    const dropped = a.reports.errors.filter(
      (e) => e.context === 'dropping a message on the cluster event channel',
    )
    expect(dropped).toHaveLength(3)
  })
})
