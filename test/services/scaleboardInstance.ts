/**
 * Scaleboard instances as real processes (`node apps/server/src/main.ts`, as production runs it),
 * and whole clusters of them for the scale-out tests and benchmarks: PostgreSQL, Redis, N
 * instances and nginx in front, all on loopback.
 *
 * test/serverProcess.ts spawns one instance on SQLite and waits for its banner; here the port,
 * the environment and the instance id are the caller's, readiness is /readyz (what a balancer
 * routes by), and a crashed or killed instance keeps its output for the failure message.
 */

import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { isStrongAdminToken } from '../../apps/server/src/adminToken.ts'
import { freePort } from './freePort.ts'
import { type NginxService, startNginx } from './nginx.ts'
import { type PostgresService, type StartPostgresOptions, startPostgres } from './postgres.ts'
import { type RedisService, startRedis } from './redis.ts'

const MAIN = resolve(import.meta.dirname, '../../apps/server/src/main.ts')
/** Start-up loads scenarios and, on an empty database, migrates it: slow on a busy 2-core machine. */
const READY_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 15_000
/** Output kept per instance for failure messages (the tail). */
const OUTPUT_LIMIT = 64 * 1024

export interface ScaleboardInstance {
  /** http://127.0.0.1:<port> */
  url: string
  port: number
  instanceId: string
  /** Its process id (a benchmark reads its CPU time from /proc). */
  pid: number
  /** Resolves once /readyz (or, on a server without it, /healthz) answers 200; rejects if the process exits. */
  waitReady(timeoutMs?: number): Promise<void>
  /** Sends `signal` (default SIGKILL, as a crash would) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>
  /** SIGTERM (SIGKILL if it lingers), then removes its data folder. */
  stop(): Promise<void>
  /** Whether the process has ended. */
  exited(): boolean
  /** The tail of its stdout and stderr. */
  output(): string
}

export interface StartInstanceOptions {
  /** A free loopback port when unset. */
  port?: number
  /** Environment on top of the defaults (HOST, PORT, DATA_DIR, WEB_DIST_DIR, INSTANCE_ID, LOG_LEVEL). */
  env: Record<string, string>
}

let started = 0

/**
 * Spawns one instance and returns at once (call `waitReady`), so several can start at the same
 * moment. DATA_DIR is a fresh temp folder, and so is WEB_DIST_DIR (an empty site: sync and the API
 * need no built web app).
 */
export async function startInstance({
  port: wanted,
  env,
}: StartInstanceOptions): Promise<ScaleboardInstance> {
  const port = wanted ?? (await freePort())
  const root = mkdtempSync(join(tmpdir(), 'scaleboard-instance-'))
  const webDist = join(root, 'web')
  mkdirSync(webDist)
  const instanceId = env.INSTANCE_ID ?? `scaleout-${process.pid}-${++started}`
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      DATA_DIR: join(root, 'data'),
      WEB_DIST_DIR: webDist,
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
      INSTANCE_ID: instanceId,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  // Should the test process end without stop() (a crash, a timeout), take the instance down with it.
  const killNow = () => child.kill('SIGKILL')
  process.once('exit', killNow)
  child.once('exit', () => process.removeListener('exit', killNow))
  const url = `http://127.0.0.1:${port}`
  const hasExited = () => child.exitCode !== null || child.signalCode !== null
  const situation = () =>
    `instance ${instanceId} (port ${port}, ${hasExited() ? `exited: ${child.signalCode ?? child.exitCode}` : 'running'}) output:\n${output.trim() || '(none)'}`

  return {
    url,
    port,
    instanceId,
    pid: child.pid ?? -1,
    exited: hasExited,
    output: () => output,
    async waitReady(timeoutMs = READY_TIMEOUT_MS) {
      const deadline = Date.now() + timeoutMs
      let path = '/readyz'
      let last = 'no answer yet'
      while (Date.now() < deadline) {
        if (hasExited()) throw new Error(`never became ready: ${situation()}`)
        try {
          const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(5_000) })
          if (response.status === 200) return
          // A server from before /readyz: its /healthz says as much.
          if (response.status === 404 && path === '/readyz') path = '/healthz'
          last = `${path}: ${response.status} ${await response.text()}`
        } catch (error) {
          last = `${path}: ${(error as Error).message}`
        }
        await sleep(100)
      }
      throw new Error(`not ready within ${timeoutMs} ms (${last}): ${situation()}`)
    },
    async kill(signal = 'SIGKILL') {
      child.kill(signal)
      await exited(child)
    },
    async stop() {
      if (!hasExited()) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
        await exited(child)
        clearTimeout(timer)
      }
      rmSync(root, { recursive: true, force: true })
    },
  }
}

export interface StartClusterOptions {
  instances: number
  /** Shared services of the test file, else the cluster starts (and stops) its own. */
  postgres?: PostgresService
  redis?: RedisService
  /** Settings of a PostgreSQL the cluster starts itself (a benchmark wants durability on). */
  postgresSettings?: StartPostgresOptions['settings']
  /** The organiser token of every instance; random (strong) when unset. */
  adminToken?: string
  /** More environment for every instance (limits, LOG_LEVEL, …). */
  env?: Record<string, string>
}

export interface Cluster {
  postgres: PostgresService
  redis: RedisService
  /** The fresh database the instances share. */
  databaseUrl: string
  adminToken: string
  instances: ScaleboardInstance[]
  nginx: NginxService
  /** The environment every instance got: start another one with it (`startInstance`). */
  env: Record<string, string>
  /** Stops nginx, the instances and whatever services the cluster started; never throws. */
  stop(): Promise<void>
}

/**
 * PostgreSQL (a fresh database), Redis, `instances` Scaleboard processes and nginx in front of
 * them, all ready. PUBLIC_URL is nginx's address, as in a deployment. On a failure part-way,
 * whatever started is stopped before the error is thrown.
 */
export async function startCluster(options: StartClusterOptions): Promise<Cluster> {
  const stack: Array<() => Promise<void>> = []
  const stopAll = async () => {
    const errors: unknown[] = []
    for (const stop of stack.splice(0).reverse()) await stop().catch((error: unknown) => errors.push(error))
    if (errors.length) console.error('[cluster] while stopping:', ...errors)
  }
  try {
    const [pg, rd] = await Promise.allSettled([
      options.postgres ?? startPostgres({ settings: options.postgresSettings }),
      options.redis ?? startRedis(),
    ])
    // Whichever of the two the cluster started is its to stop, even if the other failed.
    if (pg.status === 'fulfilled' && !options.postgres) stack.push(() => pg.value.stop())
    if (rd.status === 'fulfilled' && !options.redis) stack.push(() => rd.value.stop())
    if (pg.status === 'rejected') throw pg.reason
    if (rd.status === 'rejected') throw rd.reason
    const [postgres, redis] = [pg.value, rd.value]
    const databaseUrl = await postgres.createDatabase()
    const adminToken = options.adminToken ?? strongAdminToken()
    const nginxPort = await freePort()
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      ADMIN_TOKEN: adminToken,
      TRUST_PROXY: 'true',
      PUBLIC_URL: `http://127.0.0.1:${nginxPort}`,
      ...options.env,
    }
    const instances: ScaleboardInstance[] = []
    for (let n = 1; n <= options.instances; n++) {
      const instance = await startInstance({ env: { ...env, INSTANCE_ID: `scaleout-${process.pid}-i${n}` } })
      instances.push(instance)
      stack.push(() => instance.stop())
    }
    await Promise.all(instances.map((instance) => instance.waitReady()))
    const nginx = await startNginx({ upstreams: instances.map((i) => i.port), port: nginxPort })
    stack.push(() => nginx.stop())
    return { postgres, redis, databaseUrl, adminToken, instances, nginx, env, stop: stopAll }
  } catch (error) {
    await stopAll()
    throw error
  }
}

/** Random text that meets the server's ADMIN_TOKEN rule (adminToken.ts); never logged. */
export function strongAdminToken(): string {
  for (;;) {
    const token = randomBytes(30).toString('base64url')
    if (isStrongAdminToken(token)) return token
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => child.once('exit', () => done()))
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms))
}
