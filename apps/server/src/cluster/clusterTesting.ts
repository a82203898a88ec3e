/**
 * Helpers for the cluster tests: rooms that record what the bus hands them, and polling for a
 * condition (messages cross real sockets, so tests wait for them rather than for a fixed time).
 */
import { Redis } from 'ioredis'
import { afterAll, beforeAll } from 'vitest'
import { type RedisService, startRedis } from '../../../../test/services/redis.ts'
import { createRedisCluster, type RedisCluster, type RedisClusterOptions } from './redisCluster.ts'
import { roomChannel } from './redisKeys.ts'

/** Bus handlers that keep everything they are given. */
export function recordingRoom() {
  const seen = {
    updates: [] as number[][],
    awareness: [] as number[][],
    syncRequests: [] as number[][],
    resyncs: 0,
  }
  const handlers = {
    update: (update: Uint8Array) => void seen.updates.push([...update]),
    awareness: (update: Uint8Array) => void seen.awareness.push([...update]),
    syncRequest: (stateVector: Uint8Array) => void seen.syncRequests.push([...stateVector]),
    resync: () => {
      seen.resyncs += 1
    },
  }
  return { seen, handlers }
}

export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** What an instance reported through its callbacks. */
export interface Reports {
  errors: { error: unknown; context: string }[]
  statuses: string[]
  lags: number[]
}

/** A RedisCluster as one instance of a deployment, recording its reports. */
export async function startInstance(
  url: string,
  instanceId: string,
  options: Partial<RedisClusterOptions> = {},
): Promise<{ cluster: RedisCluster; reports: Reports }> {
  const reports: Reports = { errors: [], statuses: [], lags: [] }
  const cluster = await createRedisCluster({
    url,
    instanceId,
    onError: (error, context) => void reports.errors.push({ error, context }),
    onStatus: (status) => void reports.statuses.push(status),
    onBusLag: (seconds) => void reports.lags.push(seconds),
    ...options,
  })
  return { cluster, reports }
}

/** A plain client for looking at (and meddling with) Redis behind the cluster's back. */
export function rawClient(url: string): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  })
  // Outages are on purpose in these tests; commands during them fail on their own.
  client.on('error', () => {})
  return client
}

/** Waits until `count` connections listen on the document's channel (so nothing published is missed). */
export async function waitForSubscribers(raw: Redis, docId: string, count: number): Promise<void> {
  await waitFor(async () => {
    const reply = (await raw.pubsub('NUMSUB', roomChannel(docId))) as [string, number]
    return Number(reply[1]) === count
  }, `${count} subscribers on ${docId}`)
}

/** One instance of a test deployment: its cluster and what it reported. */
export interface TestInstance {
  cluster: RedisCluster
  reports: Reports
}

/**
 * A private Redis with two instances on it (`a`, `b`) and a raw client, for the tests of one
 * describe block: started before them, stopped after. Read the fields inside the tests.
 */
export function twoInstancesOnRedis(options: Partial<RedisClusterOptions> = {}) {
  const deployment = {} as { redis: RedisService; raw: Redis; a: TestInstance; b: TestInstance }
  beforeAll(async () => {
    deployment.redis = await startRedis()
    deployment.raw = rawClient(deployment.redis.url)
    deployment.a = await startInstance(deployment.redis.url, 'instance-a', options)
    deployment.b = await startInstance(deployment.redis.url, 'instance-b', options)
  })
  afterAll(async () => {
    await deployment.a?.cluster.close()
    await deployment.b?.cluster.close()
    deployment.raw?.disconnect()
    await deployment.redis?.stop()
  })
  return deployment
}
