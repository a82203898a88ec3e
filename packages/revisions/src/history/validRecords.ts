import { createBoardSchema } from '@scaleboard/components/schema'

/** A stored record the replay leaves out, and why (shown as a marker, never thrown). */
export interface SkippedRecord {
  id: string
  reason: string
}

type RecordType = { scope: string; validate(record: unknown): unknown }

/** Judges a stored record: null when it may be rendered, else why not. */
export type RecordCheck = (id: string, record: unknown) => string | null

/**
 * The board schema's own validators (the same the server's guard applies to live edits), for
 * records read back from a log that was never validated on the way in: an old bug or a raw
 * client may have stored anything. Verdicts are remembered per record object, so replaying a
 * long log validates each stored version of a record once.
 */
export function createRecordCheck(): RecordCheck {
  const schema = createBoardSchema()
  const types = schema.types as Record<string, RecordType | undefined>
  const verdicts = new WeakMap<object, string | null>()
  return (id, record) => {
    if (typeof record !== 'object' || record === null) return 'not a record'
    const known = verdicts.get(record)
    if (known !== undefined) return known
    const verdict = judge(types, id, record as { id?: unknown; typeName?: unknown })
    verdicts.set(record, verdict)
    return verdict
  }
}

function judge(
  types: Record<string, RecordType | undefined>,
  id: string,
  record: { id?: unknown; typeName?: unknown },
): string | null {
  if (record.id !== id) return 'not keyed by its own id'
  const type = types[String(record.typeName)]
  if (type?.scope !== 'document') return `“${String(record.typeName).slice(0, 40)}” is not a board record`
  try {
    type.validate(record)
    return null
  } catch (error) {
    return `invalid ${String(record.typeName)}: ${(error as Error).message.slice(0, 120)}`
  }
}
