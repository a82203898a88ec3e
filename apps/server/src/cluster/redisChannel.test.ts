import { describe, expect, it } from 'vitest'
import { scaleoutSkipReason } from '../../../../test/services/postgres.ts'
import type { ClusterEvent } from './clusterChannel.ts'
import { twoInstancesOnRedis, waitFor } from './clusterTesting.ts'
import { EVENTS_CHANNEL } from './redisKeys.ts'

describe.skipIf(scaleoutSkipReason() !== null)('the cluster event channel over Redis', () => {
  const deployment = twoInstancesOnRedis()

  it('carries events to the other instances, never back to the sender', async () => {
    const onA: ClusterEvent[] = []
    const onB: ClusterEvent[] = []
    deployment.a.cluster.channel.subscribe((event) => onA.push(event))
    const unsubscribeB = deployment.b.cluster.channel.subscribe((event) => onB.push(event))

    const deleted: ClusterEvent = { type: 'session-deleted', sessionId: 'session-1' }
    deployment.a.cluster.channel.publish(deleted)
    await waitFor(() => onB.length === 1, 'the event on B')
    expect(onB).toEqual([deleted])

    const disconnect: ClusterEvent = {
      type: 'disconnect',
      sessionId: 'session-1',
      role: null,
      code: 4001,
      reason: 'gone',
    }
    deployment.b.cluster.channel.publish(disconnect)
    await waitFor(() => onA.length === 1, 'the event on A')
    expect(onA).toEqual([disconnect])
    expect(onB).toEqual([deleted])

    unsubscribeB()
    deployment.a.cluster.channel.publish({ type: 'session-deleted', sessionId: 'session-2' })
    await deployment.a.cluster.ping()
    deployment.b.cluster.channel.publish({ type: 'session-deleted', sessionId: 'session-3' })
    await waitFor(() => onA.length === 2, 'the second event on A')
    expect(onB).toEqual([deleted])
  })

  it('drops and reports what is not a valid event', async () => {
    const onA: ClusterEvent[] = []
    deployment.a.cluster.channel.subscribe((event) => onA.push(event))
    await deployment.raw.publish(EVENTS_CHANNEL, 'not json')
    await deployment.raw.publish(
      EVENTS_CHANNEL,
      JSON.stringify({ from: 'someone', event: { type: 'reboot-everything' } }),
    )
    await deployment.raw.publish(
      EVENTS_CHANNEL,
      JSON.stringify({ event: { type: 'session-deleted', sessionId: 's' } }),
    )
    const valid: ClusterEvent = { type: 'session-deleted', sessionId: 'session-9' }
    await deployment.raw.publish(EVENTS_CHANNEL, JSON.stringify({ from: 'someone', event: valid }))
    await waitFor(() => onA.length === 1, 'the valid event')
    expect(onA).toEqual([valid])
    const dropped = deployment.a.reports.errors.filter(
      (e) => e.context === 'dropping a message on the cluster event channel',
    )
    expect(dropped).toHaveLength(3)
  })
})
