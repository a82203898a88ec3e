import type { TLAnyShapeUtilConstructor } from 'tldraw'
import { ComponentShapeUtil } from './ComponentShapeUtil.tsx'
import { FlowArrowShapeUtil } from './FlowArrowShapeUtil.ts'
import { RegionShapeUtil } from './RegionShapeUtil.tsx'

/**
 * Pass to `<Tldraw shapeUtils>` and to the store (tldraw's default shapes are added there; the
 * flow arrow replaces tldraw's arrow util, with the same props and schema).
 */
export const componentShapeUtils: readonly TLAnyShapeUtilConstructor[] = [
  ComponentShapeUtil,
  RegionShapeUtil,
  FlowArrowShapeUtil,
]
