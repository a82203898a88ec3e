import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { readBoardRecords } from '@scaleboard/board-sync/doc'
import { afterAll, describe, expect, it } from 'vitest'
import { connectClient, createSession, startTestServer, waitForSync } from '../testing.ts'

const run = promisify(execFile)
const CLI = import.meta.dirname
const MAIN = resolve(import.meta.dirname, '../main.ts')

/** The environment of a CLI or server process: only what the test sets, no ADMIN_TOKEN from outside. */
function envWith(vars: Record<string, string>): NodeJS.ProcessEnv {
  const { ADMIN_TOKEN: _a, PUBLIC_URL: _p, DATA_DIR: _d, RETENTION_DAYS: _r, ...rest } = process.env
  return { ...rest, ...vars }
}

const cleanups: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup()
})

async function boardOf(baseUrl: string, sessionId: string, token: string) {
  const client = connectClient(baseUrl, sessionId, token)
  await waitForSync(client.provider)
  const records = [...readBoardRecords(client.doc).keys()].sort()
  client.provider.destroy()
  return records
}

describe('pnpm backup', () => {
  it('backs up a live server, and a server started on the restored copy has the session and its board', async () => {
    const live = await startTestServer()
    cleanups.push(() => live.close())
    const session = await createSession(live.url, { scenarioId: 'fraud-scoring', title: 'Backed up' })
    const board = await boardOf(live.url, session.id, session.token('observer'))
    expect(board.length).toBeGreaterThan(5)

    const target = join(mkdtempSync(join(tmpdir(), 'scaleboard-backup-')), 'nightly.db')
    const { stdout } = await run(process.execPath, [join(CLI, 'backup.ts'), target], {
      env: envWith({ DATA_DIR: live.dataDir }),
    })
    expect(stdout).toContain(`to ${target}`)
    expect(statSync(target).mode & 0o777).toBe(0o600)
    // The live server went on working during and after the backup.
    expect((await fetch(`${live.url}/healthz`)).status).toBe(200)
    expect((await live.storage.listAudit(5)).map((e) => e.action)).toContain('backup.taken')
    // A second backup never overwrites the first.
    await expect(
      run(process.execPath, [join(CLI, 'backup.ts'), target], { env: envWith({ DATA_DIR: live.dataDir }) }),
    ).rejects.toThrow(/exists already/)

    // Restore as the README says: a new DATA_DIR holding the copy as scaleboard.db.
    const restoredDir = join(mkdtempSync(join(tmpdir(), 'scaleboard-restored-')), 'data')
    mkdirSync(restoredDir)
    copyFileSync(target, join(restoredDir, 'scaleboard.db'))
    const restored = await startTestServer({ DATA_DIR: restoredDir })
    cleanups.push(() => restored.close())
    const access = await fetch(`${restored.url}/api/sessions/${session.id}/access`, {
      headers: { authorization: `Bearer ${session.token('candidate')}` },
    })
    expect(access.status).toBe(200)
    expect(await access.json()).toMatchObject({ role: 'candidate', session: { title: 'Backed up' } })
    expect(await boardOf(restored.url, session.id, session.token('observer'))).toEqual(board)
  })

  it('says how to use it when the file is missing', async () => {
    await expect(run(process.execPath, [join(CLI, 'backup.ts')], { env: envWith({}) })).rejects.toMatchObject(
      {
        code: 2,
        stderr: expect.stringContaining('Usage: pnpm backup <file>'),
      },
    )
  })

  it('points to pg_dump when the data is in PostgreSQL', async () => {
    const env = envWith({ DATABASE_URL: 'postgres://scaleboard@127.0.0.1:1/scaleboard' })
    await expect(run(process.execPath, [join(CLI, 'backup.ts'), 'x.db'], { env })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('pg_dump'),
    })
  })
})

/** Starts main.ts as `pnpm start` does, returns its output up to "is running", then stops it. */
async function startAndStop(env: NodeJS.ProcessEnv): Promise<string> {
  const child: ChildProcess = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  await new Promise<void>((ready, fail) => {
    const collect = (chunk: Buffer) => {
      output += chunk
      // both banners (first start, later starts) end by naming the command
      if (output.includes('pnpm organiser-link')) ready()
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
    child.once('exit', (code) => fail(new Error(`server exited with ${code}:\n${output}`)))
  })
  const exited = new Promise((done) => child.once('exit', done))
  child.kill('SIGTERM')
  await exited
  return output
}

describe('the organiser token', () => {
  it('is printed when it is generated, afterwards only by pnpm organiser-link', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'scaleboard-token-')), 'data')
    const env = envWith({
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      WEB_DIST_DIR: join(dataDir, 'no-web'),
    })

    const first = await startAndStop(env)
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()
    expect(token.length).toBeGreaterThanOrEqual(43)
    expect(first).toContain(`/#admin=${token}`)

    const second = await startAndStop(env)
    expect(second).toContain('pnpm organiser-link')
    expect(second).not.toContain(token)

    const { stdout } = await run(process.execPath, [join(CLI, 'organiserLink.ts')], {
      env: { ...env, PUBLIC_URL: 'https://interviews.example.test/', PORT: '8787' },
    })
    expect(stdout.trim()).toBe(`https://interviews.example.test/#admin=${token}`)
    const local = await run(process.execPath, [join(CLI, 'organiserLink.ts')], {
      env: { ...env, PORT: '9000', HOST: '0.0.0.0' },
    })
    expect(local.stdout.trim()).toBe(`http://127.0.0.1:9000/#admin=${token}`)
  })

  it('organiser-link uses ADMIN_TOKEN when set, and says what to do when there is no token yet', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scaleboard-token-'))
    const strong = 'q3Vb9K0pZr7Xw2Lm5Nc8Ty1Hs4Jd6Fg0Aa9Uk3Ee7Ri'
    const { stdout } = await run(process.execPath, [join(CLI, 'organiserLink.ts')], {
      env: envWith({ DATA_DIR: dataDir, ADMIN_TOKEN: strong }),
    })
    expect(stdout.trim()).toBe(`http://127.0.0.1:8787/#admin=${strong}`)
    await expect(
      run(process.execPath, [join(CLI, 'organiserLink.ts')], { env: envWith({ DATA_DIR: dataDir }) }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Start the server once') })
  })
})
