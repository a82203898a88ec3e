import type { SerializedSchema } from 'tldraw'

/**
 * How the schema a board was written with relates to ours:
 * - `same`: records load as they are;
 * - `older`: records need migrating up (a writer upgrades the doc once);
 * - `newer`: a newer Scaleboard wrote the board; we cannot read it safely and must not write.
 */
export type SchemaCompat = 'same' | 'older' | 'newer'

/**
 * Compares migration sequence versions. tldraw's own migration only says "incompatible" when
 * the doc is ahead of us, so we look at the versions directly to tell "newer" apart.
 */
export function compareSchemas(ours: SerializedSchema, theirs: SerializedSchema): SchemaCompat {
  if (ours.schemaVersion !== 2) throw new Error('expected a version 2 tldraw schema')
  // Version 1 is tldraw's legacy layout: older by definition, tldraw migrates it.
  if (theirs.schemaVersion !== 2) return theirs.schemaVersion > 2 ? 'newer' : 'older'

  let older = false
  for (const [sequenceId, version] of Object.entries(theirs.sequences)) {
    const ourVersion = ours.sequences[sequenceId]
    // An unknown sequence is a record type (e.g. a custom shape) from a newer release.
    if (ourVersion === undefined || version > ourVersion) return 'newer'
    if (version < ourVersion) older = true
  }
  for (const sequenceId of Object.keys(ours.sequences)) {
    if (!(sequenceId in theirs.sequences)) older = true
  }
  return older ? 'older' : 'same'
}
