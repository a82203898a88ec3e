import { type TLShape, useEditor, useValue } from 'tldraw'
import { annotationOf } from './annotationLayer.ts'
import { DETACHED_OPACITY } from './pinnedComments.ts'

interface Badge {
  id: string
  left: number
  top: number
  detached: boolean
}

/** Badges closer than this (screen px) to one already shown are left out: strokes would bury the board. */
const MIN_GAP = { x: 84, y: 20 }

/**
 * An "Interviewer" badge at the top-left of each annotation, in screen space above the canvas,
 * so nobody mistakes the interviewer's marks for the candidate's. A comment whose component was
 * deleted says so.
 */
export function AnnotationBadges() {
  const editor = useEditor()
  const badges = useValue('annotation badges', () => {
    const shown: Badge[] = []
    const viewport = editor.getViewportScreenBounds()
    for (const shape of editor.getCurrentPageShapesSorted()) {
      if (!annotationOf(shape) || editor.getShape(shape.parentId)) continue
      const bounds = editor.getShapePageBounds(shape as TLShape)
      if (!bounds) continue
      const at = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
      if (at.x < -40 || at.y < -20 || at.x > viewport.width || at.y > viewport.height + 20) continue
      if (shown.some((b) => Math.abs(b.left - at.x) < MIN_GAP.x && Math.abs(b.top - at.y) < MIN_GAP.y))
        continue
      shown.push({ id: shape.id, left: at.x, top: at.y, detached: shape.opacity === DETACHED_OPACITY })
    }
    return shown
  }, [editor])
  if (badges.length === 0) return null
  return (
    <div className="annotation-badges" aria-hidden>
      {badges.map((badge) => (
        <span
          key={badge.id}
          className={`annotation-badge${badge.detached ? ' annotation-badge--detached' : ''}`}
          data-testid="annotation-badge"
          data-shape-id={badge.id}
          style={{ transform: `translate(${badge.left}px, ${badge.top - 20}px)` }}
        >
          Interviewer{badge.detached ? ' · component removed' : ''}
        </span>
      ))}
    </div>
  )
}
