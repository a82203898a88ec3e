import { type ComponentFigures, ComponentKind } from '@scaleboard/schema'
import {
  createShapePropsMigrationIds,
  createShapePropsMigrationSequence,
  type RecordProps,
  type TLShape,
} from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { COMPONENT_CATALOGUE } from '../catalogue/componentCatalogue.ts'
import { componentFiguresValidator } from './figuresValidator.ts'

export const COMPONENT_SHAPE_TYPE = 'component'
export const REGION_SHAPE_TYPE = 'region'

/** Kinds drawn as a `component` card; region boundaries are a `region` shape of their own. */
export type CardKind = Exclude<ComponentKind, 'region-boundary'>
export const CARD_KINDS = ComponentKind.options.filter(
  (kind): kind is CardKind => COMPONENT_CATALOGUE[kind].shapeType === 'component',
)

export const NAME_MAX_LENGTH = 80
export const DETAIL_MAX_LENGTH = 120

export interface ComponentShapeProps {
  kind: CardKind
  /** what the candidate calls it, e.g. "Ranking service" */
  name: string
  /** free text under the name, usually the technology, e.g. "Triton on EKS" */
  detail: string
  figures: ComponentFigures
  w: number
  h: number
}

export interface RegionShapeProps {
  /** e.g. "eu-west-1" or "Zone A" */
  name: string
  /** e.g. "primary, 3 AZ" */
  detail: string
  w: number
  h: number
}

// Declared on @tldraw/tlschema, where the map lives, so this node-safe module needs no import of
// 'tldraw' (which pulls in React and keeps a Node process alive); `tldraw` re-exports the same map.
declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [COMPONENT_SHAPE_TYPE]: ComponentShapeProps
    [REGION_SHAPE_TYPE]: RegionShapeProps
  }
}

export type ComponentShape = TLShape<typeof COMPONENT_SHAPE_TYPE>
export type RegionShape = TLShape<typeof REGION_SHAPE_TYPE>

function maxLength(max: number): T.Validator<string> {
  return T.string.check((value) => {
    if (value.length > max)
      throw new T.ValidationError(`Expected at most ${max} characters, got ${value.length}`)
  })
}

export const componentShapeProps: RecordProps<ComponentShape> = {
  kind: T.literalEnum(...CARD_KINDS),
  name: maxLength(NAME_MAX_LENGTH),
  detail: maxLength(DETAIL_MAX_LENGTH),
  figures: componentFiguresValidator,
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
}

export const regionShapeProps: RecordProps<RegionShape> = {
  name: maxLength(NAME_MAX_LENGTH),
  detail: maxLength(DETAIL_MAX_LENGTH),
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
}

/** Version ids of the component shape's props; add a step here whenever the props change. */
export const componentShapeVersions = createShapePropsMigrationIds(COMPONENT_SHAPE_TYPE, {
  AddDetail: 1,
})

export const componentShapeMigrations = createShapePropsMigrationSequence({
  sequence: [
    {
      id: componentShapeVersions.AddDetail,
      up(props) {
        props.detail = ''
      },
      down(props) {
        delete props.detail
      },
    },
  ],
})

/** The region shape has had no prop changes yet; new steps go into this sequence. */
export const regionShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })

export function getDefaultComponentProps(kind: CardKind = 'model-server-cpu'): ComponentShapeProps {
  const entry = COMPONENT_CATALOGUE[kind]
  return {
    kind,
    name: entry.label,
    detail: '',
    figures: { ...entry.defaultFigures },
    w: entry.defaultSize.w,
    h: entry.defaultSize.h,
  }
}

export function getDefaultRegionProps(): RegionShapeProps {
  const { w, h } = COMPONENT_CATALOGUE['region-boundary'].defaultSize
  return { name: 'Region', detail: '', w, h }
}
