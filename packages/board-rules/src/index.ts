export { BoardGuard, type BoardGuardOptions, type BoardWriter, type GuardVerdict } from './BoardGuard.ts'
export { type BoardLimits, DEFAULT_BOARD_LIMITS } from './boardLimits.ts'
export { DOCUMENT_RECORD_ID, isReferenceOriginal } from './protectedRecords.ts'
