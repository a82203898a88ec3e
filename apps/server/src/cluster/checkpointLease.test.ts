import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scaleoutSkipReason } from '../../../../test/services/postgres.ts'
import { type RedisService, startRedis } from '../../../../test/services/redis.ts'
import { rawClient, recordingRoom, startInstance, waitFor } from './clusterTesting.ts'
import type { RedisCluster } from './redisCluster.ts'
import { checkpointLeaseKey } from './redisKeys.ts'

describe.skipIf(scaleoutSkipReason() !== null)('the checkpoint lease', () => {
  let redis: RedisService
  let raw: Redis
  let a: RedisCluster
  let b: RedisCluster

  beforeAll(async () => {
    redis = await startRedis()
    raw = rawClient(redis.url)
    a = (await startInstance(redis.url, 'instance-a', { checkpointLeaseTtlMs: 60_000 })).cluster
    b = (await startInstance(redis.url, 'instance-b', { checkpointLeaseTtlMs: 60_000 })).cluster
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
    raw?.disconnect()
    await redis?.stop()
  })

  it('goes to one instance, is extended by it, and passes on when it leaves', async () => {
    const key = checkpointLeaseKey('doc-1')
    const memberA = a.bus.join('doc-1', recordingRoom().handlers)
    const memberB = b.bus.join('doc-1', recordingRoom().handlers)

    expect(await memberA.checkpointLease()).toBe(true)
    expect(await raw.get(key)).toMatch(/^instance-a\//)
    expect(await memberB.checkpointLease()).toBe(false)
    // Another membership of the same instance shares the instance's lease.
    const secondA = a.bus.join('doc-1', recordingRoom().handlers)
    expect(await secondA.checkpointLease()).toBe(true)

    await raw.pexpire(key, 5_000)
    expect(await memberA.checkpointLease()).toBe(true)
    expect(await raw.pttl(key)).toBeGreaterThan(5_000)
    expect(await memberB.checkpointLease()).toBe(false)

    // Not the last membership of A: the lease stays.
    secondA.leave()
    memberA.publishUpdate(new Uint8Array([1]))
    await a.ping()
    expect(await raw.get(key)).toMatch(/^instance-a\//)
    memberA.leave()
    await waitFor(async () => (await raw.exists(key)) === 0, 'the lease released')
    expect(await memberA.checkpointLease()).toBe(false)
    expect(await memberB.checkpointLease()).toBe(true)
    expect(await raw.get(key)).toMatch(/^instance-b\//)
  })

  it('is taken over once the holder lets it expire, and not released by a former holder', async () => {
    const key = checkpointLeaseKey('doc-2')
    const memberA = a.bus.join('doc-2', recordingRoom().handlers)
    const memberB = b.bus.join('doc-2', recordingRoom().handlers)
    expect(await memberA.checkpointLease()).toBe(true)
    await raw.pexpire(key, 1)
    await waitFor(async () => (await raw.exists(key)) === 0, 'the lease expired')
    expect(await memberB.checkpointLease()).toBe(true)
    expect(await memberA.checkpointLease()).toBe(false)
    memberA.leave()
    await a.ping()
    expect(await raw.get(key)).toMatch(/^instance-b\//)
  })

  it('is given up when the cluster closes', async () => {
    const c = (await startInstance(redis.url, 'instance-c')).cluster
    const member = c.bus.join('doc-3', recordingRoom().handlers)
    expect(await member.checkpointLease()).toBe(true)
    await c.close()
    expect(await raw.exists(checkpointLeaseKey('doc-3'))).toBe(0)
    expect(await member.checkpointLease()).toBe(false)
  })
})
