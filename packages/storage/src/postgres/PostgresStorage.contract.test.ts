import { afterAll, beforeAll, describe } from 'vitest'
import {
  type PostgresService,
  scaleoutSkipReason,
  startPostgres,
} from '../../../../test/services/postgres.ts'
import {
  describeDocumentLogContract,
  describeInterviewStoreContract,
  describeRevisionStoreContract,
  describeSessionStoreContract,
} from '../contract/index.ts'
import { openPostgresStorage } from './PostgresStorage.ts'

const skip = scaleoutSkipReason()

describe.skipIf(skip)(`PostgreSQL contracts${skip ? ` (${skip})` : ''}`, () => {
  let server: PostgresService
  let databases = 0
  beforeAll(async () => {
    server = await startPostgres()
    // Migrated once; each test gets a copy of it, much faster than migrating a new database.
    const template = await openPostgresStorage({ url: await server.createDatabase('migrated') })
    await template.close()
  }, 120_000)
  afterAll(() => server?.stop())

  /** A fresh database, copied from the migrated template, for one test. */
  async function openFresh() {
    const store = await openPostgresStorage({
      url: await server.createDatabase(`contract_${++databases}`, { template: 'migrated' }),
      maxConnections: 4,
    })
    return { store, close: () => store.close() }
  }

  describeDocumentLogContract('PostgreSQL', openFresh)
  describeSessionStoreContract('PostgreSQL', openFresh)
  describeInterviewStoreContract('PostgreSQL', openFresh)
  describeRevisionStoreContract('PostgreSQL', openFresh)
})
