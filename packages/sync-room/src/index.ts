export {
  createInProcessBus,
  type InProcessBus,
  type RoomBus,
  type RoomBusHandlers,
  type RoomBusMembership,
} from './bus.ts'
export type { GuardVerdict, LogHealthReporter, UpdateGuard, UpdateGuardFactory } from './guard.ts'
export { DEFAULT_ROOM_LIMITS, type RoomLimits } from './limits.ts'
export type { RoomObserver } from './observer.ts'
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
export { isClientFault, Room, type RoomConnection, type RoomOptions } from './Room.ts'
export {
  DEFAULT_CONNECTIONS_PER_ROLE,
  RoomFullError,
  type RoomLease,
  RoomRegistry,
  type RoomRegistryOptions,
} from './RoomRegistry.ts'
export { createTokenBucket, type TokenBucket, type TokenBucketRate } from './tokenBucket.ts'
