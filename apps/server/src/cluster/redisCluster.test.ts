import { describe, expect, it } from 'vitest'
import { scaleoutSkipReason } from '../../../../test/services/postgres.ts'
import { startRedis } from '../../../../test/services/redis.ts'
import {
  rawClient,
  recordingRoom,
  startInstance,
  twoInstancesOnRedis,
  waitFor,
  waitForSubscribers,
} from './clusterTesting.ts'
import { createRedisCluster } from './redisCluster.ts'

const bytes = (...values: number[]) => new Uint8Array(values)

describe.skipIf(scaleoutSkipReason() !== null)('the Redis cluster through outages', () => {
  const deployment = twoInstancesOnRedis()

  it('answers ping while Redis is up', async () => {
    expect(deployment.a.cluster.status).toBe('ready')
    await expect(deployment.a.cluster.ping()).resolves.toBeUndefined()
  })

  it('keeps rooms working while Redis is down, then resyncs every membership and carries traffic again', async () => {
    const roomA1 = recordingRoom()
    const roomA2 = recordingRoom()
    const roomB1 = recordingRoom()
    const roomB2 = recordingRoom()
    const memberA1 = deployment.a.cluster.bus.join('doc-1', roomA1.handlers)
    const memberA2 = deployment.a.cluster.bus.join('doc-2', roomA2.handlers)
    deployment.b.cluster.bus.join('doc-1', roomB1.handlers)
    deployment.b.cluster.bus.join('doc-2', roomB2.handlers)
    await waitForSubscribers(deployment.raw, 'doc-1', 2)
    await waitForSubscribers(deployment.raw, 'doc-2', 2)
    const statusesBefore = deployment.a.reports.statuses.length

    await deployment.redis.kill()
    await waitFor(
      () => deployment.a.cluster.status === 'down' && deployment.b.cluster.status === 'down',
      'both instances down',
    )
    expect(deployment.a.reports.statuses.slice(statusesBefore)).toEqual(['down'])

    // Nothing throws into the room, nothing waits for Redis.
    memberA1.publishUpdate(bytes(1))
    memberA1.publishAwareness(bytes(2))
    memberA1.requestSync(bytes(3))
    expect(await memberA1.checkpointLease()).toBe(false)
    await expect(deployment.a.cluster.ping()).rejects.toThrow()
    // Tickets fall back to the instance's memory.
    const { ticket } = await deployment.a.cluster.tickets.issue({ sessionId: 'session-1', role: 'candidate' })
    expect(await deployment.a.cluster.tickets.redeem(ticket)).toEqual({
      sessionId: 'session-1',
      role: 'candidate',
    })
    expect(await deployment.a.cluster.tickets.redeem(ticket)).toBeNull()
    // A local membership of the same document still hears it at once.
    const localA1 = recordingRoom()
    deployment.a.cluster.bus.join('doc-1', localA1.handlers)
    memberA1.publishUpdate(bytes(4))
    expect(localA1.seen.updates).toEqual([[4]])
    expect(roomB1.seen.updates).toEqual([])

    await deployment.redis.restart()
    await waitFor(
      () => deployment.a.cluster.status === 'ready' && deployment.b.cluster.status === 'ready',
      'both instances ready',
    )
    await waitFor(
      () => [roomA1, roomA2, roomB1, roomB2, localA1].every((room) => room.seen.resyncs >= 1),
      'every membership resynced',
    )
    expect(deployment.a.reports.statuses.slice(statusesBefore)).toEqual(['down', 'ready'])

    memberA2.publishUpdate(bytes(5))
    await waitFor(() => roomB2.seen.updates.length === 1, 'traffic after the restart')
    expect(roomB2.seen.updates).toEqual([[5]])
    const events: string[] = []
    deployment.b.cluster.channel.subscribe((event) => events.push(event.type))
    deployment.a.cluster.channel.publish({ type: 'session-deleted', sessionId: 'session-1' })
    await waitFor(() => events.length === 1, 'a session event after the restart')
    await expect(deployment.a.cluster.ping()).resolves.toBeUndefined()
    expect(await memberA2.checkpointLease()).toBe(true)
  })

  it('announces messages it failed to publish, so the others resync', async () => {
    const roomA = recordingRoom()
    const roomB = recordingRoom()
    const memberA = deployment.a.cluster.bus.join('doc-3', roomA.handlers)
    deployment.b.cluster.bus.join('doc-3', roomB.handlers)
    await waitForSubscribers(deployment.raw, 'doc-3', 2)
    memberA.publishUpdate(bytes(1))
    await waitFor(() => roomB.seen.updates.length === 1, 'the first update')
    const resyncsBefore = roomB.seen.resyncs

    // Only A's publisher connection drops: B's subscriber sees no outage of its own.
    const killed = await deployment.raw.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes')
    expect(Number(killed)).toBeGreaterThan(0)
    memberA.publishUpdate(bytes(2))
    await waitFor(() => roomB.seen.resyncs > resyncsBefore, 'a resync on B')
    expect(roomB.seen.updates).toEqual([[1]])
    await waitFor(() => deployment.a.cluster.status === 'ready', 'A ready again')
    memberA.publishUpdate(bytes(3))
    await waitFor(() => roomB.seen.updates.length === 2, 'the next update')
  })

  it('notices a Redis that stops answering without closing its connections, and recovers', async () => {
    const frozen = await startRedis()
    const quick = { commandTimeoutMs: 500, heartbeatMs: 200 }
    const c = await startInstance(frozen.url, 'instance-c', quick)
    const d = await startInstance(frozen.url, 'instance-d', quick)
    try {
      const roomC = recordingRoom()
      const roomD = recordingRoom()
      const memberC = c.cluster.bus.join('doc-f', roomC.handlers)
      d.cluster.bus.join('doc-f', roomD.handlers)
      const check = rawClient(frozen.url)
      await waitForSubscribers(check, 'doc-f', 2)
      check.disconnect()

      frozen.pause()
      await waitFor(() => c.cluster.status === 'down' && d.cluster.status === 'down', 'both instances down')
      memberC.publishUpdate(bytes(1))
      await expect(c.cluster.ping()).rejects.toThrow()
      expect(await memberC.checkpointLease()).toBe(false)

      frozen.resume()
      await waitFor(
        () => c.cluster.status === 'ready' && d.cluster.status === 'ready',
        'both instances ready',
      )
      await waitFor(() => roomC.seen.resyncs >= 1 && roomD.seen.resyncs >= 1, 'both rooms resynced')
      memberC.publishUpdate(bytes(2))
      await waitFor(() => roomD.seen.updates.length >= 1, 'traffic after the freeze')
      expect(roomD.seen.updates.at(-1)).toEqual([2])
    } finally {
      frozen.resume()
      await c.cluster.close()
      await d.cluster.close()
      await frozen.stop()
    }
  })

  it('fails to start, without showing the password, when Redis does not answer', async () => {
    const unused = await startRedis()
    await unused.stop()
    const start = createRedisCluster({
      url: `redis://:hunter2-password@127.0.0.1:${unused.port}`,
      instanceId: 'instance-x',
      connectTimeoutMs: 500,
    })
    await expect(start).rejects.toThrow(
      `Redis at redis://127.0.0.1:${unused.port} did not answer within 500 ms`,
    )
    await start.catch((error: Error) => expect(error.message).not.toContain('hunter2'))
  })
})
