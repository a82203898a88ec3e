// The node-safe half of @scaleboard/components (no React, no DOM, no 'tldraw' import): the
// catalogue, figure rules, shape props and migrations, and architecture → records. A server
// imports this as '@scaleboard/components/schema'; the browser gets it re-exported from index.ts.

export {
  CATALOGUE_BY_GROUP,
  type CatalogueEntry,
  type CatalogueShapeType,
  COMPONENT_CATALOGUE,
  GROUP_LABELS,
  GROUP_ORDER,
  getCatalogueEntry,
} from './catalogue/componentCatalogue.ts'
export { type FigureTotals, figureTotals } from './catalogue/figureTotals.ts'
export {
  formatCount,
  formatFigures,
  formatFraction,
  formatStorage,
  formatUsdPerHour,
} from './catalogue/formatFigures.ts'
export { type CatalogueGroupMatch, searchCatalogue } from './catalogue/searchCatalogue.ts'
export {
  FIGURE_NAMES,
  FIGURE_SPECS,
  type FigureName,
  type FigureSpec,
  type FigureValueType,
  getFigureSpec,
  isFigureName,
} from './figures/figureSpecs.ts'
export {
  checkFigureConsistency,
  checkFigureValue,
  type FigureInputResult,
  type FigureValue,
  listFigureProblems,
  parseFigureInput,
} from './figures/figureValidation.ts'
export {
  type FlowLabelParts,
  formatFlowLabel,
  formatRate,
  parseFlowLabel,
  richTextToPlain,
} from './flows/flowLabel.ts'
export { FLOW_META_KEY, FlowMeta, readFlowMeta, toFlowMeta } from './flows/flowMeta.ts'
export { type ArcThrough, arcThrough } from './layout/arcThrough.ts'
export { FLOW_LABEL_FONT_SIZE, flowLabelBox } from './layout/flowLabelBox.ts'
export { type ArchitectureLayout, layoutArchitecture } from './layout/layoutArchitecture.ts'
export { type LayoutInput, type LayoutResult, layoutGraph } from './layout/layoutGraph.ts'
export {
  type ArchitectureRecords,
  type ArchitectureToRecordsOptions,
  architectureToRecords,
} from './records/architectureToRecords.ts'
export {
  getReferenceMeta,
  isCopyOfReference,
  REFERENCE_META_KEY,
  type ReferenceMeta,
} from './records/referenceMeta.ts'
export { componentShapeSchemas, createBoardSchema } from './shapes/boardSchema.ts'
export {
  CARD_KINDS,
  type CardKind,
  COMPONENT_SHAPE_TYPE,
  type ComponentShape,
  type ComponentShapeProps,
  componentShapeMigrations,
  componentShapeProps,
  componentShapeVersions,
  DETAIL_MAX_LENGTH,
  getDefaultComponentProps,
  getDefaultRegionProps,
  NAME_MAX_LENGTH,
  REGION_SHAPE_TYPE,
  type RegionShape,
  type RegionShapeProps,
  regionShapeMigrations,
  regionShapeProps,
} from './shapes/componentShape.ts'
export { componentFiguresValidator } from './shapes/figuresValidator.ts'
