import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  describeDocumentLogContract,
  describeInterviewStoreContract,
  describeRevisionStoreContract,
  describeSessionStoreContract,
} from '../contract/index.ts'
import { openSqliteStorage } from './SqliteStorage.ts'

/** A fresh database file in its own folder, removed on close. */
async function openFresh() {
  const dir = mkdtempSync(join(tmpdir(), 'scaleboard-contract-'))
  const store = await openSqliteStorage({ dataDir: dir })
  return {
    store,
    async close() {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

describeDocumentLogContract('SQLite', openFresh)
describeSessionStoreContract('SQLite', openFresh)
describeInterviewStoreContract('SQLite', openFresh)
describeRevisionStoreContract('SQLite', openFresh)
