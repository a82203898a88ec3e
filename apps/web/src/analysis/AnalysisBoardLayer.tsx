import type { BoardAnalysis } from '@scaleboard/analysis'
import { createPortal } from 'react-dom'
import { type Editor, type TLShapeId, useValue } from 'tldraw'
import { WhatIfBanner } from './AnalysisSection.tsx'
import { utilisationBadges } from './badges.ts'
import type { LiveAnalysis } from './useLiveAnalysis.ts'
import './analysis.css'

/** Room between an alarmed card and its red outline, in screen pixels. */
const OUTLINE_GAP = 4

interface Placed {
  shapeId: string
  /** the card's rectangle in the editor's viewport */
  x: number
  y: number
  w: number
  h: number
  /** where the badge's anchor (the card's top-right corner) is drawn */
  badgeX: number
  badgeY: number
}

/**
 * Utilisation badges on the analysed cards, red outlines around overloaded and down ones, and the
 * what-if in force, over the canvas: drawn into the editor's container and moved with the camera,
 * never part of the document. Only while this person sees the analysis.
 */
export function AnalysisBoardLayer({ editor, live }: { editor: Editor | null; live: LiveAnalysis }) {
  if (!editor || !live.visible || !live.analysis) return null
  return <BoardLayer editor={editor} analysis={live.analysis} live={live} />
}

function BoardLayer({
  editor,
  analysis,
  live,
}: {
  editor: Editor
  analysis: BoardAnalysis
  live: LiveAnalysis
}) {
  const badges = utilisationBadges(analysis.components)
  const placed = useValue('analysis badge positions', () => {
    const page = editor.getCurrentPageId()
    const viewport = editor.getViewportScreenBounds()
    const at = new Map<string, Placed>()
    for (const badge of badges) {
      const shape = editor.getShape(badge.shapeId as TLShapeId)
      if (!shape || editor.getAncestorPageId(shape) !== page) continue
      const bounds = editor.getShapePageBounds(shape)
      if (!bounds) continue
      const topLeft = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
      const bottomRight = editor.pageToViewport({ x: bounds.maxX, y: bounds.maxY })
      // out of sight: nothing to draw (an edge badge would point at nothing)
      if (bottomRight.x < 0 || bottomRight.y < 0 || topLeft.x > viewport.w || topLeft.y > viewport.h) continue
      at.set(badge.shapeId, {
        shapeId: badge.shapeId,
        x: topLeft.x,
        y: topLeft.y,
        w: bottomRight.x - topLeft.x,
        h: bottomRight.y - topLeft.y,
        // a card cut by the view's right or top edge keeps its badge in sight
        badgeX: Math.max(topLeft.x + 36, Math.min(bottomRight.x, viewport.w - 12)),
        badgeY: Math.min(Math.max(topLeft.y, 14), bottomRight.y - 8),
      })
    }
    return at
  }, [editor, analysis])
  return createPortal(
    <div className="analysis-layer" data-testid="analysis-layer">
      {badges.map((badge) => {
        const rect = placed.get(badge.shapeId)
        if (!rect) return null
        return (
          <div key={badge.shapeId}>
            {badge.alarm && (
              <div
                className="analysis-outline"
                data-testid="analysis-outline"
                data-shape-id={badge.shapeId}
                style={{
                  transform: `translate(${rect.x - OUTLINE_GAP}px, ${rect.y - OUTLINE_GAP}px)`,
                  width: rect.w + 2 * OUTLINE_GAP,
                  height: rect.h + 2 * OUTLINE_GAP,
                }}
              />
            )}
            <span
              className={`analysis-badge analysis-badge--${badge.state}`}
              data-testid="analysis-badge"
              data-shape-id={badge.shapeId}
              data-state={badge.state}
              title={badge.title}
              style={{ transform: `translate(${rect.badgeX}px, ${rect.badgeY}px) translate(-85%, -55%)` }}
            >
              {badge.text}
            </span>
          </div>
        )
      })}
      <div className="analysis-layer__whatif">
        <WhatIfBanner state={live.state.data} editor={editor} testId="analysis-whatif-board" />
      </div>
    </div>,
    editor.getContainer(),
  )
}
