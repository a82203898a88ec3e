/**
 * Sync fan-out of a scaled-out Scaleboard: 1, 2 and 3 instances sharing PostgreSQL and Redis behind
 * nginx (the shipped deploy/nginx settings, no sticky sessions), everything on 127.0.0.1.
 *
 *   node bench/scaleout-fanout.ts --sessions 20 --clients 5 --rate 5 --seconds 10
 *
 * Two measurements per cluster size:
 * - fan-out: `--clients` stock y-websocket clients per session, `--sessions` sessions, all through
 *   nginx (so a session's clients spread over the instances), each session receiving `--rate`
 *   small edits per second (a dragged card, as bench/sync-fanout.ts sends them); delivered
 *   updates/s and send-to-receipt latency at the other clients of the session.
 * - paths: sessions of two clients each, both on instance 1 ("same instance") or one on instance 1
 *   and one on instance 2 ("across instances", through Redis), connected directly, at the same rate:
 *   what the hop between instances costs.
 * Not part of CI: the numbers depend on the machine (and on whatever else it runs).
 */
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { createSession, TEST_ADMIN_TOKEN } from '../apps/server/src/testing.ts'
import { type Cluster, startCluster } from '../test/services/scaleboardInstance.ts'
import { type BenchClient, connectClient, type RoomTarget, whenSynced, withTimeout } from './clients.ts'
import {
  type BenchRoom,
  connectRooms,
  disconnectRooms,
  driveLoad,
  type LoadPlan,
  type LoadResult,
} from './fanout.ts'
import { nowMs, summarize } from './latency.ts'
import { checkSingleYjs } from './yjsCopies.ts'

const { values: flags } = parseArgs({
  options: {
    instances: { type: 'string', default: '1,2,3' },
    sessions: { type: 'string', default: '20' },
    clients: { type: 'string', default: '5' },
    /** edits per second per session */
    rate: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    /** sessions of each kind (same instance, across instances) for the path latencies; 0 skips them */
    'path-sessions': { type: 'string', default: '10' },
  },
})
const sizes = flags.instances.split(',').map((n) => boundedInt(n, 'instances', 1, 3))
const sessions = boundedInt(flags.sessions, 'sessions', 1, 200)
const clients = boundedInt(flags.clients, 'clients', 2, 20)
const pathSessions = boundedInt(flags['path-sessions'], 'path-sessions', 0, 100)
const seconds = boundedInt(flags.seconds, 'seconds', 1, 300)
const warmup = Number(flags.warmup)
const rate = Number(flags.rate)
if (!(rate > 0 && rate <= 100) || !(warmup >= 0 && warmup <= 60))
  throw new Error('need 0 < --rate <= 100 and 0 <= --warmup <= 60')
const command =
  `node bench/scaleout-fanout.ts --instances ${sizes.join(',')} --sessions ${sessions} --clients ${clients} ` +
  `--rate ${rate} --seconds ${seconds} --warmup ${warmup} --path-sessions ${pathSessions}`

/** Every instance: clients of a session share one link (the bench's), and sessions are made in a burst. */
const INSTANCE_ENV = {
  MAX_CONNECTIONS_PER_LINK: String(Math.max(8, clients + 2)),
  RATE_LIMIT_PER_IP: '100000',
  RATE_LIMIT_PER_TOKEN: '100000',
  LOG_LEVEL: 'warn',
}
/** A benchmark measures what a deployment pays: PostgreSQL durable, unlike the tests' settings. */
const DURABLE_POSTGRES = { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' }

interface Latencies {
  count: number
  p50: number
  p95: number
  p99: number
  max: number
}

interface FanoutRow {
  instances: number
  load: number
  editsPerSecond: number
  deliveriesPerSecond: number
  /** deliveries seen / deliveries owed (edits × other clients) */
  completeness: number
  disconnects: number
  latency: Latencies
  /** CPU of all instances together, in cores */
  serverCores: number
}

interface PathRow {
  instances: number
  path: 'same instance' | 'across instances'
  latency: Latencies
  completeness: number
}

async function main(): Promise<void> {
  // Every y-websocket provider adds a process "exit" listener; hundreds of them are expected here.
  process.setMaxListeners(0)
  const yjs = checkSingleYjs('13.6.33')
  console.log(
    `scaleout-fanout: ${sessions} sessions × ${clients} clients through nginx, ${rate} edits/s per session, ` +
      `${warmup} s warm-up + ${seconds} s measured; paths: ${pathSessions} sessions of 2 per kind; ` +
      `Node ${process.version}, ${cpus().length} cores, yjs ${yjs.version}`,
  )
  const fanout: FanoutRow[] = []
  const paths: PathRow[] = []
  for (const size of sizes) {
    const cluster = await startCluster({
      instances: size,
      adminToken: TEST_ADMIN_TOKEN,
      postgresSettings: DURABLE_POSTGRES,
      env: INSTANCE_ENV,
    })
    try {
      fanout.push(await measureFanout(cluster))
      console.log(formatFanoutRow(fanout.at(-1) as FanoutRow))
      if (pathSessions > 0) {
        const measured = await measurePaths(cluster)
        paths.push(...measured)
        for (const row of measured) console.log(formatPathRow(row))
      }
    } finally {
      await cluster.stop()
    }
  }
  console.log(`\n${command}\n`)
  console.log(formatFanoutTable(fanout))
  if (paths.length) console.log(`\n${formatPathTable(paths)}`)
}

async function measureFanout(cluster: Cluster): Promise<FanoutRow> {
  const load = loadavg()[0]
  const wsBase = `${cluster.nginx.url.replace(/^http/, 'ws')}/sync`
  const targets: RoomTarget[] = []
  for (let i = 0; i < sessions; i++) {
    const session = await createSession(cluster.nginx.url, { title: `scale-out bench ${i}` })
    targets.push({ wsBase, room: session.id, params: { token: session.token('candidate') } })
  }
  const rooms = await connectRooms(targets, clients)
  try {
    const plan = planFrom(nowMs() + 500, seconds)
    const running = driveLoad(rooms, plan)
    await sleepUntil(plan.measureFromMs)
    const cpu0 = serverCpuSeconds(cluster)
    await sleepUntil(plan.measureToMs)
    const cpu1 = serverCpuSeconds(cluster)
    const result = await running
    return {
      instances: cluster.instances.length,
      load,
      editsPerSecond: result.edits / seconds,
      deliveriesPerSecond: result.deliveries / seconds,
      completeness: result.deliveries / (result.edits * (clients - 1)),
      disconnects: result.disconnects,
      latency: latencies(result),
      serverCores: (cpu1 - cpu0) / seconds,
    }
  } finally {
    disconnectRooms(rooms)
  }
}

/**
 * Pairs of clients connected straight to the instances (nginx would pick for us): both on
 * instance 1, or one on 1 and one on 2. Both kinds run at once, so they share the machine's load.
 */
async function measurePaths(cluster: Cluster): Promise<PathRow[]> {
  const [first, second] = cluster.instances
  const kinds: Array<{ path: PathRow['path']; urls: string[] }> = [
    { path: 'same instance', urls: [first.url, first.url] },
  ]
  if (second) kinds.push({ path: 'across instances', urls: [first.url, second.url] })
  const roomsByKind = await Promise.all(kinds.map(({ urls }) => pairRooms(cluster, urls)))
  try {
    const plan = planFrom(nowMs() + 500, seconds)
    const results = await Promise.all(roomsByKind.map((rooms) => driveLoad(rooms, plan)))
    return kinds.map(({ path }, i) => ({
      instances: cluster.instances.length,
      path,
      latency: latencies(results[i]),
      completeness: results[i].deliveries / results[i].edits,
    }))
  } finally {
    for (const rooms of roomsByKind) disconnectRooms(rooms)
  }
}

async function pairRooms(cluster: Cluster, urls: string[]): Promise<BenchRoom[]> {
  const rooms: BenchRoom[] = []
  for (let i = 0; i < pathSessions; i++) {
    const session = await createSession(cluster.nginx.url, { title: `scale-out path ${i}` })
    const token = session.token('candidate')
    const pair: BenchClient[] = urls.map((url, n) =>
      connectClient(
        { wsBase: `${url.replace(/^http/, 'ws')}/sync`, room: session.id, params: { token } },
        `path${n}`,
      ),
    )
    await withTimeout(Promise.all(pair.map((c) => whenSynced(c.provider))), 30_000, 'path clients to sync')
    rooms.push({ clients: pair, nextDueMs: 0, inFlight: null, writer: 0, sent: 0 })
  }
  return rooms
}

function planFrom(startMs: number, measuredSeconds: number): LoadPlan {
  return {
    rate,
    startMs,
    measureFromMs: startMs + warmup * 1000,
    measureToMs: startMs + (warmup + measuredSeconds) * 1000,
    drainToMs: startMs + (warmup + measuredSeconds + 2) * 1000,
  }
}

/** bench/latency.ts's nearest-rank summary, with the 95th percentile as well. */
function latencies(result: LoadResult): Latencies {
  const { count, p50, p99, max } = summarize(result.latencies)
  const sorted = Float64Array.from(result.latencies).sort()
  const p95 = sorted.length === 0 ? Number.NaN : sorted[Math.ceil(0.95 * sorted.length) - 1]
  return { count, p50, p95, p99, max }
}

/** User + system CPU seconds of every instance process so far (Linux /proc; clock ticks of 1/100 s). */
function serverCpuSeconds(cluster: Cluster): number {
  let ticks = 0
  for (const { pid } of cluster.instances) {
    try {
      // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {
      return Number.NaN
    }
  }
  return ticks / 100
}

function formatFanoutRow(r: FanoutRow): string {
  return (
    `  ${r.instances} instance(s): ${Math.round(r.deliveriesPerSecond)} deliveries/s, p50 ${r.latency.p50.toFixed(2)} ms, ` +
    `p95 ${r.latency.p95.toFixed(2)} ms, p99 ${r.latency.p99.toFixed(2)} ms, ${percent(r.completeness)} delivered`
  )
}

function formatPathRow(r: PathRow): string {
  return `  ${r.instances} instance(s), ${r.path}: p50 ${r.latency.p50.toFixed(2)} ms, p95 ${r.latency.p95.toFixed(2)} ms, p99 ${r.latency.p99.toFixed(2)} ms`
}

function formatFanoutTable(rows: FanoutRow[]): string {
  return [
    `Fan-out through nginx: ${sessions} sessions × ${clients} clients, ${rate} edits/s per session, ${seconds} s measured`,
    '',
    '| instances | load | edits/s | delivered updates/s | delivered | p50 ms | p95 ms | p99 ms | max ms | instances’ CPU (cores) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.instances} | ${r.load.toFixed(1)} | ${r.editsPerSecond.toFixed(0)} | ${r.deliveriesPerSecond.toFixed(0)} | ` +
        `${percent(r.completeness)}${r.disconnects ? ` (${r.disconnects} disconnects)` : ''} | ${r.latency.p50.toFixed(2)} | ` +
        `${r.latency.p95.toFixed(2)} | ${r.latency.p99.toFixed(2)} | ${r.latency.max.toFixed(1)} | ${r.serverCores.toFixed(2)} |`,
    ),
  ].join('\n')
}

function formatPathTable(rows: PathRow[]): string {
  return [
    `Same instance vs across instances: ${pathSessions} sessions of 2 clients per kind, ${rate} edits/s each, direct to the instances`,
    '',
    '| instances | path | samples | delivered | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.instances} | ${r.path} | ${r.latency.count} | ${percent(r.completeness)} | ${r.latency.p50.toFixed(2)} | ` +
        `${r.latency.p95.toFixed(2)} | ${r.latency.p99.toFixed(2)} | ${r.latency.max.toFixed(1)} |`,
    ),
  ].join('\n')
}

function percent(share: number): string {
  return `${(share * 100).toFixed(2)}%`
}

function boundedInt(value: string | undefined, name: string, min: number, max: number): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be an integer from ${min} to ${max}`)
  return n
}

function sleepUntil(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms - nowMs())))
}

await main()
