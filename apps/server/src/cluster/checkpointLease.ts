import type { Redis } from 'ioredis'
import { checkpointLeaseKey } from './redisKeys.ts'

/**
 * Take the lease if nobody holds it, extend it if we do, in one step: a GET then SET from the
 * client could extend a lease that expired and went to another instance in between.
 */
const ACQUIRE_OR_EXTEND = `
local holder = redis.call('GET', KEYS[1])
if holder == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`

/** Drop the lease only if we still hold it (it may have expired and gone to another instance). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`

/**
 * Whether `holder` holds the document's checkpoint lease now (acquired or extended for `ttlMs`).
 * Throws when Redis does not answer; the bus turns that into "no".
 */
export async function acquireCheckpointLease(
  redis: Redis,
  docId: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  const held = await redis.eval(ACQUIRE_OR_EXTEND, 1, checkpointLeaseKey(docId), holder, String(ttlMs))
  return held === 1
}

/** Gives the lease up if `holder` has it, so another instance need not wait for it to expire. */
export async function releaseCheckpointLease(redis: Redis, docId: string, holder: string): Promise<void> {
  await redis.eval(RELEASE, 1, checkpointLeaseKey(docId), holder)
}
