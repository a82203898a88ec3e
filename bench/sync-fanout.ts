/**
 * Edit-to-peer latency and delivery throughput of Scaleboard's sync server against the stock
 * `@y/websocket-server` logic, under the same load, one server after the other.
 *
 *   node bench/sync-fanout.ts --rooms 200 --clients 5 --seconds 20 --rate 2
 *
 * See bench/README.md and docs/benchmarks.md for what is measured and how to read it.
 */
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { tokenFromLink } from '../apps/server/src/testing.ts'
import type { RoomTarget } from './clients.ts'
import { connectRooms, disconnectRooms, driveLoad } from './fanout.ts'
import { type LatencySummary, nowMs, summarize } from './latency.ts'
import { forkServer, type ServerProcess } from './serverProcess.ts'
import { checkSingleYjs } from './yjsCopies.ts'

const { values: flags } = parseArgs({
  options: {
    rooms: { type: 'string', default: '200' },
    clients: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    rate: { type: 'string', default: '2' },
    only: { type: 'string' },
    /** repeat the pair this many times, alternating which server goes first (the machine is shared) */
    rounds: { type: 'string', default: '1' },
    /** a folder: each server process writes a V8 CPU profile there (open it in Chrome DevTools) */
    profile: { type: 'string' },
  },
})
const rooms = positiveInt(flags.rooms, 'rooms')
const clients = positiveInt(flags.clients, 'clients')
const seconds = positiveInt(flags.seconds, 'seconds')
const rounds = positiveInt(flags.rounds, 'rounds')
const warmup = Number(flags.warmup)
/** edits per second per room; "max" = closed loop, as fast as the whole pipeline allows */
const rate = flags.rate === 'max' ? 0 : Number(flags.rate)
if (clients < 2 || !(rate >= 0) || !(warmup >= 0)) throw new Error('need --clients >= 2, --rate > 0 or "max"')

const SERVERS = {
  scaleboard: new URL('./serve-scaleboard.ts', import.meta.url).pathname,
  reference: new URL('./serve-reference.ts', import.meta.url).pathname,
}
type ServerName = keyof typeof SERVERS

interface RunResult {
  server: ServerName
  round: number
  /** 1-minute load average when the run started: other work on the machine skews results */
  load: number
  latency: LatencySummary
  editsPerSecond: number
  deliveriesPerSecond: number
  /** deliveries seen / deliveries owed (edits × peers); below 1 means lost or late beyond the drain */
  completeness: number
  stalls: number
  disconnects: number
  /** share of one core used during the window */
  serverCpu: number
  clientCpu: number
  serverRssMb: number
  /** server event-loop delay during the window, ms */
  loopDelayP99: number
  loopDelayMax: number
}

async function main(): Promise<void> {
  // Every y-websocket provider adds a process "exit" listener; 1000 of them are expected here.
  process.setMaxListeners(0)
  const yjs = checkSingleYjs('13.6.33')
  console.log(
    `sync-fanout: ${rooms} rooms × ${clients} clients, rate ${rate === 0 ? 'max (closed loop)' : `${rate}/s per room`}, ` +
      `${warmup} s warm-up + ${seconds} s measured; Node ${process.version}, ${cpus().length} cores, yjs ${yjs.version} (one copy)`,
  )
  const names = flags.only ? [flags.only as ServerName] : (['scaleboard', 'reference'] as ServerName[])
  for (const name of names)
    if (!(name in SERVERS)) throw new Error(`--only must be one of ${Object.keys(SERVERS).join(', ')}`)
  const results: RunResult[] = []
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? names : [...names].reverse()
    for (const name of order) {
      results.push(await runAgainst(name, round))
      console.log(formatRow(results.at(-1) as RunResult))
    }
  }
  console.log(`\n${formatTable(results)}`)
  if (names.length === 2) console.log(`\n${formatRatios(results)}`)
}

async function runAgainst(name: ServerName, round: number): Promise<RunResult> {
  const machineLoad = loadavg()[0]
  const execArgv = flags.profile
    ? ['--cpu-prof', '--cpu-prof-dir', flags.profile, '--cpu-prof-name', `${name}.cpuprofile`]
    : []
  const server = await forkServer(SERVERS[name], execArgv)
  try {
    const targets = await roomTargets(name, server)
    const connected = await connectRooms(targets, clients)
    const startMs = nowMs() + 500
    const plan = {
      rate,
      startMs,
      measureFromMs: startMs + warmup * 1000,
      measureToMs: startMs + (warmup + seconds) * 1000,
      drainToMs: startMs + (warmup + seconds + 2) * 1000,
    }
    const running = driveLoad(connected, plan)
    await sleepUntil(plan.measureFromMs)
    const [server0, client0, t0] = [await server.stats(), process.cpuUsage(), nowMs()]
    await sleepUntil(plan.measureToMs)
    const [server1, client1, t1] = [await server.stats(), process.cpuUsage(), nowMs()]
    const result = await running
    disconnectRooms(connected)
    const wallUs = (t1 - t0) * 1000
    return {
      server: name,
      round,
      load: machineLoad,
      latency: summarize(result.latencies),
      editsPerSecond: result.edits / seconds,
      deliveriesPerSecond: result.deliveries / seconds,
      completeness: result.deliveries / (result.edits * (clients - 1)),
      stalls: result.stalls,
      disconnects: result.disconnects,
      serverCpu: (server1.cpuUser + server1.cpuSystem - server0.cpuUser - server0.cpuSystem) / wallUs,
      clientCpu: (client1.user + client1.system - client0.user - client0.system) / wallUs,
      serverRssMb: server1.rss / 2 ** 20,
      loopDelayP99: server1.loopDelayP99,
      loopDelayMax: server1.loopDelayMax,
    }
  } finally {
    await server.stop()
  }
}

/** Scaleboard rooms are sessions made through its API (each client presents the candidate token). */
async function roomTargets(name: ServerName, server: ServerProcess): Promise<RoomTarget[]> {
  const wsBase = `ws://127.0.0.1:${server.port}/sync`
  if (name === 'reference')
    return Array.from({ length: rooms }, (_, i) => ({ wsBase, room: `bench-${i}`, params: {} }))
  const targets: RoomTarget[] = []
  for (let i = 0; i < rooms; i++) {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.info.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `bench ${i}` }),
    })
    if (response.status !== 201)
      throw new Error(`POST /api/sessions: ${response.status} ${await response.text()}`)
    const session = (await response.json()) as { id: string; links: { candidate: string } }
    const token = tokenFromLink(session.links.candidate)
    targets.push({ wsBase, room: session.id, params: { token } })
  }
  return targets
}

function formatRow(r: RunResult): string {
  return (
    `  round ${r.round} ${r.server}: p50 ${r.latency.p50.toFixed(2)} ms, p99 ${r.latency.p99.toFixed(2)} ms, ` +
    `max ${r.latency.max.toFixed(1)} ms, ${Math.round(r.deliveriesPerSecond)} deliveries/s`
  )
}

function formatTable(results: RunResult[]): string {
  const head =
    '| round | server | load | edits/s | deliveries/s | complete | p50 ms | p99 ms | max ms | server CPU | client CPU | server RSS MB | server loop delay p99 / max ms |'
  const rows = results.map(
    (r) =>
      `| ${r.round} | ${r.server} | ${r.load.toFixed(1)} | ${r.editsPerSecond.toFixed(0)} | ${r.deliveriesPerSecond.toFixed(0)} | ` +
      `${(r.completeness * 100).toFixed(2)}%${r.stalls ? ` (${r.stalls} stalls)` : ''}${r.disconnects ? ` (${r.disconnects} disconnects)` : ''} | ${r.latency.p50.toFixed(2)} | ` +
      `${r.latency.p99.toFixed(2)} | ${r.latency.max.toFixed(1)} | ${percent(r.serverCpu)} | ${percent(r.clientCpu)} | ` +
      `${r.serverRssMb.toFixed(0)} | ${r.loopDelayP99.toFixed(1)} / ${r.loopDelayMax.toFixed(1)} |`,
  )
  return [head, '|---|---|---|---|---|---|---|---|---|---|---|---|---|', ...rows].join('\n')
}

/** Ratios per round (each pair ran back to back), then their median as the verdict. */
function formatRatios(results: RunResult[]): string {
  const pairs = [...new Set(results.map((r) => r.round))].map((round) => {
    const of = (server: ServerName) =>
      results.find((r) => r.round === round && r.server === server) as RunResult
    const [ours, ref] = [of('scaleboard'), of('reference')]
    return {
      round,
      throughput: ours.deliveriesPerSecond / ref.deliveriesPerSecond,
      p99: ours.latency.p99 / ref.latency.p99,
      cpu: ours.serverCpu / ours.deliveriesPerSecond / (ref.serverCpu / ref.deliveriesPerSecond),
    }
  })
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b)
    const mid = sorted.length / 2
    return Number.isInteger(mid) ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[Math.floor(mid)]
  }
  const throughput = median(pairs.map((p) => p.throughput))
  const p99 = median(pairs.map((p) => p.p99))
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED')
  return [
    '| round | throughput ours/ref | p99 ours/ref | server CPU per delivery ours/ref |',
    '|---|---|---|---|',
    ...pairs.map(
      (p) => `| ${p.round} | ${p.throughput.toFixed(3)} | ${p.p99.toFixed(2)} | ${p.cpu.toFixed(2)} |`,
    ),
    '',
    `median throughput ours/ref: ${throughput.toFixed(3)} (goal >= 0.9: ${verdict(throughput >= 0.9)})`,
    `median p99 ours/ref:        ${p99.toFixed(2)} (goal <= 1.2: ${verdict(p99 <= 1.2)})`,
  ].join('\n')
}

function percent(share: number): string {
  return `${(share * 100).toFixed(0)}%`
}

function positiveInt(value: string | undefined, name: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`)
  return n
}

function sleepUntil(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms - nowMs())))
}

await main()
