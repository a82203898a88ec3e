import { createTLSchema, defaultBindingSchemas, defaultShapeSchemas, type TLSchema } from '@tldraw/tlschema'
import {
  COMPONENT_SHAPE_TYPE,
  componentShapeMigrations,
  componentShapeProps,
  REGION_SHAPE_TYPE,
  regionShapeMigrations,
  regionShapeProps,
} from './componentShape.ts'

/**
 * Props and migrations of Scaleboard's shapes, for `createTLSchema({ shapes })`. The shape utils
 * use these very objects, so a server that builds its schema from here validates and migrates
 * records exactly as the browsers do.
 */
export const componentShapeSchemas = {
  [COMPONENT_SHAPE_TYPE]: { props: componentShapeProps, migrations: componentShapeMigrations },
  [REGION_SHAPE_TYPE]: { props: regionShapeProps, migrations: regionShapeMigrations },
}

/** tldraw's default shapes and bindings plus Scaleboard's: the schema of every board. */
export function createBoardSchema(): TLSchema {
  return createTLSchema({
    shapes: { ...defaultShapeSchemas, ...componentShapeSchemas },
    bindings: defaultBindingSchemas,
  })
}
