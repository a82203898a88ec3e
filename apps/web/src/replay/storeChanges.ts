/** What to write to the replay's store to go from the records it shows to the target set. */
export interface StoreChanges {
  put: unknown[]
  remove: string[]
}

/**
 * The difference between the records the store shows and those it should show. Histories hand
 * back the same record object for as long as a record is unchanged, so identity is the test: a
 * seek costs one pass over the board and writes only what changed.
 */
export function storeChanges(
  shown: ReadonlyMap<string, unknown>,
  target: ReadonlyMap<string, unknown>,
): StoreChanges {
  const put: unknown[] = []
  const remove: string[] = []
  for (const [id, record] of target) if (shown.get(id) !== record) put.push(record)
  for (const id of shown.keys()) if (!target.has(id)) remove.push(id)
  return { put, remove }
}
