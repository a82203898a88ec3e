/**
 * Board clients for the scale-out tests: stock y-websocket clients (apps/server/src/testing.ts)
 * that write numbered cards, watch for other clients' cards, and count their disconnects.
 */
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import type * as Y from 'yjs'
import { connectClient, putCard } from '../../apps/server/src/testing.ts'
import { openBoardRecords, readBoardRecords } from '../../packages/board-sync/src/doc.ts'

export type CardId = `shape:${string}`

export interface BoardClient extends ReturnType<typeof connectClient> {
  name: string
  /** Times the socket dropped (`status: disconnected`) since it connected. */
  disconnects: number
  /** The last few close codes and reasons the socket saw, for failure messages. */
  closes: string[]
}

export function openBoardClient(
  baseUrl: string,
  sessionId: string,
  token: string,
  name: string,
): BoardClient {
  const client: BoardClient = Object.assign(connectClient(baseUrl, sessionId, token, name), {
    name,
    disconnects: 0,
    closes: [],
  })
  client.provider.on('status', ({ status }: { status: string }) => {
    if (status === 'disconnected') client.disconnects += 1
  })
  client.provider.on('connection-close', (event: { code: number; reason: string } | null) => {
    client.closes = [...client.closes.slice(-4), `${event?.code ?? '?'} ${event?.reason ?? ''}`.trim()]
  })
  return client
}

export function closeBoardClient({ provider, doc }: BoardClient): void {
  provider.destroy()
  doc.destroy()
}

/** The ids among `ids` that the doc does not hold. */
export function missingCards(doc: Y.Doc, ids: readonly string[]): string[] {
  const records = readBoardRecords(doc)
  return ids.filter((id) => !records.has(id))
}

/**
 * Resolves with performance.now() at the moment the card arrived in `doc` (from the doc's own
 * change event, not a poll, so the time is what a user would see), or at once if it is there.
 */
export function whenCardArrives(doc: Y.Doc, id: CardId, timeoutMs: number, what: string): Promise<number> {
  if (readBoardRecords(doc).has(id)) return Promise.resolve(performance.now())
  const records = openBoardRecords(doc)
  return new Promise((done, fail) => {
    const onChange = (changes: Map<string, unknown>) => {
      if (!changes.has(id)) return
      stop()
      done(performance.now())
    }
    const timer = setTimeout(() => {
      stop()
      fail(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))
    }, timeoutMs)
    const stop = () => {
      clearTimeout(timer)
      records.off('change', onChange)
    }
    records.on('change', onChange)
  })
}

export interface Typist {
  /** Every card id written so far, in order. */
  written: CardId[]
  stop(): void
}

/**
 * Writes a new card `shape:<prefix>-<n>` every `everyMs`, whether or not the client is connected
 * (y-websocket keeps what it could not send and sends it once it is back), as a user keeps typing.
 */
export function startTyping(client: BoardClient, prefix: string, everyMs: number): Typist {
  const written: CardId[] = []
  const timer = setInterval(() => {
    const id: CardId = `shape:${prefix}-${written.length + 1}`
    putCard(client.doc, id, `${client.name} #${written.length + 1}`, 100 + written.length)
    written.push(id)
  }, everyMs)
  return { written, stop: () => clearInterval(timer) }
}

/** Polls `predicate` until it holds or `timeoutMs` passed; never throws (the caller asserts). */
export async function settle(predicate: () => boolean, timeoutMs: number): Promise<number> {
  const started = performance.now()
  while (!predicate() && performance.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 25))
  return performance.now() - started
}

/**
 * The `pg` client as packages/storage resolves it: `pg` is that package's dependency and is not
 * hoisted to the workspace root, where test/ resolves its imports.
 */
interface PgClient {
  connect(): Promise<void>
  query<Row>(sql: string, values?: unknown[]): Promise<{ rows: Row[] }>
  end(): Promise<void>
}
const pg = createRequire(resolve(import.meta.dirname, '../../packages/storage/package.json'))('pg') as {
  Client: new (config: { connectionString: string }) => PgClient
}

/** Runs one query on a database of the test's PostgreSQL. */
export async function queryDatabase<Row>(url: string, sql: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<Row>(sql, values)).rows
  } finally {
    await client.end()
  }
}
