/**
 * Scaleboard scaled out, end to end: real instances (`node apps/server/src/main.ts`) sharing one
 * PostgreSQL and one Redis behind the shipped nginx settings, no sticky sessions, and stock
 * y-websocket clients. Run: `pnpm exec vitest run test/scaleout` (SCALEBOARD_SKIP_SCALEOUT=1 skips it).
 *
 * Only convergence and durability are asserted, with generous time-outs; the latencies are printed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  callSession,
  createSession,
  putCard,
  TEST_ADMIN_TOKEN,
  type TestSession,
  waitForSync,
} from '../../apps/server/src/testing.ts'
import { migrationProvider } from '../../packages/storage/src/migrations.ts'
import { openRawClient } from '../integration/rawClient.ts'
import { type PostgresService, scaleoutSkipReason, startPostgres } from '../services/postgres.ts'
import { type RedisService, startRedis } from '../services/redis.ts'
import {
  type Cluster,
  type ScaleboardInstance,
  startCluster,
  startInstance,
} from '../services/scaleboardInstance.ts'
import {
  type BoardClient,
  type CardId,
  closeBoardClient,
  missingCards,
  openBoardClient,
  queryDatabase,
  settle,
  startTyping,
  whenCardArrives,
} from './boardWriters.ts'

const skipReason = scaleoutSkipReason()
if (skipReason) console.warn(`[scaleout] skipped: ${skipReason}`)
/** Generous: the machine running CI may be slow and busy; nothing here is a timing assertion. */
const CONVERGE_MS = 30_000
const log = (line: string) => console.log(`[scaleout] ${line}`)

describe.skipIf(skipReason !== null)(skipReason ? `scale-out (skipped: ${skipReason})` : 'scale-out', () => {
  let postgres: PostgresService | undefined
  let redis: RedisService | undefined

  beforeAll(async () => {
    // Both at once; whichever started is kept (and stopped in afterAll) even if the other failed.
    const [pg, rd] = await Promise.allSettled([startPostgres(), startRedis()])
    if (pg.status === 'fulfilled') postgres = pg.value
    if (rd.status === 'fulfilled') redis = rd.value
    for (const outcome of [pg, rd]) if (outcome.status === 'rejected') throw outcome.reason
  }, 120_000)

  afterAll(async () => {
    await Promise.allSettled([postgres?.stop(), redis?.stop()])
  }, 60_000)

  describe('three instances behind nginx', () => {
    let cluster: Cluster
    const clients: BoardClient[] = []
    const open = (base: string, session: { id: string }, token: string, name: string) => {
      const client = openBoardClient(base, session.id, token, name)
      clients.push(client)
      return client
    }

    beforeAll(async () => {
      cluster = await startCluster({ instances: 3, postgres, redis, adminToken: TEST_ADMIN_TOKEN })
    }, 120_000)

    afterEach(() => {
      for (const client of clients.splice(0)) closeBoardClient(client)
    })

    afterAll(async () => {
      for (const client of clients.splice(0)) closeBoardClient(client)
      await cluster?.stop()
    }, 60_000)

    it('clients on different instances converge: edits and presence cross instances', async () => {
      const { nginx, instances } = cluster
      const session = await createSession(nginx.url)
      const writers = [
        open(instances[0].url, session, session.token('candidate'), 'on-instance-1'),
        open(instances[1].url, session, session.token('interviewer'), 'on-instance-2'),
        open(nginx.url, session, session.token('candidate'), 'through-nginx'),
      ]
      await Promise.all(writers.map((c) => waitForSync(c.provider)))

      const ids: CardId[] = []
      for (const writer of writers) {
        const id: CardId = `shape:converge-${writer.name}`
        ids.push(id)
        const others = writers.filter((c) => c !== writer)
        const sent = performance.now()
        putCard(writer.doc, id, `written ${writer.name}`)
        const arrived = await Promise.all(
          others.map((c) => whenCardArrives(c.doc, id, CONVERGE_MS, `${writer.name}'s card at ${c.name}`)),
        )
        log(
          `edit ${writer.name} → ${others.map((c, i) => `${c.name} ${(arrived[i] - sent).toFixed(1)} ms`).join(', ')}`,
        )
      }
      for (const client of writers) expect(missingCards(client.doc, ids), client.name).toEqual([])

      // Presence: each client's awareness state reaches the clients on the other instances.
      for (const client of writers)
        client.provider.awareness.setLocalStateField('scaleout', { name: client.name })
      const seesEveryone = (client: BoardClient) =>
        writers.every(
          (other) =>
            other === client ||
            (client.provider.awareness.getStates().get(other.doc.clientID) as { scaleout?: { name: string } })
              ?.scaleout?.name === other.name,
        )
      const presenceMs = await settle(() => writers.every(seesEveryone), CONVERGE_MS)
      log(`presence of all three seen everywhere after ${presenceMs.toFixed(0)} ms`)
      for (const client of writers)
        expect(seesEveryone(client), `${client.name} sees the others' presence`).toBe(true)
    }, 60_000)

    it('a ticket fetched from one instance opens a socket on another', async () => {
      const { instances } = cluster
      const session = await createSession(instances[0].url)
      const writer = open(instances[0].url, session, session.token('candidate'), 'writer')
      await waitForSync(writer.provider)
      putCard(writer.doc, 'shape:before-ticket', 'there before the ticket')

      const issued = await callSession<{ ticket: string }>(
        instances[0].url,
        session,
        'interviewer',
        'POST',
        '/tickets',
      )
      expect(issued.status).toBe(201)
      const raw = await openRawClient(
        `${instances[1].url.replace(/^http/, 'ws')}/sync/${session.id}?ticket=${encodeURIComponent(issued.body.ticket)}`,
      )
      try {
        await settle(() => missingCards(raw.doc, ['shape:before-ticket']).length === 0, CONVERGE_MS)
        expect(missingCards(raw.doc, ['shape:before-ticket'])).toEqual([])
      } finally {
        raw.socket.close()
      }
    }, 60_000)

    it('Redis restarts: each instance keeps working on its own, then all converge', async () => {
      const { instances } = cluster
      const session = await createSession(instances[0].url)
      const one = [
        open(instances[0].url, session, session.token('candidate'), 'one-a'),
        open(instances[0].url, session, session.token('interviewer'), 'one-b'),
      ]
      const two = [
        open(instances[1].url, session, session.token('candidate'), 'two-a'),
        open(instances[1].url, session, session.token('interviewer'), 'two-b'),
      ]
      const everyone = [...one, ...two]
      await Promise.all(everyone.map((c) => waitForSync(c.provider)))
      putCard(one[0].doc, 'shape:before-outage', 'before the outage')
      await whenCardArrives(two[0].doc, 'shape:before-outage', CONVERGE_MS, 'the bus before the outage')

      if (!redis) throw new Error('Redis did not start')
      await redis.stop()
      let restarted = 0
      try {
        // Long enough for the instances to see their Redis connections drop before the edits.
        await sleep(500)
        putCard(one[0].doc, 'shape:outage-one', 'written on instance 1 while Redis is down')
        putCard(two[0].doc, 'shape:outage-two', 'written on instance 2 while Redis is down')
        // Clients of the same instance still see each other's edits: the room does not wait on Redis.
        await Promise.all([
          whenCardArrives(one[1].doc, 'shape:outage-one', CONVERGE_MS, 'instance 1 relaying without Redis'),
          whenCardArrives(two[1].doc, 'shape:outage-two', CONVERGE_MS, 'instance 2 relaying without Redis'),
        ])
      } finally {
        // Back up whatever happened: the tests after this one need it.
        restarted = performance.now()
        await redis.restart()
      }
      const ids = ['shape:before-outage', 'shape:outage-one', 'shape:outage-two']
      const convergedMs = await settle(
        () => everyone.every((c) => missingCards(c.doc, ids).length === 0),
        CONVERGE_MS,
      )
      log(`after Redis came back, all four clients converged in ${convergedMs.toFixed(0)} ms`)
      for (const client of everyone) expect(missingCards(client.doc, ids), client.name).toEqual([])

      // And the bus works again: a new edit crosses as before.
      putCard(two[1].doc, 'shape:after-outage', 'after the outage')
      const crossed = await whenCardArrives(
        one[1].doc,
        'shape:after-outage',
        CONVERGE_MS,
        'the bus after the outage',
      )
      log(
        `first edit across after the restart: ${(crossed - restarted).toFixed(0)} ms after restarting Redis`,
      )
    }, 90_000)

    // Last in this cluster: it leaves one instance dead.
    it('kill -9 of an instance while clients type through nginx loses nothing', async () => {
      const { nginx, instances } = cluster
      const session = await createSession(nginx.url)
      // One after the other, each synced before the next: nginx's round robin (one worker) puts
      // consecutive connections on consecutive instances, so every instance holds one of them.
      const typists: BoardClient[] = []
      for (const [n, role] of (['candidate', 'interviewer', 'candidate'] as const).entries()) {
        const client = open(nginx.url, session, session.token(role), `typist-${n + 1}`)
        await waitForSync(client.provider)
        typists.push(client)
      }
      const typing = typists.map((client, n) => startTyping(client, `t${n + 1}`, 20))
      await sleep(1_000)
      const victim = instances[2] as ScaleboardInstance
      const killedAt = performance.now()
      await victim.kill('SIGKILL')
      log(
        `killed ${victim.instanceId} (SIGKILL) after ${typing.map((t) => t.written.length).join('/')} cards`,
      )
      await sleep(2_500)
      for (const t of typing) t.stop()
      const written = typing.flatMap((t) => t.written)
      expect(
        typists.some((c) => c.disconnects > 0),
        'the killed instance held one of the clients',
      ).toBe(true)

      // A client the server closed for good (a 44xx code: y-websocket gives up) will not come back.
      const givenUp = () => typists.some((c) => !c.provider.shouldConnect)
      const back = await settle(
        () => givenUp() || typists.every((c) => c.provider.wsconnected && c.provider.synced),
        CONVERGE_MS,
      )
      const converged = await settle(
        () => givenUp() || typists.every((c) => missingCards(c.doc, written).length === 0),
        CONVERGE_MS,
      )
      log(
        `${written.length} cards written; clients reconnected ${back.toFixed(0)} ms and converged ` +
          `${(back + converged).toFixed(0)} ms after typing stopped (${(performance.now() - killedAt).toFixed(0)} ms after the kill)`,
      )
      const states = typists.map((client) => {
        const missing = missingCards(client.doc, written)
        const byWriter = typing.map((t) => t.written.filter((id) => missing.includes(id)).length)
        return (
          `${client.name}: ${client.provider.wsconnected ? 'connected' : 'NOT connected'}, ` +
          `${client.disconnects} disconnects (closes: ${client.closes.join(' | ') || 'none'}), ` +
          `missing ${byWriter.join('/')} of the typists' cards`
        )
      })
      for (const state of states) log(state)
      const allThere = typists.every(
        (c) => c.provider.wsconnected && missingCards(c.doc, written).length === 0,
      )
      if (!allThere)
        for (const instance of instances) log(`${instance.instanceId}: ${instance.output().slice(-3000)}`)
      for (const [n, client] of typists.entries()) {
        expect(client.provider.wsconnected, states[n]).toBe(true)
        expect(gap(missingCards(client.doc, written)), states[n]).toEqual(gap([]))
      }

      // Durable: once every client left, the board as stored in PostgreSQL has every card.
      for (const client of clients.splice(0)) closeBoardClient(client)
      let stored: string[] = written
      const storedMs = await settleAsync(async () => {
        stored = await missingFromStoredBoard(nginx.url, session, written)
        return stored.length === 0
      }, CONVERGE_MS)
      log(
        `the stored board lacked ${stored.length} of the ${written.length} cards ${storedMs.toFixed(0)} ms after the clients left`,
      )
      expect(gap(stored), 'cards missing from the stored board').toEqual(gap([]))
    }, 120_000)
  })

  describe('two instances start on an empty database at once', () => {
    const started: ScaleboardInstance[] = []

    afterAll(async () => {
      await Promise.allSettled(started.map((instance) => instance.stop()))
    }, 60_000)

    it('both become ready, and each migration ran exactly once', async () => {
      if (!postgres || !redis) throw new Error('PostgreSQL and Redis did not start')
      const databaseUrl = await postgres.createDatabase()
      const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, ADMIN_TOKEN: TEST_ADMIN_TOKEN }
      started.push(
        ...(await Promise.all([
          startInstance({ env: { ...env, INSTANCE_ID: 'empty-db-1' } }),
          startInstance({ env: { ...env, INSTANCE_ID: 'empty-db-2' } }),
        ])),
      )
      await Promise.all(started.map((instance) => instance.waitReady()))

      const expected = Object.keys(await migrationProvider('postgres').getMigrations()).sort()
      const ran = await queryDatabase<{ name: string; copies: number }>(
        databaseUrl,
        'select name, count(*)::int as copies from kysely_migration group by name order by name',
      )
      expect(ran).toEqual(expected.map((name) => ({ name, copies: 1 })))

      // Both serve the same database: a session made on one is known to the other.
      const session = await createSession(started[0].url)
      const seen = await callSession(started[1].url, session, 'interviewer', 'GET', '')
      expect(seen.status).toBe(200)
    }, 120_000)
  })
})

/** How many are missing, and the first few: a failure message that stays readable. */
function gap(missing: readonly string[]): { missing: number; first: string[] } {
  return { missing: missing.length, first: missing.slice(0, 5) }
}

/** The ids among `ids` missing from the board as stored (the log read back by any instance). */
async function missingFromStoredBoard(
  baseUrl: string,
  session: TestSession,
  ids: readonly string[],
): Promise<string[]> {
  const at = encodeURIComponent(new Date().toISOString())
  const board = await callSession<{ records: Array<{ id: string }> }>(
    baseUrl,
    session,
    'interviewer',
    'GET',
    `/records?at=${at}`,
  )
  if (board.status !== 200) return [...ids]
  const stored = new Set(board.body.records.map((record) => record.id))
  return ids.filter((id) => !stored.has(id))
}

async function settleAsync(predicate: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = performance.now()
  while (!(await predicate()) && performance.now() - started < timeoutMs) await sleep(250)
  return performance.now() - started
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms))
}
