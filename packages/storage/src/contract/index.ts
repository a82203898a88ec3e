/**
 * @scaleboard/storage/contract: one vitest contract suite per storage interface, run against
 * every implementation (SQLite here, PostgreSQL later, the in-memory log of the room tests).
 * A separate entry, so production code never imports vitest.
 */
export { describeDocumentLogContract } from './documentLogContract.ts'
export { describeInterviewStoreContract } from './interviewStoreContract.ts'
export { describeRevisionStoreContract } from './revisionStoreContract.ts'
export { describeSessionStoreContract, type SessionStoreSubject } from './sessionStoreContract.ts'
export type { ContractSubject, OpenSubject } from './subject.ts'
