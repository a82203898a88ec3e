export { BOARD_FORMAT_VERSION, BOARD_META, BOARD_RECORDS, BoardMetaKey } from './board.ts'
export {
  Architecture,
  ArchitectureComponent,
  ArchitectureFlow,
  ComponentFigures,
  ComponentGroup,
  ComponentKind,
  FlowMode,
} from './component.ts'
export { ApiError } from './error.ts'
export { canEditBoard, ROLE_LABELS, ROLES, Role } from './role.ts'
export {
  CreatedSession,
  CreateSessionBody,
  Level,
  SessionAccess,
  SessionId,
  SessionLinks,
  SessionSummary,
  UserId,
} from './session.ts'
export { SYNC_PATH, SyncCloseCode } from './sync.ts'
