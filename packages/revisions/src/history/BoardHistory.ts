import { BOARD_RECORDS } from '@scaleboard/schema'
import * as Y from 'yjs'
import { createRecordCheck, type RecordCheck, type SkippedRecord } from './validRecords.ts'

/** One logged update of a board document, as the history reads it. */
export interface HistoryUpdate {
  seq: number
  /** epoch ms, server time */
  at: number
  update: Uint8Array
}

/** The board at one point of its log: the records to render, and those left out. */
export interface BoardState {
  /** the last update folded in; 0 before the first */
  seq: number
  /** its time (epoch ms); the history's start time before the first update */
  at: number
  /** valid records by id, as stored */
  records: ReadonlyMap<string, unknown>
  /** stored records that did not validate, left out of `records` */
  skipped: SkippedRecord[]
}

export interface BoardHistoryOptions {
  /** A whole-board state the updates follow (a stored checkpoint), when they do not start at seq 1. */
  base?: { seq: number; at: number; state: Uint8Array } | null
  /** Keep a copy of the record map every this many updates: a seek replays at most this many. */
  keyframeEvery?: number
  /** Judges each record before it is rendered (default: the board schema's validators). */
  check?: RecordCheck
  /** The time of the empty board before the first update (epoch ms), e.g. the session's creation. */
  startedAt?: number
}

type Entry = { key: string; val: unknown }
/** What one update did to the record map: each touched id, with its new value or undefined (removed). */
type RecordChanges = ReadonlyArray<readonly [string, unknown]>

/** An update that does not decode is kept in the timeline, with no effect and this reason. */
export interface BrokenUpdate {
  seq: number
  at: number
  reason: string
}

const DEFAULT_KEYFRAME_EVERY = 100

/**
 * A board's whole history in memory, built once from its log: the record map after every
 * update, stored as per-update changes plus a full copy every `keyframeEvery` updates. Seeking
 * anywhere copies the nearest keyframe before it and applies at most `keyframeEvery` changes,
 * so it costs the same at minute 1 and minute 90, forwards or backwards.
 *
 * The log is replayed through a private Yjs document in order; what each update changed is read
 * from the records array's events (O(changes), not O(board)). Records are validated when a state
 * is read, and a record that fails is left out and listed in `skipped`; an update that does not
 * decode is listed in `brokenUpdates` and the replay goes on without it.
 */
export class BoardHistory {
  readonly startedAt: number
  readonly brokenUpdates: BrokenUpdate[] = []
  readonly #seqs: number[] = []
  readonly #times: number[] = []
  readonly #changes: RecordChanges[] = []
  /** keyframes[k] is the record map after update index k × keyframeEvery − 1 (keyframes[0]: the base) */
  readonly #keyframes: Array<ReadonlyMap<string, unknown>> = []
  readonly #keyframeEvery: number
  readonly #check: RecordCheck
  readonly #baseSeq: number

  constructor(updates: Iterable<HistoryUpdate>, options: BoardHistoryOptions = {}) {
    this.#keyframeEvery = Math.max(1, options.keyframeEvery ?? DEFAULT_KEYFRAME_EVERY)
    this.#check = options.check ?? createRecordCheck()
    const base = options.base ?? null
    this.startedAt = base?.at ?? options.startedAt ?? 0
    const replayer = new RecordReplayer()
    if (base) replayer.apply(base.state)
    this.#baseSeq = base?.seq ?? 0
    this.#keyframes.push(new Map(replayer.records))
    for (const entry of updates) {
      if (entry.seq <= this.#baseSeq) continue
      let changes: RecordChanges = []
      try {
        changes = replayer.apply(entry.update)
      } catch (error) {
        this.brokenUpdates.push({
          seq: entry.seq,
          at: entry.at,
          reason: (error as Error).message.slice(0, 120),
        })
      }
      this.#seqs.push(entry.seq)
      this.#times.push(entry.at)
      this.#changes.push(changes)
      if (this.#changes.length % this.#keyframeEvery === 0) this.#keyframes.push(new Map(replayer.records))
    }
    replayer.destroy()
  }

  /** How many updates the history holds (after its base). */
  get length(): number {
    return this.#seqs.length
  }

  /** The first seq the history can show: its base's (0 for an empty board). */
  get firstSeq(): number {
    return this.#baseSeq
  }

  get lastSeq(): number {
    return this.#seqs.at(-1) ?? this.#baseSeq
  }

  get lastAt(): number {
    return this.#times.at(-1) ?? this.startedAt
  }

  /** Every update's seq and time, oldest first: for the timeline's ticks and activity. */
  *points(): IterableIterator<{ seq: number; at: number }> {
    for (let i = 0; i < this.#seqs.length; i++)
      yield { seq: this.#seqs[i] as number, at: this.#times[i] as number }
  }

  /** The highest seq logged at or before `at` (epoch ms); the base's seq before the first update. */
  seqAtTime(at: number): number {
    const index = lastIndexAtOrBefore(this.#times, at)
    return index < 0 ? this.#baseSeq : (this.#seqs[index] as number)
  }

  /** The time of update `seq`, or of the last update before it. */
  timeOfSeq(seq: number): number {
    const index = lastIndexAtOrBefore(this.#seqs, seq)
    return index < 0 ? this.startedAt : (this.#times[index] as number)
  }

  /** The ids update `seq` changed (added, changed or removed); empty for an unknown seq. */
  changedIds(seq: number): string[] {
    const index = lastIndexAtOrBefore(this.#seqs, seq)
    if (index < 0 || this.#seqs[index] !== seq) return []
    return (this.#changes[index] ?? []).map(([id]) => id)
  }

  /** The board after every update up to and including `seq` (clamped to the history). */
  stateAt(seq: number): BoardState {
    const index = lastIndexAtOrBefore(this.#seqs, seq)
    // keyframes[k] holds the map after the first k × every updates, i.e. after index k × every − 1.
    const keyframe = Math.floor((index + 1) / this.#keyframeEvery)
    const raw = new Map(this.#keyframes[keyframe])
    for (let i = keyframe * this.#keyframeEvery; i <= index; i++)
      for (const [id, value] of this.#changes[i] ?? []) {
        if (value === undefined) raw.delete(id)
        else raw.set(id, value)
      }
    const records = new Map<string, unknown>()
    const skipped: SkippedRecord[] = []
    for (const [id, record] of raw) {
      const problem = this.#check(id, record)
      if (problem === null) records.set(id, record)
      else skipped.push({ id, reason: problem })
    }
    return {
      seq: index < 0 ? this.#baseSeq : (this.#seqs[index] as number),
      at: index < 0 ? this.startedAt : (this.#times[index] as number),
      records,
      skipped,
    }
  }

  /** The board as it was at time `at` (epoch ms). */
  stateAtTime(at: number): BoardState {
    return this.stateAt(this.seqAtTime(at))
  }
}

/**
 * Applies updates to a private Yjs document and reports which records each one changed, reading
 * the records array's events instead of the whole array. YKeyValue's rule (the right-most entry
 * of a key wins) is kept by counting each key's live entries: with one left, it is the one just
 * added; only concurrent duplicates (two or more live entries) need a look at the array.
 */
class RecordReplayer {
  readonly records = new Map<string, unknown>()
  readonly #doc = new Y.Doc({ gc: true })
  readonly #array = this.#doc.getArray<Entry>(BOARD_RECORDS)
  readonly #live = new Map<string, number>()
  #pending: Map<string, unknown> | null = null

  constructor() {
    this.#array.observe((event) => {
      const touched = new Map<string, unknown>()
      for (const item of event.changes.deleted)
        for (const entry of item.content.getContent() as Entry[]) {
          if (!isEntry(entry)) continue
          this.#live.set(entry.key, (this.#live.get(entry.key) ?? 1) - 1)
          if (!touched.has(entry.key)) touched.set(entry.key, undefined)
        }
      for (const item of event.changes.added)
        for (const entry of item.content.getContent() as Entry[]) {
          if (!isEntry(entry)) continue
          this.#live.set(entry.key, (this.#live.get(entry.key) ?? 0) + 1)
          touched.set(entry.key, entry.val)
        }
      this.#pending = touched
    })
  }

  /** Applies one update; returns what it changed. Throws when the update does not decode. */
  apply(update: Uint8Array): RecordChanges {
    this.#pending = null
    Y.applyUpdate(this.#doc, update)
    const touched = this.#pending as Map<string, unknown> | null
    if (!touched) return []
    const changes: Array<readonly [string, unknown]> = []
    let duplicates: Map<string, unknown> | null = null
    for (const [key, added] of touched) {
      const live = this.#live.get(key) ?? 0
      let value: unknown
      if (live <= 0) {
        this.#live.delete(key)
        value = undefined
      } else if (live === 1 && added !== undefined) value = added
      else {
        duplicates ??= rightMostValues(this.#array)
        value = duplicates.get(key)
      }
      if (value === undefined) {
        if (!this.records.has(key)) continue
        this.records.delete(key)
      } else {
        if (this.records.get(key) === value) continue
        this.records.set(key, value)
      }
      changes.push([key, value])
    }
    return changes
  }

  destroy(): void {
    this.#doc.destroy()
  }
}

function isEntry(entry: unknown): entry is Entry {
  return typeof entry === 'object' && entry !== null && typeof (entry as Entry).key === 'string'
}

function rightMostValues(array: Y.Array<Entry>): Map<string, unknown> {
  const values = new Map<string, unknown>()
  const entries = array.toArray()
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]
    if (isEntry(entry) && !values.has(entry.key)) values.set(entry.key, entry.val)
  }
  return values
}

/** Index of the last element ≤ value in an ascending array, −1 when none. */
export function lastIndexAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0
  let high = sorted.length - 1
  let found = -1
  while (low <= high) {
    const mid = (low + high) >> 1
    if ((sorted[mid] as number) <= value) {
      found = mid
      low = mid + 1
    } else high = mid - 1
  }
  return found
}
