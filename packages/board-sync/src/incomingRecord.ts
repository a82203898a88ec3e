import type { SerializedSchema, TLRecord, TLStore } from 'tldraw'

export type IncomingResult = { ok: true; record: TLRecord } | { ok: false; error: Error }

/**
 * Turns one stored record into a record our store accepts: checks it is a document record
 * stored under its own id, migrates it from the schema it was written with, and validates it.
 * Never throws: a record that fails is returned as an error so the caller can skip it and
 * keep syncing everything else.
 *
 * @param docSchema the schema the record was written with; null when it is ours.
 */
export function prepareIncomingRecord(
  store: TLStore,
  key: string,
  stored: unknown,
  docSchema: SerializedSchema | null,
): IncomingResult {
  try {
    if (!stored || typeof stored !== 'object' || Array.isArray(stored)) {
      return failure(`record ${key} is not an object`)
    }
    const { id, typeName } = stored as { id?: unknown; typeName?: unknown }
    if (id !== key) return failure(`record stored under ${key} has id ${String(id)}`)
    // Session and presence records are per browser; a doc must not overwrite them.
    if (typeof typeName !== 'string' || !store.scopedTypes.document.has(typeName as TLRecord['typeName'])) {
      return failure(`record ${key} has type ${String(typeName)}, which is not a document record type`)
    }

    let record = stored as TLRecord
    if (docSchema) {
      const migrated = store.schema.migratePersistedRecord(record, docSchema)
      if (migrated.type === 'error') return failure(`record ${key} could not be migrated: ${migrated.reason}`)
      record = migrated.value
    }

    const before = store.get(record.id) ?? null
    const validated = store.schema.validateRecord(
      store,
      record,
      before ? 'updateRecord' : 'createRecord',
      before,
    )
    return { ok: true, record: validated }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) }
  }
}

function failure(message: string): IncomingResult {
  return { ok: false, error: new Error(message) }
}
