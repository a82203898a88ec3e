import { BaseBoxShapeUtil, HTMLContainer, resizeBox, type TLResizeInfo } from 'tldraw'
import { COMPONENT_CATALOGUE } from '../catalogue/componentCatalogue.ts'
import { figureLines, formatFigures, joinFigures } from '../catalogue/formatFigures.ts'
import {
  COMPONENT_SHAPE_TYPE,
  type ComponentShape,
  componentShapeMigrations,
  componentShapeProps,
  getDefaultComponentProps,
} from '../shapes/componentShape.ts'
import { getComponentIcon } from './icons.ts'
import './components.css'

const CARD_RADIUS = 10
const MIN_CARD = { minWidth: 140, minHeight: 56 }

/**
 * A card on the canvas: icon, kind, name, detail and two lines of key figures, each cut short on
 * its own: scale and cost first ("2 × A10G · 120 rps each · $2.0/h"), then latency and the rest
 * ("p50 35 ms · p99 80 ms"), so p50 and p99 stay in sight on a card of the default size.
 */
function ComponentCard({ shape }: { shape: ComponentShape }) {
  const { kind, name, detail, figures, w, h } = shape.props
  const entry = COMPONENT_CATALOGUE[kind]
  const Icon = getComponentIcon(kind)
  const lines = figureLines(kind, figures)
  const title = name.trim() || entry.label
  return (
    <HTMLContainer
      className={`sb-card sb-group-${entry.group}`}
      style={{ width: w, height: h, borderRadius: CARD_RADIUS }}
      data-kind={kind}
    >
      <div className="sb-card__head">
        <span className="sb-card__icon">
          <Icon size={18} strokeWidth={1.75} aria-hidden />
        </span>
        <div className="sb-card__titles">
          {title !== entry.label && <div className="sb-card__kind">{entry.label}</div>}
          <div className="sb-card__name">{title}</div>
        </div>
      </div>
      {detail && <div className="sb-card__detail">{detail}</div>}
      {(lines.scale.length > 0 || lines.service.length > 0) && (
        <div className="sb-card__figures">
          {lines.scale.length > 0 && <div className="sb-card__figures-line">{joinFigures(lines.scale)}</div>}
          {lines.service.length > 0 && (
            <div className="sb-card__figures-line">{joinFigures(lines.service)}</div>
          )}
        </div>
      )}
    </HTMLContainer>
  )
}

/**
 * The one shape type for every ML-serving building block (its `kind` says which), so arrows,
 * selection, copy and paste treat all of them alike.
 */
export class ComponentShapeUtil extends BaseBoxShapeUtil<ComponentShape> {
  static override type = COMPONENT_SHAPE_TYPE
  static override props = componentShapeProps
  static override migrations = componentShapeMigrations

  override getDefaultProps(): ComponentShape['props'] {
    return getDefaultComponentProps()
  }

  override canResize(): boolean {
    return true
  }

  /** Arrows bind to cards: that is how data flows stay attached when cards move. */
  override canBind(): boolean {
    return true
  }

  /** Names and figures are edited in the inspector panel, not on the canvas. */
  override canEdit(): boolean {
    return false
  }

  override onResize(shape: ComponentShape, info: TLResizeInfo<ComponentShape>) {
    return resizeBox(shape, info, MIN_CARD)
  }

  override getText(shape: ComponentShape): string {
    return [shape.props.name, shape.props.detail].filter(Boolean).join('\n')
  }

  override getAriaDescriptor(shape: ComponentShape): string {
    const { kind, name, detail, figures } = shape.props
    const label = COMPONENT_CATALOGUE[kind].label
    return [name && name !== label ? `${label}: ${name}` : label, detail, formatFigures(kind, figures)]
      .filter(Boolean)
      .join('. ')
  }

  override component(shape: ComponentShape) {
    return <ComponentCard shape={shape} />
  }

  override getIndicatorPath(shape: ComponentShape): Path2D {
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, shape.props.h, CARD_RADIUS)
    return path
  }
}
