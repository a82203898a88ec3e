import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scaleoutSkipReason } from '../../../../test/services/postgres.ts'
import { type RedisService, startRedis } from '../../../../test/services/redis.ts'
import { hashSecret } from '../secrets.ts'
import { type Reports, rawClient, startInstance, waitFor } from './clusterTesting.ts'
import type { RedisCluster } from './redisCluster.ts'
import { ticketKey } from './redisKeys.ts'

const grant = { sessionId: 'session-1234', role: 'interviewer' } as const

describe.skipIf(scaleoutSkipReason() !== null)('WebSocket tickets in Redis', () => {
  let redis: RedisService
  let raw: Redis
  let a: RedisCluster
  let b: { cluster: RedisCluster; reports: Reports }

  beforeAll(async () => {
    redis = await startRedis()
    raw = rawClient(redis.url)
    a = (await startInstance(redis.url, 'instance-a')).cluster
    b = await startInstance(redis.url, 'instance-b')
  })
  afterAll(async () => {
    await a?.close()
    await b?.cluster.close()
    raw?.disconnect()
    await redis?.stop()
  })

  it('open their grant once, on any instance, and are stored only as hashes', async () => {
    const issued = await a.tickets.issue(grant)
    expect(Buffer.from(issued.ticket, 'base64url').length).toBe(32)
    expect(issued.expiresAt).toBeGreaterThan(Date.now())
    const key = ticketKey(hashSecret(issued.ticket))
    expect(await raw.keys('scaleboard:ticket:*')).toEqual([key])
    expect(await raw.get(key)).not.toContain(issued.ticket)
    const ttl = await raw.pttl(key)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(30_000)

    expect(await b.cluster.tickets.redeem(issued.ticket)).toEqual(grant)
    expect(await b.cluster.tickets.redeem(issued.ticket)).toBeNull()
    expect(await a.tickets.redeem(issued.ticket)).toBeNull()
    expect(await raw.exists(key)).toBe(0)
  })

  it('expire', async () => {
    const issued = await a.tickets.issue(grant)
    const key = ticketKey(hashSecret(issued.ticket))
    await raw.pexpire(key, 1)
    await waitFor(async () => (await raw.exists(key)) === 0, 'the ticket to expire')
    expect(await b.cluster.tickets.redeem(issued.ticket)).toBeNull()
  })

  it('refuse empty, oversized and unknown tickets, the first two without asking Redis', async () => {
    await raw.config('RESETSTAT')
    expect(await b.cluster.tickets.redeem('')).toBeNull()
    expect(await b.cluster.tickets.redeem('x'.repeat(10_000))).toBeNull()
    expect(await commandCalls('getdel')).toBe(0)
    expect(await b.cluster.tickets.redeem('x'.repeat(43))).toBeNull()
    expect(await commandCalls('getdel')).toBe(1)
  })

  it('refuse a key holding no valid grant, and report it', async () => {
    const ticket = 'y'.repeat(43)
    await raw.set(ticketKey(hashSecret(ticket)), '{"sessionId":"s","role":"admin"}', 'PX', 30_000)
    expect(await b.cluster.tickets.redeem(ticket)).toBeNull()
    expect(b.reports.errors.map((e) => e.context)).toContain('a ticket in Redis holds no valid grant')
  })

  async function commandCalls(command: string): Promise<number> {
    const stats = await raw.info('commandstats')
    const line = stats.split('\r\n').find((entry) => entry.startsWith(`cmdstat_${command}:`))
    return line === undefined ? 0 : Number(/calls=(\d+)/.exec(line)?.[1])
  }
})
