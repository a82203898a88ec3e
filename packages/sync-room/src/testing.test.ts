import { describeDocumentLogContract } from '@scaleboard/storage/contract'
import { createMemoryLog } from './testing.ts'

// The room tests run on this log; it must behave like the real ones.
describeDocumentLogContract('in-memory log (sync-room testing)', async () => ({
  store: createMemoryLog(),
  close: async () => {},
}))
