export { diffBoards } from './diffBoards.ts'
export { MOVE_THRESHOLD, RESIZE_THRESHOLD, ROTATION_THRESHOLD } from './layoutChanges.ts'
