import { useEffect, useMemo } from 'react'
import { atom, type Editor, type TLShape, type TLShapeId, useEditor, useValue } from 'tldraw'
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
  const annotationIds = useAnnotationIds(editor)
  const badges = useValue('annotation badges', () => {
    const shown: Badge[] = []
    const viewport = editor.getViewportScreenBounds()
    const pageId = editor.getCurrentPageId()
    const annotations = [...annotationIds.get()]
      .map((id) => editor.getShape(id))
      .filter((shape): shape is TLShape => shape !== undefined && shape.parentId === pageId)
      // in drawing order, as the page sorts them (annotations are page-level shapes)
      .sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0))
    for (const shape of annotations) {
      const bounds = editor.getShapePageBounds(shape as TLShape)
      if (!bounds) continue
      const at = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
      if (at.x < -40 || at.y < -20 || at.x > viewport.width || at.y > viewport.height + 20) continue
      if (shown.some((b) => Math.abs(b.left - at.x) < MIN_GAP.x && Math.abs(b.top - at.y) < MIN_GAP.y))
        continue
      shown.push({ id: shape.id, left: at.x, top: at.y, detached: shape.opacity === DETACHED_OPACITY })
    }
    return shown
  }, [editor, annotationIds])
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

/**
 * The ids of the annotation shapes, kept from the store's changes (O(changes)) rather than found
 * by scanning every shape on each change: on a big board a remote drag would otherwise cost a
 * sort of the whole page per frame.
 */
function useAnnotationIds(editor: Editor) {
  const ids = useMemo(() => {
    const initial = editor.store.allRecords().filter((r) => r.typeName === 'shape' && annotationOf(r))
    return atom<ReadonlySet<TLShapeId>>('annotation ids', new Set(initial.map((r) => r.id as TLShapeId)))
  }, [editor])
  useEffect(
    () =>
      editor.store.listen(
        ({ changes }) => {
          let next: Set<TLShapeId> | null = null
          const edit = () => {
            next ??= new Set(ids.get())
            return next
          }
          for (const record of [
            ...Object.values(changes.added),
            ...Object.values(changes.updated).map(([, to]) => to),
          ])
            if (record.typeName === 'shape') {
              const id = record.id as TLShapeId
              const is = annotationOf(record) !== null
              if (is !== ids.get().has(id)) is ? edit().add(id) : edit().delete(id)
            }
          for (const record of Object.values(changes.removed))
            if (record.typeName === 'shape' && ids.get().has(record.id as TLShapeId))
              edit().delete(record.id as TLShapeId)
          if (next) ids.set(next)
        },
        { scope: 'document' },
      ),
    [editor, ids],
  )
  return ids
}
