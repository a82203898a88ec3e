import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { phaseRevisionLabel, shapeNamesOf } from '@scaleboard/revisions'
import { DEFAULT_SCENARIOS_DIR, loadScenarios } from '@scaleboard/scenarios'
import { DocumentLayer, documentIdOf, SyncCloseCode } from '@scaleboard/schema'
import { openSqliteStorage, type Storage } from '@scaleboard/storage'
import { createInProcessBus, RoomRegistry } from '@scaleboard/sync-room'
import { resolveAdminToken } from './adminToken.ts'
import { createApp } from './app.ts'
import { prepareInitialBoards } from './boards/scenarioBoard.ts'
import type { Config } from './config.ts'
import { linkOrigin } from './http/linkOrigin.ts'
import { type ApiRateLimits, createApiRateLimits } from './http/rateLimit.ts'
import { createSessionState } from './interview/sessionState.ts'
import { startRetention } from './retention.ts'
import { createRevisionService } from './revisions/revisionService.ts'
import { createSessionEvents } from './revisions/sessionEvents.ts'
import { createSessionDeletion } from './sessionDeletion.ts'
import { boardGuardFactory, roomLimits } from './sync/boardRoomOptions.ts'
import { createLogHealth } from './sync/logHealth.ts'
import { createTicketStore } from './sync/tickets.ts'
import { createSyncUpgradeHandler } from './sync/upgrade.ts'

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787 */
  url: string
  port: number
  adminToken: string
  adminTokenGenerated: boolean
  storage: Storage
  rooms: RoomRegistry
  /** The /api rate limiters (http/rateLimiter.ts `RateLimiter`s, keyed by client address or token). */
  rateLimits: ApiRateLimits
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
  const initialBoards = await prepareInitialBoards(scenarios.values())
  const storage = await openSqliteStorage({ dataDir: config.DATA_DIR })
  const { token: adminToken, generated } = resolveAdminToken(config.DATA_DIR, config.ADMIN_TOKEN)
  const logHealth = createLogHealth()
  const { slots, ...limits } = roomLimits(config)
  const rooms = new RoomRegistry({
    log: storage,
    bus: createInProcessBus(),
    guard: boardGuardFactory(config),
    limits,
    maxConnectionsPerRole: slots,
    health: logHealth,
  })
  // WebSocket tickets: the web app trades its role token for one before every (re)connect.
  const tickets = createTicketStore({ ttlMs: 30_000 })
  const rateLimits = createApiRateLimits({
    perIp: config.RATE_LIMIT_PER_IP,
    perToken: config.RATE_LIMIT_PER_TOKEN,
    authFailures: config.RATE_LIMIT_AUTH_FAILURES,
  })
  let listeningUrl = ''
  // The organiser's DELETE and retention delete sessions alike: boards closed (4404), data gone, audited.
  const sessionDeletion = createSessionDeletion({
    storage,
    closeConnections: (sessionId) => {
      for (const layer of DocumentLayer.options)
        rooms.disconnect(
          documentIdOf(sessionId, layer),
          () => true,
          SyncCloseCode.sessionDeleted,
          'this interview was deleted',
        )
    },
  })
  const broadcastToSession = (sessionId: string, frame: Uint8Array) =>
    rooms.broadcast(sessionId, frame, (connection) => connection.wantsSessionState === true)
  const revisions = createRevisionService({
    storage,
    rooms,
    // called only after start-up, when sessionState exists: it encodes the channel's messages
    announce: (sessionId) => sessionState.changed(sessionId, 'revisions'),
  })
  const sessionState = createSessionState({
    storage,
    broadcast: broadcastToSession,
    onPhaseLeft: async (session, left, at) => {
      const label = phaseRevisionLabel(left)
      if (label) await revisions.take(session.id, { label, kind: 'phase', author: 'system', at })
    },
  })
  const sessionEvents = createSessionEvents({
    storage,
    scenarios,
    shapeNames: async (sessionId) => {
      await revisions.flush(sessionId)
      const board = await revisions.layerAt(sessionId, 'board', await storage.lastSeq(sessionId))
      return shapeNamesOf(board.records)
    },
  })
  const app = createApp({
    storage,
    sessionState,
    revisions,
    sessionEvents,
    levelPhaseMinutes: (scenarioId, level) =>
      (scenarioId && scenarios.get(scenarioId)?.levels.find((l) => l.level === level)?.phaseMinutes) || null,
    logHealth,
    tickets,
    adminToken,
    api: {
      rateLimits,
      trustProxy: config.TRUST_PROXY,
      maxBodyBytes: config.MAX_BODY_BYTES,
      maxJsonDepth: config.MAX_JSON_DEPTH,
    },
    linkOrigin: linkOrigin({
      publicUrl: config.PUBLIC_URL,
      allowedHosts: config.ALLOWED_HOSTS,
      listeningUrl: () => listeningUrl,
    }),
    scenarios,
    sessionDeletion,
    revokeConnections: (sessionId, role) => {
      for (const layer of DocumentLayer.options)
        rooms.disconnect(
          documentIdOf(sessionId, layer),
          (connection) => connection.author.role === role,
          SyncCloseCode.tokenRevoked,
          'this link was replaced by a new one: ask the organiser for it',
        )
    },
    initialBoard: (scenarioId) => initialBoards.get(scenarioId) ?? null,
    web: { distDir: config.WEB_DIST_DIR, tldrawLicenseKey: config.TLDRAW_LICENSE_KEY },
  })
  const sync = createSyncUpgradeHandler({
    storage,
    rooms,
    maxFrameBytes: config.MAX_FRAME_BYTES,
    tickets,
    authFailures: rateLimits.authFailures,
    sessionState,
    isSessionDeleted: sessionDeletion.isDeleted,
  })

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s))
    s.once('error', reject)
  })
  server.on('upgrade', sync.handleUpgrade)
  const { port } = server.address() as AddressInfo
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST
  listeningUrl = `http://${host}:${port}`
  // Sessions past RETENTION_DAYS go now, then daily.
  const retention = config.RETENTION_DAYS
    ? await startRetention({ storage, deletion: sessionDeletion, days: config.RETENTION_DAYS })
    : null

  let closing: Promise<void> | null = null
  return {
    url: listeningUrl,
    port,
    adminToken,
    adminTokenGenerated: generated,
    storage,
    rooms,
    rateLimits,
    close() {
      closing ??= (async () => {
        retention?.stop()
        sync.close()
        await new Promise<void>((resolve) => server.close(() => resolve()))
        const unsaved = await rooms.closeAll()
        for (const { docId, unsavedUpdates } of unsaved)
          console.error(
            `[server] ${unsavedUpdates} edits of board ${docId} could not be saved before stopping`,
          )
        await storage.close()
      })()
      return closing
    },
  }
}
