export { createInProcessBus, type RoomBus, type RoomBusMembership } from './bus.ts'
export {
  type AwarenessEntry,
  decodeAwarenessEntries,
  decodeMessage,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type IncomingMessage,
  MalformedMessageError,
  MessageType,
  SyncStep,
} from './protocol.ts'
export { Room, type RoomConnection, type RoomOptions } from './Room.ts'
export { RoomFullError, type RoomLease, RoomRegistry, type RoomRegistryOptions } from './RoomRegistry.ts'
