import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, type Server, type Socket } from 'node:net'
import { DatabaseSync } from 'node:sqlite'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createReadiness } from './readiness.ts'
import { observedApp, type ServedApp, serveOnLoopback } from './testing.ts'

/** A port the OS says is free now (redis-server needs a number, not 0). */
async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

/** A real redis-server on loopback, without persistence. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    '/usr/bin/redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  )
  const probe = new Redis({ host: '127.0.0.1', port, lazyConnect: true, retryStrategy: () => 50 })
  probe.on('error', () => {})
  try {
    await until(async () => (await probe.ping().catch(() => null)) === 'PONG', 'redis-server to answer')
  } finally {
    probe.disconnect()
  }
  return child
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  child.kill('SIGKILL')
  await once(child, 'exit')
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A real SQLite database; closing it makes the check fail as a lost database would. */
function sqliteCheck() {
  const db = new DatabaseSync(':memory:')
  return {
    check: async () => {
      db.prepare('select 1').get()
    },
    close: () => db.close(),
  }
}

const getJson = async (url: string) => {
  const response = await fetch(url)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('/healthz with a real database and Redis', () => {
  let redisPort: number
  let redis: ChildProcess
  let client: Redis
  beforeAll(async () => {
    redisPort = await freePort()
    redis = await startRedis(redisPort)
    client = new Redis({ host: '127.0.0.1', port: redisPort, retryStrategy: () => 100 })
    client.on('error', () => {})
  })
  afterAll(async () => {
    client.disconnect()
    await stopRedis(redis)
  })

  it('is 200 while both answer, 503 with the reason while Redis is down, 200 again once it is back', async () => {
    const database = sqliteCheck()
    const served = await serveOnLoopback(
      observedApp(
        {
          instanceId: 'web-1',
          redis: async () => {
            await client.ping()
          },
          checkTimeoutMs: 1_000,
        },
        database.check,
      ),
    )
    try {
      expect(await getJson(`${served.url}/healthz`)).toEqual({
        status: 200,
        body: { status: 'ok', database: 'ok', redis: 'ok', instance: 'web-1' },
      })
      await stopRedis(redis)
      const down = await getJson(`${served.url}/healthz`)
      expect(down.status).toBe(503)
      expect(down.body).toMatchObject({ status: 'unavailable', database: 'ok', instance: 'web-1' })
      expect(down.body.redis).toEqual(expect.any(String))
      expect(down.body.redis).not.toBe('ok')
      // The database alone does not make the instance unready: the bus is not its durability.
      expect((await fetch(`${served.url}/readyz`)).status).toBe(200)

      redis = await startRedis(redisPort)
      await until(async () => (await fetch(`${served.url}/healthz`)).status === 200, 'healthz to recover')
    } finally {
      await served.close()
      database.close()
    }
  })

  it('is 503 naming the database when it cannot be reached', async () => {
    const database = sqliteCheck()
    const served = await serveOnLoopback(
      observedApp({ redis: async () => void (await client.ping()) }, database.check),
    )
    try {
      expect((await fetch(`${served.url}/healthz`)).status).toBe(200)
      database.close()
      const down = await getJson(`${served.url}/healthz`)
      expect(down).toEqual({
        status: 503,
        body: { status: 'unavailable', database: 'database is not open', redis: 'ok' },
      })
    } finally {
      await served.close()
    }
  })

  it('counts a dependency that does not answer in time as down', async () => {
    // A listener that accepts and never replies: Redis that hangs, not one that refuses.
    const sockets = new Set<Socket>()
    const silent: Server = createServer((socket) => {
      sockets.add(socket)
      socket.on('error', () => {})
    })
    silent.listen(0, '127.0.0.1')
    await once(silent, 'listening')
    const hung = new Redis({
      host: '127.0.0.1',
      port: (silent.address() as { port: number }).port,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    })
    hung.on('error', () => {})
    const database = sqliteCheck()
    const served = await serveOnLoopback(
      observedApp({ redis: async () => void (await hung.ping()), checkTimeoutMs: 300 }, database.check),
    )
    try {
      expect(await getJson(`${served.url}/healthz`)).toEqual({
        status: 503,
        body: { status: 'unavailable', database: 'ok', redis: 'no answer within 300 ms' },
      })
    } finally {
      await served.close()
      hung.disconnect()
      for (const socket of sockets) socket.destroy()
      silent.close()
      database.close()
    }
  })

  it('leaves Redis out when the server does not use it', async () => {
    const database = sqliteCheck()
    const served = await serveOnLoopback(observedApp({}, database.check))
    try {
      expect(await getJson(`${served.url}/healthz`)).toEqual({
        status: 200,
        body: { status: 'ok', database: 'ok' },
      })
    } finally {
      await served.close()
      database.close()
    }
  })
})

describe('/readyz for rolling restarts', () => {
  let served: ServedApp
  const readiness = createReadiness()
  const database = sqliteCheck()
  beforeAll(async () => {
    served = await serveOnLoopback(observedApp({ readiness }, database.check))
  })
  afterAll(() => served.close())

  it('follows the server: starting, ready, unready while the database is down, draining for good', async () => {
    expect(await getJson(`${served.url}/readyz`)).toEqual({
      status: 503,
      body: { ready: false, reason: 'starting' },
    })
    readiness.markReady()
    expect(await getJson(`${served.url}/readyz`)).toEqual({ status: 200, body: { ready: true } })

    readiness.draining()
    expect(await getJson(`${served.url}/readyz`)).toEqual({
      status: 503,
      body: { ready: false, reason: 'draining' },
    })
    // A late "ready" does not undo a drain.
    readiness.markReady()
    expect((await fetch(`${served.url}/readyz`)).status).toBe(503)
    // Draining is not unhealthy: the process still answers and saves its rooms.
    expect((await fetch(`${served.url}/healthz`)).status).toBe(200)
  })

  it('is 503 while the database cannot be reached', async () => {
    const fresh = createReadiness({ ready: true })
    const db = sqliteCheck()
    const own = await serveOnLoopback(observedApp({ readiness: fresh }, db.check))
    try {
      expect((await fetch(`${own.url}/readyz`)).status).toBe(200)
      db.close()
      expect(await getJson(`${own.url}/readyz`)).toEqual({
        status: 503,
        body: { ready: false, reason: 'database: database is not open' },
      })
    } finally {
      await own.close()
    }
  })

  it('is ready by default when the server passes no readiness (old callers)', async () => {
    const db = sqliteCheck()
    const own = await serveOnLoopback(observedApp({}, db.check))
    try {
      expect(await getJson(`${own.url}/readyz`)).toEqual({ status: 200, body: { ready: true } })
    } finally {
      await own.close()
      db.close()
    }
  })
})
