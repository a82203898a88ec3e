import type { SerializedSchema } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { compareSchemas } from './schemaCompat.ts'

const ours: SerializedSchema = {
  schemaVersion: 2,
  sequences: { 'com.tldraw.store': 5, 'com.tldraw.shape.geo': 12 },
}

describe('compareSchemas', () => {
  it('says same for identical versions', () => {
    expect(compareSchemas(ours, { ...ours, sequences: { ...ours.sequences } })).toBe('same')
  })
  it('says older when a sequence is behind or missing', () => {
    expect(
      compareSchemas(ours, {
        schemaVersion: 2,
        sequences: { ...ours.sequences, 'com.tldraw.shape.geo': 11 },
      }),
    ).toBe('older')
    expect(compareSchemas(ours, { schemaVersion: 2, sequences: { 'com.tldraw.store': 5 } })).toBe('older')
  })
  it('says newer when a sequence is ahead or unknown, even if another is behind', () => {
    expect(
      compareSchemas(ours, {
        schemaVersion: 2,
        sequences: { 'com.tldraw.store': 4, 'com.tldraw.shape.geo': 13 },
      }),
    ).toBe('newer')
    expect(
      compareSchemas(ours, {
        schemaVersion: 2,
        sequences: { ...ours.sequences, 'com.scaleboard.shape.gpu': 1 },
      }),
    ).toBe('newer')
  })
  it('treats the legacy version 1 layout as older', () => {
    expect(compareSchemas(ours, { schemaVersion: 1, storeVersion: 4, recordVersions: {} })).toBe('older')
  })
})
