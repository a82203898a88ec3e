import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  connectClient,
  createSession,
  TEST_ADMIN_TOKEN,
  waitFor,
  waitForSync,
} from '../../apps/server/src/testing.ts'

const MAIN = resolve(import.meta.dirname, '../../apps/server/src/main.ts')
const children: ChildProcess[] = []

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => done(port))
    })
  })
}

/** The real process, as `pnpm start` runs it, so kill -9 hits everything at once. */
async function startProcess(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  await new Promise<void>((ready, fail) => {
    let output = ''
    child.stdout?.on('data', (chunk) => {
      output += chunk
      if (output.includes('Scaleboard is running')) ready()
    })
    child.stderr?.on('data', (chunk) => {
      output += chunk
    })
    child.once('exit', (code) => fail(new Error(`server exited with ${code}: ${output}`)))
  })
  return child
}

describe('durability', () => {
  it('keeps an edit received a second before kill -9, reconnects clients, and merges their offline edits', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scaleboard-durability-'))
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    let server = await startProcess(port, dataDir)
    const session = await createSession(base)
    const candidate = connectClient(base, session.id, session.token('candidate'))
    const watcher = connectClient(base, session.id, session.token('interviewer'))
    await Promise.all([waitForSync(candidate.provider), waitForSync(watcher.provider)])

    candidate.doc.getMap('board').set('model-server', { replicas: 4 })
    await waitFor(() => watcher.doc.getMap('board').has('model-server'), 'the server relayed the edit')
    // Every client leaves: the edit must be durable without anyone holding it in memory.
    watcher.provider.disconnect()
    await new Promise((r) => setTimeout(r, 1100))
    server.kill('SIGKILL')
    await new Promise((r) => server.once('exit', r))

    await waitFor(() => !candidate.provider.wsconnected, 'the candidate notices the server is gone')
    candidate.doc.getMap('board').set('offline-edit', 'made while the server was down')

    server = await startProcess(port, dataDir)
    const fresh = connectClient(base, session.id, session.token('observer'))
    await waitForSync(fresh.provider)
    expect(fresh.doc.getMap('board').get('model-server')).toEqual({ replicas: 4 })
    await waitFor(
      () => candidate.provider.synced && candidate.provider.wsconnected,
      'the candidate reconnects',
      20_000,
    )
    await waitFor(
      () => fresh.doc.getMap('board').get('offline-edit') === 'made while the server was down',
      'the offline edit merged',
    )
    for (const c of [candidate, watcher, fresh]) c.provider.destroy()
  }, 60_000)
})
