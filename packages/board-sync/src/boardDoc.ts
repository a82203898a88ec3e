import { BOARD_FORMAT_VERSION, BOARD_META, BOARD_RECORDS, BoardMetaKey } from '@scaleboard/schema'
import type { SerializedSchema } from 'tldraw'
import { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'

/**
 * The tldraw version this package is written against. tldraw does not export its version,
 * so it is pinned here (a test checks it against the installed package).
 */
export const TLDRAW_VERSION = '5.4.2'

type Entry = { key: string; val: unknown }

/*
 * One YKeyValue per Y.Array: each instance observes the array and deletes superseded
 * entries, so two instances on the same array would race each other's clean-up.
 */
const keyValues = new WeakMap<Y.Array<Entry>, YKeyValue<unknown>>()

/** The board's record map (record id -> record JSON). Shared by every caller in this process. */
export function openBoardRecords(doc: Y.Doc): YKeyValue<unknown> {
  const array = doc.getArray<Entry>(BOARD_RECORDS)
  let kv = keyValues.get(array)
  if (!kv) {
    kv = new YKeyValue<unknown>(array)
    keyValues.set(array, kv)
  }
  return kv
}

/**
 * Every record in the doc, keyed by id, as stored (unvalidated, possibly from an older schema).
 * Reads the array directly, without creating a YKeyValue, so it never writes to the doc:
 * the right-most entry of a key wins, as in YKeyValue.
 */
export function readBoardRecords(doc: Y.Doc): Map<string, unknown> {
  const entries = doc.getArray<Entry>(BOARD_RECORDS).toArray()
  const records = new Map<string, unknown>()
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]
    if (entry && typeof entry.key === 'string' && !records.has(entry.key)) records.set(entry.key, entry.val)
  }
  return records
}

/** The tldraw schema the doc's records were written with, or null for a board nobody wrote yet. */
export function readBoardSchema(doc: Y.Doc): SerializedSchema | null {
  const schema = doc.getMap(BOARD_META).get(BoardMetaKey.schema)
  if (!schema || typeof schema !== 'object' || !('schemaVersion' in schema)) return null
  return schema as SerializedSchema
}

/** Records which schema the doc's records now follow. Call inside the transaction that writes them. */
export function writeBoardMeta(doc: Y.Doc, schema: SerializedSchema): void {
  const meta = doc.getMap(BOARD_META)
  meta.set(BoardMetaKey.formatVersion, BOARD_FORMAT_VERSION)
  meta.set(BoardMetaKey.schema, schema)
  meta.set(BoardMetaKey.tldrawVersion, TLDRAW_VERSION)
}

/**
 * Makes the doc's records exactly `records` (e.g. a restored revision), changing only what
 * differs: a record whose stored JSON already equals its target stays untouched, one that
 * differs is written, one that the target lacks is deleted. Writes the array as YKeyValue does
 * (every entry of a key deleted, the new one pushed), without leaving a YKeyValue observing the
 * doc. Call inside a transaction.
 */
export function replaceBoardRecords(
  doc: Y.Doc,
  records: ReadonlyMap<string, unknown>,
): { written: number; removed: number } {
  const array = doc.getArray<Entry>(BOARD_RECORDS)
  const entries = array.toArray()
  const indices = new Map<string, number[]>()
  entries.forEach((entry, index) => {
    if (!entry || typeof entry.key !== 'string') return
    const list = indices.get(entry.key)
    if (list) list.push(index)
    else indices.set(entry.key, [index])
  })
  const stale: number[] = []
  const pushed: Entry[] = []
  let removed = 0
  for (const [key, list] of indices) {
    const target = records.get(key)
    if (target === undefined) {
      stale.push(...list)
      removed += 1
      continue
    }
    const current = entries[list[list.length - 1] as number]?.val
    if (list.length === 1 && JSON.stringify(current) === JSON.stringify(target)) continue
    stale.push(...list)
    pushed.push({ key, val: target })
  }
  for (const [key, target] of records) if (!indices.has(key)) pushed.push({ key, val: target })
  // from the end, so earlier indices stay valid
  for (const index of stale.sort((a, b) => b - a)) array.delete(index, 1)
  if (pushed.length > 0) array.push(pushed)
  return { written: pushed.length, removed }
}
