import { describe, expect, it } from 'vitest'
import { scaleoutSkipReason } from '../../../../test/services/postgres.ts'
import { recordingRoom, startInstance, twoInstancesOnRedis, waitFor } from './clusterTesting.ts'
import { checkpointLeaseKey } from './redisKeys.ts'

describe.skipIf(scaleoutSkipReason() !== null)('the checkpoint lease', () => {
  const deployment = twoInstancesOnRedis({ checkpointLeaseTtlMs: 60_000 })

  it('goes to one instance, is extended by it, and passes on when it leaves', async () => {
    const key = checkpointLeaseKey('doc-1')
    const memberA = deployment.a.cluster.bus.join('doc-1', recordingRoom().handlers)
    const memberB = deployment.b.cluster.bus.join('doc-1', recordingRoom().handlers)

    expect(await memberA.checkpointLease()).toBe(true)
    expect(await deployment.raw.get(key)).toMatch(/^instance-a\//)
    expect(await memberB.checkpointLease()).toBe(false)
    // Another membership of the same instance shares the instance's lease.
    const secondA = deployment.a.cluster.bus.join('doc-1', recordingRoom().handlers)
    expect(await secondA.checkpointLease()).toBe(true)

    await deployment.raw.pexpire(key, 5_000)
    expect(await memberA.checkpointLease()).toBe(true)
    expect(await deployment.raw.pttl(key)).toBeGreaterThan(5_000)
    expect(await memberB.checkpointLease()).toBe(false)

    // Not the last membership of A: the lease stays.
    secondA.leave()
    memberA.publishUpdate(new Uint8Array([1]))
    await deployment.a.cluster.ping()
    expect(await deployment.raw.get(key)).toMatch(/^instance-a\//)
    memberA.leave()
    await waitFor(async () => (await deployment.raw.exists(key)) === 0, 'the lease released')
    expect(await memberA.checkpointLease()).toBe(false)
    expect(await memberB.checkpointLease()).toBe(true)
    expect(await deployment.raw.get(key)).toMatch(/^instance-b\//)
  })

  it('is taken over once the holder lets it expire, and not released by a former holder', async () => {
    const key = checkpointLeaseKey('doc-2')
    const memberA = deployment.a.cluster.bus.join('doc-2', recordingRoom().handlers)
    const memberB = deployment.b.cluster.bus.join('doc-2', recordingRoom().handlers)
    expect(await memberA.checkpointLease()).toBe(true)
    await deployment.raw.pexpire(key, 1)
    await waitFor(async () => (await deployment.raw.exists(key)) === 0, 'the lease expired')
    expect(await memberB.checkpointLease()).toBe(true)
    expect(await memberA.checkpointLease()).toBe(false)
    memberA.leave()
    await deployment.a.cluster.ping()
    expect(await deployment.raw.get(key)).toMatch(/^instance-b\//)
  })

  it('is given up when the cluster closes', async () => {
    const c = (await startInstance(deployment.redis.url, 'instance-c')).cluster
    const member = c.bus.join('doc-3', recordingRoom().handlers)
    expect(await member.checkpointLease()).toBe(true)
    await c.close()
    expect(await deployment.raw.exists(checkpointLeaseKey('doc-3'))).toBe(0)
    expect(await member.checkpointLease()).toBe(false)
  })
})
