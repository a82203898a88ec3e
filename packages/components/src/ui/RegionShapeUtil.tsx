import { BaseFrameLikeShapeUtil, Group2d, HTMLContainer, Rectangle2d, Vec } from 'tldraw'
import {
  getDefaultRegionProps,
  REGION_SHAPE_TYPE,
  type RegionShape,
  regionShapeMigrations,
  regionShapeProps,
} from '../shapes/componentShape.ts'
import { getComponentIcon } from './icons.ts'
import './components.css'

const REGION_RADIUS = 14
const LABEL = { x: 10, y: 10, h: 26 }

/** Rough width of the label chip, for hit-testing it (the DOM is not measured per frame). */
function labelWidth(shape: RegionShape): number {
  const text = [shape.props.name, shape.props.detail].filter(Boolean).join('  ')
  return Math.min(shape.props.w - 2 * LABEL.x, 40 + text.length * 7)
}

function RegionBoundary({ shape }: { shape: RegionShape }) {
  const { name, detail, w, h } = shape.props
  const Icon = getComponentIcon('region-boundary')
  return (
    <HTMLContainer className="sb-region" style={{ width: w, height: h, borderRadius: REGION_RADIUS }}>
      <div className="sb-region__label" style={{ maxWidth: w - 2 * LABEL.x }}>
        <Icon size={14} strokeWidth={1.75} aria-hidden />
        <span className="sb-region__name">{name || 'Region'}</span>
        {detail && <span className="sb-region__detail">{detail}</span>}
      </div>
    </HTMLContainer>
  )
}

/**
 * A region, zone or network boundary. It is frame-like (tldraw's BaseFrameLikeShapeUtil): shapes
 * dragged into it become its children and move with it, and dragging them out releases them.
 * Only its edge and label are hit areas, so a click inside still reaches the canvas.
 */
export class RegionShapeUtil extends BaseFrameLikeShapeUtil<RegionShape> {
  static override type = REGION_SHAPE_TYPE
  static override props = regionShapeProps
  static override migrations = regionShapeMigrations

  override getDefaultProps(): RegionShape['props'] {
    return getDefaultRegionProps()
  }

  override canResize(): boolean {
    return true
  }

  /** Resizing a boundary must not resize the components inside it. */
  override canResizeChildren(): boolean {
    return false
  }

  override canBind(): boolean {
    return true
  }

  override canEdit(): boolean {
    return false
  }

  override getGeometry(shape: RegionShape) {
    return new Group2d({
      children: [
        new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: false }),
        new Rectangle2d({
          x: LABEL.x,
          y: LABEL.y,
          width: Math.max(1, labelWidth(shape)),
          height: LABEL.h,
          isFilled: true,
          isLabel: true,
        }),
      ],
    })
  }

  /** Clip children to the boundary's rectangle (the label chip is not part of the outline). */
  override getClipPath(shape: RegionShape): Vec[] {
    const { w, h } = shape.props
    return [new Vec(0, 0), new Vec(w, 0), new Vec(w, h), new Vec(0, h)]
  }

  override getText(shape: RegionShape): string {
    return [shape.props.name, shape.props.detail].filter(Boolean).join('\n')
  }

  override getAriaDescriptor(shape: RegionShape): string {
    return ['Region', shape.props.name, shape.props.detail].filter(Boolean).join(': ')
  }

  override component(shape: RegionShape) {
    return <RegionBoundary shape={shape} />
  }

  override getIndicatorPath(shape: RegionShape): Path2D {
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, shape.props.h, REGION_RADIUS)
    return path
  }
}
