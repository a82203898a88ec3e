import { type BoardBinding, bindBoard, type PresenceUser } from '@scaleboard/board-sync'
import type { Role } from '@scaleboard/schema'
import { useEffect, useState } from 'react'
import type { Editor, TLStore } from 'tldraw'
import { type ConnectionState, connectionState } from '../board/connectionState.ts'
import { useBoardConnection } from '../board/useBoardConnection.ts'
import { isAnnotation } from './annotationLayer.ts'
import { drawAsAnnotations, keepLayersApart, protectAnnotations } from './annotationRules.ts'
import { followPinnedComments } from './pinnedComments.ts'

export interface Annotations {
  /** The layer's own connection (the board's indicator shows the board's). */
  state: ConnectionState
  /** True once the layer's records are in the editor. */
  loaded: boolean
}

/**
 * The interviewer's annotations layer in the board's editor: its own document and connection
 * (`/sync/<id>/annotations`), bound into the board's store next to the board's records. The
 * interviewer draws on it; everyone else reads it and cannot touch it.
 */
export function useAnnotations(
  sessionId: string,
  token: string,
  self: PresenceUser,
  role: Role,
  store: TLStore | null,
  editor: Editor | null,
): Annotations {
  const writer = role === 'interviewer'
  const { connection, facts } = useBoardConnection(sessionId, token, self.id, 'annotations')
  const [binding, setBinding] = useState<BoardBinding | null>(null)

  useEffect(() => {
    if (!store || !connection || !facts.everSynced) return
    const bound = bindBoard({ store, doc: connection.doc, readonly: !writer, owns: isAnnotation })
    setBinding(bound)
    return () => {
      bound.dispose()
      setBinding(null)
    }
  }, [store, connection, facts.everSynced, writer])

  // The editor's rules hold from mount on; what the interviewer draws before the layer has
  // loaded is written to it once it has (the binding writes the layer's records it lacks).
  useEffect(() => {
    if (!editor) return
    const cleanups = writer
      ? [drawAsAnnotations(editor, self.name), keepLayersApart(editor, true)]
      : [protectAnnotations(editor), keepLayersApart(editor, false)]
    return () => {
      for (const cleanup of cleanups) cleanup()
    }
  }, [editor, writer, self.name])

  useEffect(() => {
    if (!editor) return
    return followPinnedComments(
      editor,
      writer && binding ? { persist: (shapes) => binding.write(shapes) } : {},
    )
  }, [editor, writer, binding])

  return { state: connectionState(facts), loaded: binding !== null }
}
