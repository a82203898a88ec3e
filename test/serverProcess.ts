import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const MAIN = resolve(import.meta.dirname, '../apps/server/src/main.ts')
export const ADMIN_TOKEN = 'e2e-admin-token-Hq7Wm2Xz9Lc4Rv8Pk3'

export interface ServerProcess {
  url: string
  dataDir: string
  port: number
  /** kill -9, as a crash would */
  kill(): Promise<void>
  /** the same port and data directory, a new process */
  restart(): Promise<void>
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => done(port))
    })
  })
}

function spawnServer(port: number, dataDir: string, adminToken: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_TOKEN: adminToken,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((ready, fail) => {
    let output = ''
    const collect = (chunk: Buffer) => {
      output += chunk
      if (output.includes('Scaleboard is running')) ready(child)
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk
    })
    child.once('exit', (code) => fail(new Error(`server exited with ${code}:\n${output}`)))
  })
}

/**
 * The real server process (`node apps/server/src/main.ts`, as `pnpm start` runs it) serving the
 * built web app, so a test can kill -9 all of it at once and start it again on the same data.
 */
export async function startServerProcess(adminToken = ADMIN_TOKEN): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'scaleboard-process-'))
  const port = await freePort()
  let child = await spawnServer(port, dataDir, adminToken)
  const exited = (c: ChildProcess) =>
    c.exitCode !== null || c.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((r) => c.once('exit', () => r()))
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    port,
    async kill() {
      child.kill('SIGKILL')
      await exited(child)
    },
    async restart() {
      child = await spawnServer(port, dataDir, adminToken)
    },
    async stop() {
      child.kill('SIGTERM')
      await exited(child)
    },
  }
}

export interface CreatedSession {
  id: string
  links: { candidate: string; interviewer: string; observer: string }
}

export async function createSession(
  baseUrl: string,
  body: Record<string, unknown> = {},
): Promise<CreatedSession> {
  const response = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'E2E interview', candidateName: 'Ada Lovelace', ...body }),
  })
  if (response.status !== 201)
    throw new Error(`POST /api/sessions: ${response.status} ${await response.text()}`)
  return (await response.json()) as CreatedSession
}
