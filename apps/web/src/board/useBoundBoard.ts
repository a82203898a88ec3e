import { bindBoard, createBoardStore, type PresenceUser } from '@scaleboard/board-sync'
import type { Role } from '@scaleboard/schema'
import { useEffect, useState } from 'react'
import { atom, type TLStore } from 'tldraw'
import { isAnnotation } from '../annotations/annotationLayer.ts'
import type { ConnectionState } from './connectionState.ts'
import { boardShapeUtils } from './shapes.ts'
import type { BoardConnection } from './useBoardConnection.ts'

export interface BoundBoard {
  store: TLStore
  /** The board was written by a newer Scaleboard: the editor is read-only, the user should reload. */
  schemaTooNew: boolean
}

/**
 * The tldraw store for the board, bound to the doc once the doc's first sync is done (before that
 * "empty" could just mean "not loaded yet"). Observers get a read-only store and never write.
 */
export function useBoundBoard(
  connection: BoardConnection | null,
  firstSyncDone: boolean,
  role: Role,
  self: PresenceUser,
  connectionState: ConnectionState,
): BoundBoard | null {
  const [board, setBoard] = useState<BoundBoard | null>(null)
  const [status] = useState(() => atom<'online' | 'offline'>('board connection status', 'offline'))

  useEffect(() => {
    status.set(connectionState === 'live' ? 'online' : 'offline')
  }, [status, connectionState])

  useEffect(() => {
    if (!connection || !firstSyncDone) return
    const observer = role === 'observer'
    const readonly = atom('board readonly', observer)
    const store = createBoardStore({ readonly, status, user: self, shapeUtils: boardShapeUtils })
    const binding = bindBoard({
      store,
      doc: connection.doc,
      readonly: observer,
      // The interviewer's annotations share this store but live in their own doc (useAnnotations).
      owns: (record) => !isAnnotation(record),
      onSchemaTooNew: () => {
        readonly.set(true)
        setBoard((current) => (current ? { ...current, schemaTooNew: true } : current))
      },
    })
    setBoard({ store, schemaTooNew: binding.schemaTooNew })
    return () => {
      binding.dispose()
      store.dispose()
      setBoard(null)
    }
  }, [connection, firstSyncDone, role, self, status])

  return board
}
