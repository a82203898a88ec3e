import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openBoardRecords, readBoardRecords } from '@scaleboard/board-sync/doc'
import { getDefaultComponentProps } from '@scaleboard/components/schema'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { loadConfig } from './config.ts'
import { type RunningServer, type StartOptions, startServer } from './server.ts'

export const TEST_ADMIN_TOKEN = 'Tq7vX2mKp9LwR4sZ8nBc3YhJ6fDg5EaU1oIxVtN0'

/**
 * A real server on 127.0.0.1 with a random port and a fresh SQLite file. Its JSON logs keep to
 * warnings and errors unless `env.LOG_LEVEL` says otherwise, and go to `options.logDestination`
 * when given.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<RunningServer & { dataDir: string }> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'scaleboard-server-'))
  const server = await startServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      ...env,
      DATA_DIR: dataDir,
    }),
    options,
  )
  return Object.assign(server, { dataDir })
}

export async function createSession(baseUrl: string, body: Record<string, unknown> = {}) {
  const response = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (response.status !== 201) throw new Error(`createSession: ${response.status} ${await response.text()}`)
  const session = (await response.json()) as { id: string; links: Record<string, string> }
  const token = (role: 'candidate' | 'interviewer' | 'observer') => tokenFromLink(session.links[role])
  return { ...session, token }
}

export type TestSession = Awaited<ReturnType<typeof createSession>>
/** Who calls: a role of the session, or the organiser (the admin token). */
export type TestCaller = 'candidate' | 'interviewer' | 'observer' | 'organiser'

/**
 * Calls a route of a session (`/api/sessions/<id><path>`) as one of its roles or the organiser;
 * the body is parsed as JSON when it is JSON, else kept as text (a report).
 */
export async function callSession<T = unknown>(
  baseUrl: string,
  session: TestSession,
  who: TestCaller,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T; headers: Headers }> {
  const token = who === 'organiser' ? TEST_ADMIN_TOKEN : session.token(who)
  const response = await fetch(`${baseUrl}/api/sessions/${session.id}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {}
  return { status: response.status, body: parsed as T, headers: response.headers }
}

/**
 * The role token of a board link: from its fragment (`/s/<id>#token=…`, what the server hands
 * out) or, for links made before that, its query string (`?token=…`). '' when it has none.
 * The one place test and bench code reads a token out of a link.
 */
export function tokenFromLink(link: string): string {
  const url = new URL(link)
  const fromFragment = new URLSearchParams(url.hash.replace(/^#/, '')).get('token')
  return fromFragment || url.searchParams.get('token') || ''
}

/** A stock y-websocket client, as a browser runs it, over the `ws` package. */
export function connectClient(baseUrl: string, sessionId: string, token: string, user = 'tester') {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, sessionId, doc, {
    params: { token, user },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  return { doc, provider }
}

export function waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const tick = () => {
      if (predicate()) return resolve()
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`))
      setTimeout(tick, 20)
    }
    tick()
  })
}

export function waitForSync(provider: WebsocketProvider): Promise<void> {
  return waitFor(() => provider.synced, 'initial sync')
}

/** Puts a valid component card (a cache) on a board doc, as a browser's binding would write it. */
export function putCard(doc: Y.Doc, id: `shape:${string}`, name: string, x = 900): void {
  openBoardRecords(doc).set(id, cardRecord(id, name, x))
}

/** A valid component card record (a cache) on the board's page. */
export function cardRecord(id: string, name: string, x: number) {
  return {
    id,
    typeName: 'shape',
    type: 'component',
    x,
    y: 0,
    rotation: 0,
    index: 'a5',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { ...getDefaultComponentProps('cache'), name },
  }
}

/** The name on a card of a board doc, or undefined when the card is not there. */
export function cardName(doc: Y.Doc, id: `shape:${string}`): string | undefined {
  const record = readBoardRecords(doc).get(id) as { props?: { name?: string } } | undefined
  return record?.props?.name
}
