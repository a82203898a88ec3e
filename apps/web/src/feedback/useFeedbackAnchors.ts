import { type Atom, atom, type Editor, getArrowBindings, type TLShapeId, useValue } from 'tldraw'
import { type ArrowEnds, anchorableIds, type ResolvedAnchor, resolveAnchors, shapeName } from './anchors.ts'

/**
 * Which feedback point is highlighted on this editor's board (its key), or null. One at a time:
 * showing another point replaces it. Local to this browser: nothing here reaches the document.
 */
const highlighted = new WeakMap<Editor, Atom<string | null>>()

export function highlightedPoint(editor: Editor): Atom<string | null> {
  let current = highlighted.get(editor)
  if (!current) {
    current = atom<string | null>('highlighted feedback point', null)
    highlighted.set(editor, current)
  }
  return current
}

/** The anchors as the board has them now, kept up to date as shapes are renamed or deleted. */
export function useResolvedAnchors(
  editor: Editor | null,
  ids: readonly string[] | undefined,
): ResolvedAnchor[] {
  const key = (ids ?? []).join(' ')
  return useValue('feedback anchors', () => {
    const list = key ? key.split(' ') : []
    if (!editor) return list.map((id) => ({ id, name: 'component', present: true }))
    return resolveAnchors(list, (id) => {
      const shape = editor.getShape(id as TLShapeId)
      if (!shape) return undefined
      return { shape, ends: shape.type === 'arrow' ? arrowEnds(editor, shape) : undefined }
    })
  }, [editor, key])
}

function arrowEnds(editor: Editor, arrow: Parameters<typeof getArrowBindings>[1]): ArrowEnds {
  const bindings = getArrowBindings(editor, arrow)
  const nameOf = (id: TLShapeId | undefined) => {
    const shape = id ? editor.getShape(id) : undefined
    return shape ? shapeName(shape) : undefined
  }
  return { start: nameOf(bindings.start?.toId), end: nameOf(bindings.end?.toId) }
}

/** The ids of the selected shapes a feedback point may anchor to (annotations left out). */
export function useAnchorableSelection(editor: Editor | null): string[] {
  const key = useValue(
    'anchorable selection',
    () => (editor ? anchorableIds(editor.getSelectedShapes()).join(' ') : ''),
    [editor],
  )
  return key ? key.split(' ') : []
}
