import { BoardGuard } from '@scaleboard/board-rules'
import { parseDocumentId } from '@scaleboard/schema'
import type { RoomLimits, RoomRegistryOptions, UpdateGuardFactory } from '@scaleboard/sync-room'
import type { Config } from '../config.ts'

/** Every room judges client updates against its layer's rules (board or annotations) before applying them. */
export function boardGuardFactory(config: Config): UpdateGuardFactory {
  const limits = { maxRecords: config.MAX_RECORDS, maxRecordBytes: config.MAX_RECORD_BYTES }
  return (initialState, currentState, docId) => {
    const { layer } = parseDocumentId(docId)
    const guard = new BoardGuard(initialState, { currentState, limits, layer })
    return {
      check: (update, author) => guard.check(update, author.role),
      mirror: (update) => guard.mirror(update),
      destroy: () => guard.destroy(),
    }
  }
}

/** The room limits and slots from the configuration (README, "Limits"). */
export function roomLimits(config: Config): Partial<RoomLimits> & {
  slots: NonNullable<RoomRegistryOptions['maxConnectionsPerRole']>
} {
  return {
    maxAwarenessStateBytes: config.MAX_AWARENESS_BYTES,
    maxBufferedBytes: config.MAX_BUFFERED_BYTES,
    maxDocumentBytes: config.MAX_DOCUMENT_BYTES,
    connectionBytes: {
      perSecond: config.CONNECTION_BYTES_PER_SECOND,
      burst: 16 * config.CONNECTION_BYTES_PER_SECOND,
    },
    connectionMessages: {
      perSecond: config.CONNECTION_MESSAGES_PER_SECOND,
      burst: 10 * config.CONNECTION_MESSAGES_PER_SECOND,
    },
    roomUpdateBytes: { perSecond: config.ROOM_BYTES_PER_SECOND, burst: 16 * config.ROOM_BYTES_PER_SECOND },
    slots: {
      candidate: config.MAX_CONNECTIONS_PER_LINK,
      interviewer: config.MAX_CONNECTIONS_PER_LINK,
      observer: config.MAX_OBSERVERS_PER_ROOM,
    },
  }
}
