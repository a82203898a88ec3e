import type { TLAnyShapeUtilConstructor } from 'tldraw'
import { ComponentShapeUtil } from './ComponentShapeUtil.tsx'
import { RegionShapeUtil } from './RegionShapeUtil.tsx'

/** Pass to `<Tldraw shapeUtils>` and to the store (tldraw's default shapes are added there). */
export const componentShapeUtils: readonly TLAnyShapeUtilConstructor[] = [ComponentShapeUtil, RegionShapeUtil]
