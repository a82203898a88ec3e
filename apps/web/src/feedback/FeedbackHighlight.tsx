import { Crosshair, Sparkles, Target, X } from 'lucide-react'
import { useCallback, useEffect } from 'react'
import { createPortal } from 'react-dom'
import { Box, type Editor, type TLShapeId, useValue } from 'tldraw'
import { padRect, type ResolvedAnchor, unionRect, type ViewportRect } from './anchors.ts'
import { highlightedPoint } from './useFeedbackAnchors.ts'
import './feedback.css'

export type FeedbackTone = 'strength' | 'improvement'

const TONE_TITLE: Record<FeedbackTone, string> = { strength: 'Strength', improvement: 'To improve' }

/** Room around a highlighted shape, in screen pixels, so the outline does not hide its edge. */
const OUTLINE_GAP = 6

/**
 * Whether feedback point `pointKey` is the one highlighted on the board, and the means to show or
 * hide it. Showing one point hides any other. A point that goes away (its panel closes) takes its
 * highlight with it.
 */
export function useFeedbackHighlight(editor: Editor | null, pointKey: string) {
  const active = useValue(
    'feedback point highlighted',
    () => (editor ? highlightedPoint(editor).get() === pointKey : false),
    [editor, pointKey],
  )
  const show = useCallback(
    (shapeIds: readonly string[], { zoom }: { zoom: boolean }) => {
      if (!editor) return
      highlightedPoint(editor).set(pointKey)
      if (zoom) zoomToShapes(editor, shapeIds)
    },
    [editor, pointKey],
  )
  const hide = useCallback(() => {
    if (editor && highlightedPoint(editor).get() === pointKey) highlightedPoint(editor).set(null)
  }, [editor, pointKey])
  useEffect(() => hide, [hide])
  return { active, show, hide }
}

/**
 * Moves the camera so the shapes fill the view (never zooming in past 100 %). Animated, unless the
 * user prefers reduced motion (tldraw's animation speed is 0 then, and the camera jumps).
 */
function zoomToShapes(editor: Editor, shapeIds: readonly string[]) {
  const page = editor.getCurrentPageId()
  const boxes = shapeIds.flatMap((id) => {
    const shape = editor.getShape(id as TLShapeId)
    if (!shape || editor.getAncestorPageId(shape) !== page) return []
    const bounds = editor.getShapePageBounds(shape)
    return bounds ? [bounds] : []
  })
  if (boxes.length === 0) return
  editor.zoomToBounds(Box.Common(boxes), { animation: { duration: 320 }, inset: 120, targetZoom: 1 })
}

interface ShowOnBoardProps {
  editor: Editor | null
  /** unique among the feedback points on screen, e.g. "feedback:strength" */
  pointKey: string
  tone: FeedbackTone
  anchors: readonly ResolvedAnchor[]
  label?: string
}

/**
 * "Show on board": moves the camera to the point's components and outlines them until dismissed
 * (Esc, the outline's close button, this button again, or showing another point).
 */
export function ShowOnBoard({ editor, pointKey, tone, anchors, label = 'Show on board' }: ShowOnBoardProps) {
  const { active, show, hide } = useFeedbackHighlight(editor, pointKey)
  const present = anchors.filter((anchor) => anchor.present).map((anchor) => anchor.id)
  if (!editor || anchors.length === 0) return null
  return (
    <>
      <button
        type="button"
        className="sb-button sb-button--small feedback-show"
        aria-pressed={active}
        disabled={present.length === 0}
        title={present.length === 0 ? 'Its components are no longer on the board' : undefined}
        onClick={() => (active ? hide() : show(present, { zoom: true }))}
      >
        <Crosshair size={14} aria-hidden /> {label}
      </button>
      {active && <FeedbackHighlight editor={editor} shapeIds={present} tone={tone} onDismiss={hide} />}
    </>
  )
}

interface FeedbackHighlightProps {
  editor: Editor
  shapeIds: readonly string[]
  tone: FeedbackTone
  onDismiss: () => void
}

/**
 * Outlines of the shapes a feedback point is about, over the board: drawn into the editor's
 * container and moved with the camera, never a change to the board itself. Clicks pass through
 * to the board, except on the tag's close button.
 */
export function FeedbackHighlight({ editor, shapeIds, tone, onDismiss }: FeedbackHighlightProps) {
  const key = shapeIds.join(' ')
  const rects = useValue('feedback highlight outlines', () => {
    const page = editor.getCurrentPageId()
    return (key ? key.split(' ') : []).flatMap((id): (ViewportRect & { id: string })[] => {
      const shape = editor.getShape(id as TLShapeId)
      if (!shape || editor.getAncestorPageId(shape) !== page) return []
      const bounds = editor.getShapePageBounds(shape)
      if (!bounds) return []
      const topLeft = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
      const bottomRight = editor.pageToViewport({ x: bounds.maxX, y: bounds.maxY })
      return [{ id, x: topLeft.x, y: topLeft.y, w: bottomRight.x - topLeft.x, h: bottomRight.y - topLeft.y }]
    })
  }, [editor, key])

  useEffect(() => {
    // Capture: tldraw handles Esc too (it clears the selection), and must keep doing so.
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onDismiss()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [onDismiss])

  const around = unionRect(rects)
  if (!around) return null
  const outer = padRect(around, OUTLINE_GAP)
  // The tag sits above the outlines, or below them when they touch the top of the view.
  const tagTop = outer.y > 40 ? outer.y - 34 : outer.y + outer.h + 6
  const Icon = tone === 'strength' ? Sparkles : Target
  return createPortal(
    <div className={`feedback-highlight feedback-highlight--${tone}`} data-testid="feedback-highlight">
      {rects.map((rect) => {
        const box = padRect(rect, OUTLINE_GAP)
        return (
          <div
            key={rect.id}
            className="feedback-highlight__outline"
            data-testid="feedback-highlight-outline"
            data-shape-id={rect.id}
            style={{ transform: `translate(${box.x}px, ${box.y}px)`, width: box.w, height: box.h }}
          />
        )
      })}
      <div
        className="feedback-highlight__tag"
        style={{ left: Math.max(8, outer.x), top: Math.max(8, tagTop) }}
      >
        <Icon size={13} aria-hidden />
        <span>{TONE_TITLE[tone]}</span>
        <button
          type="button"
          className="feedback-highlight__close"
          onClick={onDismiss}
          aria-label="Stop highlighting (Esc)"
          title="Stop highlighting (Esc)"
        >
          <X size={13} aria-hidden />
        </button>
      </div>
    </div>,
    editor.getContainer(),
  )
}
