import { afterEach, describe, expect, it } from 'vitest'
import {
  cardName,
  connectClient,
  createSession,
  putCard,
  TEST_ADMIN_TOKEN,
  waitFor,
  waitForSync,
} from '../../apps/server/src/testing.ts'
import { type ServerProcess, startServerProcess } from '../serverProcess.ts'

const servers: ServerProcess[] = []

afterEach(async () => {
  for (const server of servers.splice(0)) await server.kill()
})

describe('durability', () => {
  it('keeps an edit received a second before kill -9, reconnects clients, and merges their offline edits', async () => {
    const server = await startServerProcess(TEST_ADMIN_TOKEN)
    servers.push(server)
    const base = server.url
    const session = await createSession(base)
    const candidate = connectClient(base, session.id, session.token('candidate'))
    const watcher = connectClient(base, session.id, session.token('interviewer'))
    await Promise.all([waitForSync(candidate.provider), waitForSync(watcher.provider)])

    putCard(candidate.doc, 'shape:model-server', 'Model server')
    await waitFor(
      () => cardName(watcher.doc, 'shape:model-server') === 'Model server',
      'the server relayed the edit',
    )
    // Every client leaves: the edit must be durable without anyone holding it in memory.
    watcher.provider.disconnect()
    await new Promise((r) => setTimeout(r, 1100))
    await server.kill()

    await waitFor(() => !candidate.provider.wsconnected, 'the candidate notices the server is gone')
    putCard(candidate.doc, 'shape:offline-edit', 'made while the server was down', 1300)

    await server.restart()
    const fresh = connectClient(base, session.id, session.token('observer'))
    await waitForSync(fresh.provider)
    expect(cardName(fresh.doc, 'shape:model-server')).toBe('Model server')
    await waitFor(
      () => candidate.provider.synced && candidate.provider.wsconnected,
      'the candidate reconnects',
      20_000,
    )
    await waitFor(
      () => cardName(fresh.doc, 'shape:offline-edit') === 'made while the server was down',
      'the offline edit merged',
    )
    for (const c of [candidate, watcher, fresh]) c.provider.destroy()
  }, 60_000)
})
