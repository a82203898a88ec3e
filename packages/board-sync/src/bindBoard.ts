import { BOARD_META } from '@scaleboard/schema'
import type { SerializedSchema, TLRecord, TLStore } from 'tldraw'
import type * as Y from 'yjs'
import { openBoardRecords, readBoardSchema } from './boardDoc.ts'
import { prepareIncomingRecord } from './incomingRecord.ts'
import { createRemoteChangeQueue, nextFrame, type ScheduleFrame } from './remoteChangeQueue.ts'
import { compareSchemas } from './schemaCompat.ts'

export interface BindBoardOptions {
  store: TLStore
  /** The board's doc, after its first sync with the server (so "empty" really means empty). */
  doc: Y.Doc
  /** Observers: apply the doc to the store but never write to the doc. */
  readonly?: boolean
  /** A stored record that could not be migrated or validated; it is skipped, sync goes on. */
  onSkippedRecord?: (record: unknown, error: Error) => void
  /**
   * The board was written by a newer Scaleboard (newer tldraw schema). The binding stops writing;
   * the app should make the editor read-only and ask the user to reload.
   */
  onSchemaTooNew?: (docSchema: SerializedSchema) => void
  /**
   * Which of the store's records live in this doc, when one store shows several docs (the board
   * and the interviewer's annotations layer). Others are neither written here nor read from here,
   * nor dropped as stale. Default: every record.
   */
  owns?: (record: TLRecord) => boolean
  /**
   * The next frame: remote changes reach the store in at most one merge per frame. Default: the
   * next animation frame (a timer where a hidden tab has none). Null, and the default where there
   * are no animation frames (Node): every remote change is applied as it arrives.
   */
  scheduleFrame?: ScheduleFrame | null
}

export interface BoardBinding {
  /** True once the doc's schema turned out to be newer than ours; nothing is written from then on. */
  readonly schemaTooNew: boolean
  /**
   * Writes records the store already holds to the doc, e.g. changes first applied with
   * `mergeRemoteChanges` (kept out of undo and of the doc) that should be stored after all.
   */
  write(records: TLRecord[]): void
  dispose(): void
}

type RemoteChange = { action: 'add' | 'update'; newValue: unknown } | { action: 'delete'; oldValue: unknown }

function warnSkipped(record: unknown, error: Error) {
  console.warn('[board-sync] skipped a board record:', error.message, record)
}

/**
 * Keeps a tldraw store and a board doc in step.
 *
 * - Loads the doc's records into the store (migrated and validated one by one).
 * - Local document changes (`source: 'user'`, `scope: 'document'`) go to the doc in one transaction
 *   per store change, tagged with this binding's origin so they are not applied back.
 * - Remote doc changes enter the store through `mergeRemoteChanges`, so tldraw never sends them
 *   back and they stay out of the local undo stack. Each store transaction costs O(board) in
 *   tldraw, so there is at most one per frame: the first remote change after a quiet frame is
 *   applied at once, those that arrive after it wait for the next frame, gathered per record id
 *   (see remoteChangeQueue.ts). Queued changes are applied before `write` and on `dispose`; a
 *   local write drops the queued changes to the records it writes (it supersedes them in the doc).
 * - A writer fills an empty doc with the store's initial document and page.
 * - The doc's `meta` map belongs to the server (it writes it with the first board of a session and
 *   refuses client writes to it): the binding only reads it. Records of an older schema are
 *   migrated as they are read; a doc without meta holds records in our own schema.
 */
export function bindBoard({
  store,
  doc,
  readonly = false,
  onSkippedRecord = warnSkipped,
  onSchemaTooNew,
  owns = () => true,
  scheduleFrame = nextFrame(),
}: BindBoardOptions): BoardBinding {
  const origin = { binding: 'scaleboard-board-sync' }
  const records = openBoardRecords(doc)
  const meta = doc.getMap(BOARD_META)
  const ourSchema = store.schema.serialize()
  let schemaTooNew = false
  /** The doc's schema when it is older than ours: records are migrated up to read, down to write. */
  let olderDocSchema: SerializedSchema | null = null

  /** The schema to migrate doc records from, or null when they are already in ours. */
  function checkDocSchema(): SerializedSchema | null {
    const docSchema = readBoardSchema(doc)
    const compat = docSchema ? compareSchemas(ourSchema, docSchema) : 'same'
    if (docSchema && compat === 'newer' && !schemaTooNew) {
      schemaTooNew = true
      onSchemaTooNew?.(docSchema)
    }
    olderDocSchema = compat === 'older' ? docSchema : null
    return compat === 'same' ? null : docSchema
  }

  /**
   * A record as the doc's schema has it. Only the server may upgrade a doc (with its meta), so in
   * a doc of an older schema records are written in that schema, never a mix of two.
   */
  function inDocSchema(record: TLRecord): TLRecord | null {
    if (!olderDocSchema) return record
    const result = store.schema.migratePersistedRecord(record, olderDocSchema, 'down')
    if (result.type === 'success') return result.value
    onSkippedRecord(
      record,
      new Error(`record ${record.id} cannot be written in the board's older schema: ${result.reason}`),
    )
    return null
  }

  function applyToStore(puts: TLRecord[], removals: TLRecord['id'][]) {
    try {
      store.mergeRemoteChanges(() => {
        if (removals.length > 0) store.remove(removals)
        if (puts.length > 0) store.put(puts)
      })
    } catch {
      // A record that validates alone can still break a batch (e.g. a side effect throws):
      // retry one by one so only the offending record is lost.
      for (const id of removals) {
        tryMerge(() => store.remove([id]), id)
      }
      for (const record of puts) {
        tryMerge(() => store.put([record]), record)
      }
    }
  }

  function tryMerge(change: () => void, subject: unknown) {
    try {
      store.mergeRemoteChanges(change)
    } catch (error) {
      onSkippedRecord(subject, error instanceof Error ? error : new Error(String(error)))
    }
  }

  /** Remote changes not yet in the store: the doc's latest value (or removal) per record id. */
  const remote = createRemoteChangeQueue<SerializedSchema | null>(flushRemote, scheduleFrame)

  function writeToDoc(puts: TLRecord[], removals: string[]) {
    // Written now, these win in the doc over any queued remote change to the same records
    // (YKeyValue keeps the right-most entry), so the store must keep its own value for them too.
    remote.drop(puts.map((record) => record.id))
    remote.drop(removals)
    const written = puts
      .filter(owns)
      .map(inDocSchema)
      .filter((record) => record !== null)
    doc.transact(() => {
      for (const id of removals) records.delete(id)
      for (const record of written) records.set(record.id, record)
    }, origin)
  }

  // --- initial load -------------------------------------------------------------------------
  const docSchema = checkDocSchema()
  const loaded: TLRecord[] = []
  const loadedIds = new Set<string>()
  for (const [key, entry] of records.map) {
    const result = prepareIncomingRecord(store, key, entry.val, docSchema)
    if (result.ok && !owns(result.record)) {
      onSkippedRecord(entry.val, new Error(`record ${key} belongs to another layer`))
    } else if (result.ok) {
      loaded.push(result.record)
      loadedIds.add(key)
    } else {
      onSkippedRecord(entry.val, result.error)
    }
  }
  const docIsEmpty = records.map.size === 0
  // The store mirrors the doc: document records it holds that the doc lacks are dropped,
  // unless the doc is empty and the store's records are about to become its first content.
  const stale = docIsEmpty
    ? []
    : (store.allRecords() as TLRecord[])
        .filter((r) => store.scopedTypes.document.has(r.typeName) && owns(r) && !records.map.has(r.id))
        .map((r) => r.id)
  // Even with nothing to load: mergeRemoteChanges runs tldraw's integrity check, which gives the
  // store its document and page (written to an empty doc below).
  applyToStore(loaded, stale)

  const canWrite = () => !readonly && !schemaTooNew
  if (canWrite()) {
    const hasDocument = loaded.some((r) => r.typeName === 'document')
    const hasPage = loaded.some((r) => r.typeName === 'page')
    // Only records the doc lacks: concurrent first writers write the same ids (document:document,
    // page:page), and the doc's own records must not be overwritten with the store's.
    const missing =
      hasDocument && hasPage
        ? []
        : (store.allRecords() as TLRecord[]).filter(
            (r) => store.scopedTypes.document.has(r.typeName) && owns(r) && !records.map.has(r.id),
          )
    if (missing.length > 0) writeToDoc(missing, [])
  }

  // --- live sync ------------------------------------------------------------------------------
  const stopListening = store.listen(
    ({ changes }) => {
      if (!canWrite()) return
      const puts = [...Object.values(changes.added), ...Object.values(changes.updated).map(([, to]) => to)]
      const removals = Object.values(changes.removed)
        .filter(owns)
        .map((r) => r.id)
      // This drops queued remote changes to the same records (see writeToDoc). The other queued
      // changes wait for their frame: applying them here would change nothing for consistency,
      // and a merge must not run where a listener may be called inside a store operation.
      writeToDoc(puts, removals)
    },
    { source: 'user', scope: 'document' },
  )

  /** Applies the queued remote changes in one merge. */
  function applyQueued(): Set<string> {
    const queued = remote.take()
    const applied = new Set<string>()
    if (queued.size === 0) return applied
    const puts: TLRecord[] = []
    const removals: TLRecord['id'][] = []
    for (const [key, change] of queued) {
      if (change.action === 'delete') {
        const held = store.get(key as TLRecord['id'])
        if (held && owns(held)) removals.push(held.id)
        continue
      }
      const result = prepareIncomingRecord(store, key, change.value, change.schema)
      if (result.ok && !owns(result.record))
        onSkippedRecord(change.value, new Error(`record ${key} belongs to another layer`))
      else if (result.ok) puts.push(result.record)
      else onSkippedRecord(change.value, result.error)
    }
    for (const record of puts) applied.add(record.id)
    for (const id of removals) applied.add(id)
    if (puts.length > 0 || removals.length > 0) applyToStore(puts, removals)
    return applied
  }

  /** Brings the store up to the doc: pending local changes are written, then the remote ones applied. */
  function flushRemote(): Set<string> {
    if (remote.size === 0) return new Set()
    // tldraw hands local changes to listeners one frame late. Write any still pending first:
    // they are newer than the queued remote changes for the records they touch (written after
    // them, they win in the doc), so writing them drops those from the queue.
    store._flushHistory()
    return applyQueued()
  }

  const onRemoteChange = (changes: Map<string, RemoteChange>, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return
    // The schema these values were written in, read now: the doc could be upgraded before the flush.
    const schema = checkDocSchema()
    for (const [key, change] of changes)
      remote.add(
        key,
        change.action === 'delete' ? { action: 'delete' } : { action: 'put', value: change.newValue, schema },
      )
    remote.request()
  }
  records.on('change', onRemoteChange)

  // A newer client may upgrade the doc while we are connected: notice it even without record changes.
  const onMetaChange = (_event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (transaction.origin !== origin) checkDocSchema()
  }
  meta.observe(onMetaChange)

  return {
    get schemaTooNew() {
      return schemaTooNew
    },
    write(records) {
      if (!canWrite() || records.length === 0) return
      // The caller read these from the store before the queued remote changes were applied: for
      // the records those changed, write what the store holds now (a removed one not at all).
      const applied = flushRemote()
      const current = records
        .map((record) => (applied.has(record.id) ? store.get(record.id) : record))
        .filter((record) => record !== undefined)
      if (current.length > 0) writeToDoc(current, [])
    },
    dispose() {
      // What the doc delivered while bound reaches the store; nothing is scheduled afterwards.
      records.off('change', onRemoteChange)
      meta.unobserve(onMetaChange)
      try {
        flushRemote()
      } finally {
        remote.cancel()
        stopListening()
      }
    },
  }
}
