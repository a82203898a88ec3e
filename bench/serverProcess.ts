import { type ChildProcess, fork } from 'node:child_process'
import { monitorEventLoopDelay } from 'node:perf_hooks'

/**
 * A server under test runs in its own process, so its CPU time and memory are its own and the
 * clients' work in the bench process does not block its event loop. Parent and child talk over
 * Node's IPC channel: the child says where it listens, and answers `stats` and `stop`.
 */

export interface ServerReady {
  port: number
  /** Anything else the child wants the bench to know (admin token, yjs version, …). */
  info: Record<string, string>
}

export interface ServerStats {
  /** process.cpuUsage() of the server process, in microseconds */
  cpuUser: number
  cpuSystem: number
  rss: number
  heapUsed: number
  /** event-loop delay since the previous `stats` call, ms: how long ready work waited to run */
  loopDelayP99: number
  loopDelayMax: number
}

type ToChild = { type: 'stats' } | { type: 'stop' }
type ToParent = ({ type: 'ready' } & ServerReady) | ({ type: 'stats' } & ServerStats) | { type: 'stopped' }

export interface ServerProcess extends ServerReady {
  pid: number
  stats(): Promise<ServerStats>
  stop(): Promise<void>
}

/** Forks `script` (a .ts file run by Node's type stripping) and waits until it listens. */
export async function forkServer(script: string, execArgv: string[] = []): Promise<ServerProcess> {
  const child = fork(script, [], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const ready = (await nextMessage(child, 'ready', 30_000)) as ServerReady
  return {
    port: ready.port,
    info: ready.info,
    pid: child.pid ?? -1,
    async stats() {
      child.send({ type: 'stats' } satisfies ToChild)
      const { type: _, ...stats } = (await nextMessage(child, 'stats', 30_000)) as ToParent & ServerStats
      return stats
    },
    stop: () => stopChild(child, { type: 'stop' } satisfies ToChild),
  }
}

/** Resolves with the first IPC message of `type` from `child`; rejects on a time-out or if it exits first. */
export function nextMessage(
  child: ChildProcess,
  type: string,
  timeoutMs: number,
  who = 'server process',
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`${who}: no '${type}' after ${timeoutMs} ms`)), timeoutMs)
    const onMessage = (message: { type?: unknown }) => {
      if (message.type === type) done(null, message)
    }
    const onExit = (code: number | null) => done(new Error(`${who} exited (${code}) before '${type}'`))
    function done(error: Error | null, message?: unknown) {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
      if (error) reject(error)
      else resolve(message)
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}

/** Asks `child` to stop with `message` and waits for it to exit (SIGKILL after 30 s). */
export async function stopChild(child: ChildProcess, message: object): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.send(message)
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
  await exited
  clearTimeout(timer)
}

/** The child's side: announce the port, then serve `stats` and `stop` until stopped. */
export function reportToParent(ready: ServerReady, close: () => Promise<void>): void {
  if (!process.send) throw new Error('run this file through bench/sync-fanout.ts (it needs an IPC channel)')
  const send = (message: ToParent) => process.send?.(message)
  const loopDelay = monitorEventLoopDelay({ resolution: 5 })
  loopDelay.enable()
  process.on('message', async (message: ToChild) => {
    if (message.type === 'stats') {
      const cpu = process.cpuUsage()
      const memory = process.memoryUsage()
      send({
        type: 'stats',
        cpuUser: cpu.user,
        cpuSystem: cpu.system,
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        loopDelayP99: loopDelay.percentile(99) / 1e6,
        loopDelayMax: loopDelay.max / 1e6,
      })
      loopDelay.reset()
    } else if (message.type === 'stop') {
      await close()
      process.exit(0)
    }
  })
  // The bench died without saying stop: don't outlive it.
  process.on('disconnect', () => void close().finally(() => process.exit(0)))
  send({ type: 'ready', ...ready })
}
