import { componentShapeUtils } from '@scaleboard/components'

/**
 * Scaleboard's shapes (architecture components, regions) on top of tldraw's defaults. The store
 * and <Tldraw> must get the same list, and it must match the server's board schema
 * (`createBoardSchema` in @scaleboard/components/schema), or records written by one are skipped
 * by the other.
 */
export const boardShapeUtils = componentShapeUtils
