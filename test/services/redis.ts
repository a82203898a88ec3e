import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './freePort.ts'

const REDIS_SERVER = '/usr/bin/redis-server'

export interface RedisService {
  /** redis://127.0.0.1:<port> */
  url: string
  port: number
  /** SIGTERM, waits for the exit, removes the data directory. */
  stop(): Promise<void>
  /** stop, then a new server on the same port (empty: nothing is persisted). */
  restart(): Promise<void>
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>
  /** SIGSTOP: connections stay open but nothing answers (a frozen server, a partition). */
  pause(): void
  /** SIGCONT after `pause`. */
  resume(): void
}

/**
 * A private redis-server for one test file: loopback only, a port the OS picked, nothing written
 * to disk (no RDB, no AOF), its own temp directory. Stopped with the test process at the latest.
 */
export async function startRedis(): Promise<RedisService> {
  if (!existsSync(REDIS_SERVER))
    throw new Error(
      `${REDIS_SERVER} is missing: install it (apt-get install redis-server) to run these tests`,
    )
  let port = 0
  let child: ChildProcess | null = null
  // The port is free when probed but may be taken before redis binds it: try a few.
  for (let attempt = 1; child === null; attempt++) {
    port = await freePort()
    try {
      child = await spawnRedis(port)
    } catch (error) {
      if (attempt >= 3) throw error
    }
  }
  let current: ChildProcess | null = child

  async function end(signal: NodeJS.Signals) {
    const running = current
    current = null
    if (running === null) return
    running.kill(signal)
    await exited(running)
  }

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    pause: () => void current?.kill('SIGSTOP'),
    resume: () => void current?.kill('SIGCONT'),
    async restart() {
      await end('SIGTERM')
      current = await spawnRedis(port)
    },
  }
}

function spawnRedis(port: number): Promise<ChildProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'scaleboard-redis-'))
  const child = spawn(
    REDIS_SERVER,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  child.once('exit', () => {
    process.off('exit', killOnExit)
    rmSync(dir, { recursive: true, force: true })
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk
  })
  return new Promise((resolve, reject) => {
    const failed = () => reject(new Error(`redis-server on port ${port} exited at start:\n${output}`))
    child.once('exit', failed)
    child.once('error', reject)
    waitForPong(port, 10_000).then(
      () => {
        child.off('exit', failed)
        resolve(child)
      },
      (error: Error) => {
        child.kill('SIGKILL')
        reject(new Error(`${error.message}\n${output}`))
      },
    )
  })
}

/** Polls with a raw PING until the server answers +PONG (it is then ready for commands). */
async function waitForPong(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await pong(port)) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms`)
}

function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let reply = ''
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1_000, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.on('data', (chunk: Buffer) => {
      reply += chunk
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'))
    })
  })
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}
