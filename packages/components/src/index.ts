// @scaleboard/components: the ML-serving component library as tldraw shapes, plus the palette
// and inspector the board mounts. Node-safe parts live in schema.ts ('@scaleboard/components/schema').

export {
  type ArchitectureLayout,
  type ArchitectureRecords,
  type ArchitectureToRecordsOptions,
  type ArcThrough,
  architectureToRecords,
  arcThrough,
  CARD_KINDS,
  CATALOGUE_BY_GROUP,
  type CardKind,
  type CatalogueEntry,
  type CatalogueGroupMatch,
  type CatalogueShapeType,
  COMPONENT_CATALOGUE,
  COMPONENT_SHAPE_TYPE,
  type ComponentShape,
  type ComponentShapeProps,
  checkFigureConsistency,
  checkFigureValue,
  componentFiguresValidator,
  componentShapeMigrations,
  componentShapeProps,
  componentShapeSchemas,
  componentShapeVersions,
  createBoardSchema,
  DETAIL_MAX_LENGTH,
  FIGURE_NAMES,
  FIGURE_SPECS,
  type FigureInputResult,
  type FigureName,
  type FigureSpec,
  type FigureValue,
  type FigureValueType,
  FLOW_LABEL_FONT_SIZE,
  FLOW_META_KEY,
  type FlowLabelParts,
  FlowMeta,
  flowLabelBox,
  formatCount,
  formatFigures,
  formatFlowLabel,
  formatFraction,
  formatRate,
  formatStorage,
  formatUsdPerHour,
  GROUP_LABELS,
  GROUP_ORDER,
  getCatalogueEntry,
  getDefaultComponentProps,
  getDefaultRegionProps,
  getFigureSpec,
  getReferenceMeta,
  isCopyOfReference,
  isFigureName,
  type LayoutInput,
  type LayoutResult,
  layoutArchitecture,
  layoutGraph,
  listFigureProblems,
  NAME_MAX_LENGTH,
  parseFigureInput,
  parseFlowLabel,
  REFERENCE_META_KEY,
  REGION_SHAPE_TYPE,
  type ReferenceMeta,
  type RegionShape,
  type RegionShapeProps,
  readFlowMeta,
  regionShapeMigrations,
  regionShapeProps,
  richTextToPlain,
  searchCatalogue,
  toFlowMeta,
} from './schema.ts'
export { getArrowFlow, setArrowFlow } from './ui/arrowFlow.ts'
export { ComponentInspector, type ComponentInspectorProps } from './ui/ComponentInspector.tsx'
export { ComponentPalette, type ComponentPaletteProps } from './ui/ComponentPalette.tsx'
export { ComponentShapeUtil } from './ui/ComponentShapeUtil.tsx'
export { componentShapeUtils } from './ui/componentShapeUtils.ts'
export { FlowArrowShapeUtil } from './ui/FlowArrowShapeUtil.ts'
export { FlowInspector } from './ui/FlowInspector.tsx'
export { getComponentIcon } from './ui/icons.ts'
export { keepReferenceLocked } from './ui/keepReferenceLocked.ts'
export { placeComponent } from './ui/placeComponent.ts'
export { RegionShapeUtil } from './ui/RegionShapeUtil.tsx'
export { unlockCopiedReferenceShapes } from './ui/unlockCopiedReferenceShapes.ts'
