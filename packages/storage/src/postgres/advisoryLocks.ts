import { createHash } from 'node:crypto'
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../schema.ts'

/**
 * The 64-bit advisory-lock key of a name within a space (`doc_updates` and a doc id, `phase_events`
 * and a session id…): the first 8 bytes of its SHA-256, as PostgreSQL's signed bigint (a string,
 * exact beyond 2^53). Every process computes the same key, so locks hold across instances.
 */
export function lockKey(space: string, name: string): string {
  return createHash('sha256').update(`${space}\0${name}`).digest().readBigInt64BE(0).toString()
}

/**
 * Takes the transaction-scoped advisory locks of `names` in `space`, waiting for whoever holds
 * them; they are released when the transaction ends. Always in ascending key order (and each key
 * once), so two transactions that want overlapping sets can never deadlock, not even when two
 * names share a key. One statement: PostgreSQL evaluates a volatile function in the select list
 * after ORDER BY, row by row.
 */
export async function lockNames(
  trx: Transaction<Database> | Kysely<Database>,
  space: string,
  names: ReadonlyArray<string>,
): Promise<void> {
  const keys = [...new Set(names.map((name) => lockKey(space, name)))].sort((a, b) =>
    BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0,
  )
  if (keys.length === 0) return
  await sql`select pg_advisory_xact_lock(k)
    from unnest(${keys}::bigint[]) with ordinality as t(k, i) order by i`.execute(trx)
}
