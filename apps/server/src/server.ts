import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { DEFAULT_SCENARIOS_DIR, loadScenarios } from '@scaleboard/scenarios'
import { openSqliteStorage, type Storage } from '@scaleboard/storage'
import { createInProcessBus, RoomRegistry } from '@scaleboard/sync-room'
import { resolveAdminToken } from './adminToken.ts'
import { createApp } from './app.ts'
import { initialBoardUpdate } from './boards/scenarioBoard.ts'
import type { Config } from './config.ts'
import { createSyncUpgradeHandler } from './sync/upgrade.ts'

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787 */
  url: string
  port: number
  adminToken: string
  adminTokenGenerated: boolean
  storage: Storage
  rooms: RoomRegistry
  /** Stops accepting, closes sockets, flushes every room to the log, closes storage. */
  close(): Promise<void>
}

/** Wires storage, rooms, HTTP and WebSocket on one port. main.ts and the tests both start here. */
export async function startServer(config: Config): Promise<RunningServer> {
  // A broken scenario file stops the start with a message naming the file and field.
  const scenarios = new Map(
    (await loadScenarios(config.SCENARIOS_DIR ?? DEFAULT_SCENARIOS_DIR)).map((scenario) => [
      scenario.id,
      scenario,
    ]),
  )
  const storage = await openSqliteStorage({ dataDir: config.DATA_DIR })
  const { token: adminToken, generated } = resolveAdminToken(config.DATA_DIR, config.ADMIN_TOKEN)
  const rooms = new RoomRegistry({
    log: storage,
    bus: createInProcessBus(),
    maxConnectionsPerRoom: config.MAX_CONNECTIONS_PER_ROOM,
  })
  const app = createApp({
    storage,
    adminToken,
    publicUrl: config.PUBLIC_URL,
    scenarios,
    initialBoard: (scenarioId) => {
      if (scenarioId === null) return initialBoardUpdate(null)
      const scenario = scenarios.get(scenarioId)
      return scenario ? initialBoardUpdate(scenario) : null
    },
    web: { distDir: config.WEB_DIST_DIR, tldrawLicenseKey: config.TLDRAW_LICENSE_KEY },
  })
  const sync = createSyncUpgradeHandler({ storage, rooms, maxFrameBytes: config.MAX_FRAME_BYTES })

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s))
    s.once('error', reject)
  })
  server.on('upgrade', sync.handleUpgrade)
  const { port } = server.address() as AddressInfo
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST

  let closing: Promise<void> | null = null
  return {
    url: `http://${host}:${port}`,
    port,
    adminToken,
    adminTokenGenerated: generated,
    storage,
    rooms,
    close() {
      closing ??= (async () => {
        sync.close()
        await new Promise<void>((resolve) => server.close(() => resolve()))
        await rooms.closeAll()
        await storage.close()
      })()
      return closing
    },
  }
}
