/**
 * Scaleboard's own server as it ships: token check on every upgrade, rooms loaded from and
 * logged to SQLite in a temporary DATA_DIR. Started by bench/sync-fanout.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig, startServer } from '../apps/server/src/index.ts'
import { reportToParent } from './serverProcess.ts'

const adminToken = process.env.BENCH_ADMIN_TOKEN ?? 'bench-admin-token-Zq8Lw3Rt6Yp1Nc5Vx'
const dataDir = mkdtempSync(join(tmpdir(), 'scaleboard-bench-'))
const server = await startServer(
  loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: adminToken }),
)

reportToParent({ port: server.port, info: { adminToken, dataDir } }, async () => {
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})
