import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { phaseRevisionLabel, shapeNamesOf } from '@scaleboard/revisions'
import { DEFAULT_SCENARIOS_DIR, loadScenarios } from '@scaleboard/scenarios'
import { SyncCloseCode } from '@scaleboard/schema'
import { openStorage, type Storage } from '@scaleboard/storage'
import { isClientFault, RoomRegistry } from '@scaleboard/sync-room'
import type { DestinationStream } from 'pino'
import { resolveAdminToken } from './adminToken.ts'
import { createApp } from './app.ts'
import { prepareInitialBoards } from './boards/scenarioBoard.ts'
import { createLocalChannel } from './cluster/clusterChannel.ts'
import { createRedisCluster, type RedisCluster } from './cluster/redisCluster.ts'
import type { Config } from './config.ts'
import { linkOrigin } from './http/linkOrigin.ts'
import { type ApiRateLimits, createApiRateLimits } from './http/rateLimit.ts'
import { createSessionState } from './interview/sessionState.ts'
import { createLogger, errorReporter, type Logger } from './observability/logger.ts'
import { createMetrics, type Metrics } from './observability/metrics.ts'
import { startMetricsServer } from './observability/metricsServer.ts'
import { createReadiness, type Readiness } from './observability/readiness.ts'
import { startRetention } from './retention.ts'
import { createRevisionService } from './revisions/revisionService.ts'
import { createSessionEvents } from './revisions/sessionEvents.ts'
import { createSessionDeletion } from './sessionDeletion.ts'
import { boardGuardFactory, roomLimits } from './sync/boardRoomOptions.ts'
import { createLogHealth } from './sync/logHealth.ts'
import { createSessionFanout } from './sync/sessionFanout.ts'
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
  /** This instance's name in logs, metrics and the bus (INSTANCE_ID or a random one). */
  instanceId: string
  /** The Redis link to the other instances, when REDIS_URL is set. */
  cluster: RedisCluster | null
  /** JSON logs (pino), with the instance id on every line. */
  logger: Logger
  metrics: Metrics
  /** /readyz: ready once listening; draining from the start of `close()`. */
  readiness: Readiness
  /** The separate metrics listener, when METRICS_PORT is set. */
  metricsPort: number | null
  /** The /api rate limiters (http/rateLimiter.ts `RateLimiter`s, keyed by client address or token). */
  rateLimits: ApiRateLimits
  /** Stops accepting, closes sockets, flushes every room to the log, closes storage. */
  close(): Promise<void>
}

export interface StartOptions {
  /** Where the JSON log lines go instead of stdout (tests read them back). */
  logDestination?: DestinationStream
}

/** Wires storage, rooms, HTTP and WebSocket on one port. main.ts and the tests both start here. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  // A broken scenario file stops the start with a message naming the file and field.
  const scenarios = new Map(
    (await loadScenarios(config.SCENARIOS_DIR ?? DEFAULT_SCENARIOS_DIR)).map((scenario) => [
      scenario.id,
      scenario,
    ]),
  )
  const initialBoards = await prepareInitialBoards(scenarios.values())
  const instanceId = config.INSTANCE_ID ?? `scaleboard-${randomBytes(4).toString('hex')}`
  const logger = createLogger({ level: config.LOG_LEVEL, instanceId, destination: options.logDestination })
  const readiness = createReadiness()
  // Filled in once the rooms exist; the gauges are read only when /metrics is scraped.
  let rooms: RoomRegistry | null = null
  const metrics = createMetrics({
    instanceId,
    rooms: () => rooms?.loadedRoomCount ?? 0,
    connections: () => rooms?.connectionCounts ?? {},
  })
  const storage = await openStorage({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR })
  if (config.DATABASE_URL && !config.REDIS_URL)
    logger.warn('DATABASE_URL without REDIS_URL: run one instance only (several need Redis between them)')
  // Several instances: edits, presence and session events cross over Redis (cluster/).
  const cluster = config.REDIS_URL
    ? await createRedisCluster({
        url: config.REDIS_URL,
        instanceId,
        onBusLag: metrics.busLag,
        onError: errorReporter({ logger, component: 'cluster', count: metrics.error }),
      }).catch(async (error: unknown) => {
        await storage.close()
        throw error
      })
    : null
  const { token: adminToken, generated } = resolveAdminToken(config.DATA_DIR, config.ADMIN_TOKEN)
  const logHealth = createLogHealth()
  const { slots, ...limits } = roomLimits(config)
  rooms = new RoomRegistry({
    log: storage,
    // One instance needs no bus: its rooms are the only ones, and checkpoint from memory.
    bus: cluster?.bus,
    observer: metrics.roomObserver,
    // The observer counts the rooms' failures; the reporter only logs them.
    onError: errorReporter({ logger, component: 'room', isRoutine: isClientFault }),
    guard: boardGuardFactory(config),
    limits,
    maxConnectionsPerRole: slots,
    health: logHealth,
  })
  // WebSocket tickets: the web app trades its role token for one before every (re)connect.
  const tickets = cluster?.tickets ?? createTicketStore({ ttlMs: 30_000 })
  const rateLimits = createApiRateLimits({
    perIp: config.RATE_LIMIT_PER_IP,
    perToken: config.RATE_LIMIT_PER_TOKEN,
    authFailures: config.RATE_LIMIT_AUTH_FAILURES,
  })
  let listeningUrl = ''
  // What the server sends to, or does to, a session's sockets reaches every instance.
  const fanout = createSessionFanout({
    rooms,
    channel: cluster?.channel ?? createLocalChannel(),
    onSessionDeleted: (sessionId) => sessionDeletion.markDeleted(sessionId),
  })
  // The organiser's DELETE and retention delete sessions alike: boards closed (4404), data gone, audited.
  const sessionDeletion = createSessionDeletion({
    storage,
    closeConnections: (sessionId) =>
      fanout.disconnect(sessionId, null, SyncCloseCode.sessionDeleted, 'this interview was deleted'),
    announce: fanout.sessionDeleted,
  })
  const revisions = createRevisionService({
    storage,
    rooms,
    // called only after start-up, when sessionState exists: it encodes the channel's messages
    announce: (sessionId) => sessionState.changed(sessionId, 'revisions'),
  })
  const sessionState = createSessionState({
    storage,
    broadcast: fanout.broadcast,
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
    revokeConnections: (sessionId, role) =>
      fanout.disconnect(
        sessionId,
        role,
        SyncCloseCode.tokenRevoked,
        'this link was replaced by a new one: ask the organiser for it',
      ),
    initialBoard: (scenarioId) => initialBoards.get(scenarioId) ?? null,
    web: { distDir: config.WEB_DIST_DIR, tldrawLicenseKey: config.TLDRAW_LICENSE_KEY },
    observability: {
      logger,
      metrics,
      metricsToken: config.METRICS_TOKEN,
      instanceId,
      readiness,
      redis: cluster ? () => cluster.ping() : undefined,
    },
  })
  const sync = createSyncUpgradeHandler({
    storage,
    rooms,
    maxFrameBytes: config.MAX_FRAME_BYTES,
    tickets,
    authFailures: rateLimits.authFailures,
    sessionState,
    isSessionDeleted: sessionDeletion.isDeleted,
    onError: errorReporter({ logger, component: 'sync', count: metrics.error }),
    onRefused: metrics.rejectedFrame,
  })

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s))
    s.once('error', reject)
  })
  server.on('upgrade', sync.handleUpgrade)
  const { port } = server.address() as AddressInfo
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST
  listeningUrl = `http://${host}:${port}`
  const metricsServer =
    config.METRICS_PORT === undefined
      ? null
      : await startMetricsServer({ host: config.HOST, port: config.METRICS_PORT, registry: metrics.registry })
  readiness.markReady()
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
    instanceId,
    cluster,
    logger,
    metrics,
    readiness,
    metricsPort: metricsServer?.port ?? null,
    rateLimits,
    close() {
      closing ??= (async () => {
        readiness.draining()
        retention?.stop()
        sync.close()
        await new Promise<void>((resolve) => server.close(() => resolve()))
        const unsaved = await rooms.closeAll()
        for (const { docId, unsavedUpdates } of unsaved)
          logger.error({ docId, unsavedUpdates }, 'edits of a board could not be saved before stopping')
        fanout.close()
        await cluster?.close()
        await storage.close()
        await metricsServer?.close()
      })()
      return closing
    },
  }
}
