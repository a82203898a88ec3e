import { createBoardSchema } from '@scaleboard/components/schema'
import { BOARD_RECORDS, type DocumentLayer, hasAnnotationMeta, readAnnotationMeta } from '@scaleboard/schema'
import * as Y from 'yjs'
import { type BoardLimits, DEFAULT_BOARD_LIMITS } from './boardLimits.ts'
import { DOCUMENT_RECORD_ID, isReferenceOriginal } from './protectedRecords.ts'

/** Who is changing the board, as far as the rules care. */
export type BoardWriter = 'candidate' | 'interviewer' | 'observer' | 'system'

export type GuardVerdict =
  | { ok: true }
  | {
      ok: false
      /**
       * `limit-exceeded`: too big or too many; `change-refused`: a rule of the board was broken;
       * `missing-dependencies`: the update builds on changes the room has not received (not a
       * broken rule: the room asks the client for what it lacks).
       */
      kind: 'change-refused' | 'limit-exceeded' | 'missing-dependencies'
      reason: string
    }

export interface BoardGuardOptions {
  limits?: Partial<BoardLimits>
  /** The room's current state, to start over from after a refused update. */
  currentState: () => Uint8Array
  /** Which of the session's documents this is (default: the candidate's board). */
  layer?: DocumentLayer
}

type Entry = { key: string; val: unknown }
type AnyRecord = { id?: unknown; typeName?: unknown }
type RecordType = { scope: string; validate(record: unknown): unknown }

const CHECKING = Symbol('checking')
const schema = createBoardSchema()

/**
 * The server's copy of a board's rules. A Yjs update cannot be half-refused once applied, so every
 * client update is first applied to a scratch copy of the document; the records it touched are
 * judged there, and only an update that passes reaches the room's real document. A refused update
 * leaves the scratch copy dirty, so it is rebuilt from the room's state (rare: only a raw or buggy
 * client gets refused).
 *
 * Rules, whoever writes:
 * - only the `records` array changes: `meta` and any other root type belong to the server;
 * - every record is a document-scoped tldraw record that passes the board schema's validator,
 *   keyed by its own id and within the size limit; the board stays within the record limit;
 * - the document record and the last page stay;
 * - the update is complete: nothing in it waits for changes the server has not seen.
 * And for a candidate: the scenario's locked "Current state" can be copied, never changed or deleted.
 *
 * The two layers of a session keep apart: no board record carries `meta.annotation` (nobody can
 * forge the interviewer's look on the board), and the annotations layer holds only shapes and
 * bindings with a valid `meta.annotation`, bindings joining two of its own shapes (a tldraw binding
 * across the documents would need the candidate to write the interviewer's layer), written by the
 * interviewer alone. It has no document record or page of its own: its shapes sit on the board's.
 */
export class BoardGuard {
  readonly #limits: BoardLimits
  readonly #currentState: () => Uint8Array
  readonly #layer: DocumentLayer
  #scratch!: Y.Doc
  #array!: Y.Array<Entry>
  /** Each record's current value (the right-most entry of its key). */
  #records = new Map<string, unknown>()
  #touched = new Set<string>()
  #badEntry: string | null = null

  constructor(initialState: Uint8Array, options: BoardGuardOptions) {
    this.#limits = { ...DEFAULT_BOARD_LIMITS, ...options.limits }
    this.#currentState = options.currentState
    this.#layer = options.layer ?? 'board'
    this.#reset(initialState)
  }

  get recordCount(): number {
    return this.#records.size
  }

  /** Judges a client's update. On `ok`, the caller applies the same update to the room's document. */
  check(update: Uint8Array, writer: BoardWriter): GuardVerdict {
    this.#touched.clear()
    this.#badEntry = null
    let foreignType: string | null = null
    const watchTypes = (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys())
        if (type !== this.#array) foreignType ??= rootName(this.#scratch, type)
    }
    this.#scratch.on('afterTransaction', watchTypes)
    // Parts already waiting came from a trusted source (another instance) and may be completed
    // later; only what this update leaves waiting is its own.
    const { pendingStructs, pendingDs } = this.#scratch.store
    try {
      Y.applyUpdate(this.#scratch, update, CHECKING)
    } catch (error) {
      this.#reset(this.#currentState())
      throw error
    } finally {
      this.#scratch.off('afterTransaction', watchTypes)
    }
    const store = this.#scratch.store
    const newlyPending =
      (store.pendingStructs !== null && store.pendingStructs !== pendingStructs) ||
      (store.pendingDs !== null && store.pendingDs !== pendingDs)
    const verdict = newlyPending
      ? refuse('missing-dependencies', 'the update depends on changes the server has not received')
      : this.#judge(foreignType, writer)
    if (verdict.ok) this.#commit()
    else this.#reset(this.#currentState())
    return verdict
  }

  /** An update the room accepted from a trusted source (the log, another instance, the server). */
  mirror(update: Uint8Array): void {
    this.#touched.clear()
    Y.applyUpdate(this.#scratch, update)
    this.#commit()
  }

  destroy(): void {
    this.#scratch.destroy()
  }

  #reset(state: Uint8Array): void {
    this.#scratch?.destroy()
    this.#scratch = new Y.Doc({ gc: true })
    this.#array = this.#scratch.getArray<Entry>(BOARD_RECORDS)
    Y.applyUpdate(this.#scratch, state)
    this.#records = latestValues(this.#array.toArray())
    this.#array.observe((event) => {
      // Read here, before the transaction's clean-up collects the deleted entries' content.
      for (const item of [...event.changes.added, ...event.changes.deleted])
        for (const entry of item.content.getContent() as unknown[]) {
          if (isEntry(entry)) this.#touched.add(entry.key)
          else this.#badEntry ??= 'an entry of the records array is not { key, val }'
        }
    })
  }

  #judge(foreignType: string | null, writer: BoardWriter): GuardVerdict {
    if (foreignType !== null) return refuse('change-refused', `only the server writes "${foreignType}"`)
    if (this.#badEntry) return refuse('change-refused', this.#badEntry)
    if (this.#touched.size === 0) return { ok: true }
    if (this.#layer === 'annotations' && writer !== 'interviewer' && writer !== 'system')
      return refuse('change-refused', 'only the interviewer writes annotations')

    const next = this.#resolveTouched()
    const before = (id: string) => this.#records.get(id)
    let added = 0
    let removedPages = 0
    for (const [key, value] of next) {
      const old = this.#records.get(key)
      if (value === old) continue
      if (old === undefined) added += 1
      if (value === undefined) {
        added -= 1
        if (key === DOCUMENT_RECORD_ID)
          return refuse('change-refused', 'the document record cannot be deleted')
        if ((old as AnyRecord)?.typeName === 'page') removedPages += 1
      } else {
        const problem = this.#recordProblem(key, value) ?? this.#layerProblem(value as AnyRecord, next)
        if (problem) return problem
      }
      if (
        writer === 'candidate' &&
        old !== undefined &&
        isReferenceOriginal(old, before) &&
        (value === undefined || JSON.stringify(value) !== JSON.stringify(old))
      )
        return refuse('change-refused', 'the current state is locked: copy it to change it')
    }
    if (removedPages > 0 && pagesAfter(this.#records, next) === 0)
      return refuse('change-refused', 'the last page cannot be deleted')
    if (added > 0 && this.#records.size + added > this.#limits.maxRecords)
      return refuse('limit-exceeded', `the board is limited to ${this.#limits.maxRecords} records`)
    return { ok: true }
  }

  #recordProblem(key: string, value: unknown): GuardVerdict | null {
    const record = value as AnyRecord
    if (typeof value !== 'object' || value === null || record.id !== key)
      return refuse('change-refused', `record "${key.slice(0, 40)}" is not keyed by its id`)
    const json = JSON.stringify(value)
    if (
      json.length > this.#limits.maxRecordBytes ||
      utf8Bytes(json, this.#limits.maxRecordBytes) > this.#limits.maxRecordBytes
    )
      return refuse('limit-exceeded', `a record is larger than ${this.#limits.maxRecordBytes} bytes`)
    const type = (schema.types as Record<string, RecordType | undefined>)[String(record.typeName)]
    if (type?.scope !== 'document')
      return refuse(
        'change-refused',
        `"${String(record.typeName).slice(0, 40)}" records do not belong in a board`,
      )
    try {
      type.validate(value)
    } catch (error) {
      return refuse('change-refused', `invalid ${record.typeName}: ${(error as Error).message.slice(0, 80)}`)
    }
    return null
  }

  #layerProblem(record: AnyRecord, next: Map<string, unknown>): GuardVerdict | null {
    if (this.#layer === 'board')
      return hasAnnotationMeta(record)
        ? refuse('change-refused', "meta.annotation belongs to the interviewer's layer, not the board")
        : null
    if (record.typeName !== 'shape' && record.typeName !== 'binding')
      return refuse('change-refused', `"${String(record.typeName)}" records do not belong in the annotations`)
    if (!readAnnotationMeta(record))
      return refuse('change-refused', 'an annotation needs a valid meta.annotation')
    if (record.typeName === 'binding') {
      const { fromId, toId } = record as { fromId?: unknown; toId?: unknown }
      const inLayer = (id: unknown) =>
        typeof id === 'string' && (next.has(id) ? next.get(id) !== undefined : this.#records.has(id))
      if (!inLayer(fromId) || !inLayer(toId))
        return refuse('change-refused', 'an annotation binding joins two annotations, never a board shape')
    }
    return null
  }

  /** The touched keys' values after the update: the right-most entry of each, or undefined. */
  #resolveTouched(): Map<string, unknown> {
    const next = new Map<string, unknown>()
    const entries = this.#array.toArray()
    for (let i = entries.length - 1; i >= 0 && next.size < this.#touched.size; i--) {
      const entry = entries[i]
      if (isEntry(entry) && this.#touched.has(entry.key) && !next.has(entry.key))
        next.set(entry.key, entry.val)
    }
    for (const key of this.#touched) if (!next.has(key)) next.set(key, undefined)
    return next
  }

  #commit(): void {
    if (this.#touched.size === 0) return
    for (const [key, value] of this.#resolveTouched()) {
      if (value === undefined) this.#records.delete(key)
      else this.#records.set(key, value)
    }
    this.#touched.clear()
  }
}

function refuse(
  kind: 'change-refused' | 'limit-exceeded' | 'missing-dependencies',
  reason: string,
): GuardVerdict {
  return { ok: false, kind, reason }
}

function isEntry(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && typeof (value as Entry).key === 'string'
}

function latestValues(entries: unknown[]): Map<string, unknown> {
  const records = new Map<string, unknown>()
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]
    if (isEntry(entry) && !records.has(entry.key)) records.set(entry.key, entry.val)
  }
  return records
}

function pagesAfter(records: Map<string, unknown>, next: Map<string, unknown>): number {
  let pages = 0
  for (const [key, value] of records)
    if (!next.has(key) && (value as AnyRecord).typeName === 'page') pages += 1
  for (const value of next.values()) if ((value as AnyRecord | undefined)?.typeName === 'page') pages += 1
  return pages
}

function rootName(doc: Y.Doc, type: unknown): string {
  for (const [name, root] of doc.share) if ((root as unknown) === type) return name
  return 'a nested type'
}

const utf8 = new TextEncoder()

/** The UTF-8 size of `text`, computed only when it could exceed `limit` (a UTF-16 unit is at most 3 bytes). */
function utf8Bytes(text: string, limit: number): number {
  return text.length * 3 <= limit ? text.length : utf8.encode(text).byteLength
}
