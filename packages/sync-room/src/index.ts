export { createInProcessBus, type RoomBus, type RoomBusMembership } from './bus.ts'
export {
  decodeMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type IncomingMessage,
  MalformedMessageError,
  MessageType,
  readAwarenessClientIds,
  SyncStep,
} from './protocol.ts'
export { Room, type RoomConnection, type RoomOptions } from './Room.ts'
export { RoomFullError, type RoomLease, RoomRegistry, type RoomRegistryOptions } from './RoomRegistry.ts'
