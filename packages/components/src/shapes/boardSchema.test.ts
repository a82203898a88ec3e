import type { SerializedStore } from '@tldraw/store'
import { createShapeId, type TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { createBoardSchema } from './boardSchema.ts'
import { COMPONENT_SHAPE_TYPE, componentShapeVersions, getDefaultComponentProps } from './componentShape.ts'

const schema = createBoardSchema()

function componentRecord(props: object) {
  return {
    id: createShapeId('gpu'),
    typeName: 'shape',
    type: COMPONENT_SHAPE_TYPE,
    x: 10,
    y: 20,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props,
  }
}

const validate = (record: unknown) => schema.types.shape.validate(record)

describe('board schema', () => {
  it('knows the default shapes and both Scaleboard shapes', () => {
    const sequences = schema.serialize().sequences
    expect(sequences['com.tldraw.shape.component']).toBe(1)
    expect(sequences['com.tldraw.shape.region']).toBe(0)
    expect(sequences['com.tldraw.shape.arrow']).toBeGreaterThan(0)
    expect(sequences['com.tldraw.binding.arrow']).toBeGreaterThan(0)
  })

  it('accepts a component with default props and with edited figures', () => {
    expect(() => validate(componentRecord(getDefaultComponentProps('model-server-gpu')))).not.toThrow()
    const edited = { ...getDefaultComponentProps('cache'), figures: { cacheHitRate: 0.95, storageGb: 128 } }
    expect(() => validate(componentRecord(edited))).not.toThrow()
  })

  it('rejects bad figures, unknown kinds and unknown props', () => {
    const props = getDefaultComponentProps('model-server-gpu')
    expect(() => validate(componentRecord({ ...props, figures: { replicas: -2 } }))).toThrow(/replicas/)
    expect(() => validate(componentRecord({ ...props, figures: { cacheHitRate: 2 } }))).toThrow(
      /cacheHitRate/,
    )
    expect(() => validate(componentRecord({ ...props, figures: { gpus: 8 } }))).toThrow(/gpus/)
    expect(() => validate(componentRecord({ ...props, kind: 'mainframe' }))).toThrow(/kind/)
    // region boundaries are their own shape type, not a card
    expect(() => validate(componentRecord({ ...props, kind: 'region-boundary' }))).toThrow(/kind/)
    expect(() => validate(componentRecord({ ...props, colour: 'red' }))).toThrow(/colour/)
    expect(() => validate(componentRecord({ ...props, name: 'n'.repeat(81) }))).toThrow(/name/)
    expect(() => validate(componentRecord({ ...props, w: 0 }))).toThrow(/w/)
  })

  it('migrates a v0 component (before `detail`) up, and back down', () => {
    const { detail: _, ...v0Props } = getDefaultComponentProps('cache')
    const v0 = componentRecord(v0Props) as unknown as TLRecord
    const persisted = schema.serialize()
    persisted.sequences['com.tldraw.shape.component'] = 0
    const store = { [v0.id]: v0 } as SerializedStore<TLRecord>

    const result = schema.migrateStoreSnapshot({ store, schema: persisted })
    if (result.type !== 'success') throw new Error(`migration failed: ${result.reason}`)
    const migrated = result.value[v0.id] as unknown as ReturnType<typeof componentRecord>
    expect(migrated.props).toEqual({ ...v0Props, detail: '' })
    expect(() => validate(migrated)).not.toThrow()

    const down = schema.migratePersistedRecord(migrated as unknown as TLRecord, persisted, 'down')
    if (down.type !== 'success') throw new Error(`down migration failed: ${down.reason}`)
    expect((down.value as unknown as typeof migrated).props).toEqual(v0Props)
  })

  it('names its migration step after the shape type', () => {
    expect(componentShapeVersions.AddDetail).toBe('com.tldraw.shape.component/1')
  })
})
