import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { RunningServer } from '../../apps/server/src/server.ts'
import { createSession, startTestServer, waitFor, waitForSync } from '../../apps/server/src/testing.ts'
import { TicketRefusal, ticketWebSocket } from '../../apps/web/src/board/ticketWebSocket.ts'
import { SyncCloseCode } from '../../packages/schema/src/sync.ts'

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

/** The web app's provider set-up, over `ws`: a ticket per connect, the token only as a bearer. */
function ticketClient(sessionId: string, token: string) {
  const urls: string[] = []
  class RecordingSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      urls.push(url)
      super(url, protocols)
    }
  }
  const getTicket = async () => {
    const response = await fetch(`${server.url}/api/sessions/${sessionId}/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    })
    if (response.status === 401 || response.status === 403)
      throw new TicketRefusal(SyncCloseCode.tokenRevoked, 'link withdrawn')
    return ((await response.json()) as { ticket: string }).ticket
  }
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/sync`, sessionId, doc, {
    params: { user: 'u1' },
    WebSocketPolyfill: ticketWebSocket(getTicket, RecordingSocket as unknown as typeof globalThis.WebSocket),
    disableBc: true,
  })
  return { doc, provider, urls }
}

describe('the web client’s ticketed sync connection', () => {
  it('syncs with a ticket, and takes a fresh one when it reconnects; the token never is in a URL', async () => {
    const session = await createSession(server.url)
    const token = session.token('candidate')
    const client = ticketClient(session.id, token)
    await waitForSync(client.provider)

    // The socket drops: y-websocket reconnects on its own, through a new ticket.
    client.provider.ws?.close(4000, 'test drop')
    await waitFor(() => client.urls.length === 2 && client.provider.synced, 'reconnect and resync')

    const tickets = client.urls.map((u) => new URL(u).searchParams.get('ticket'))
    expect(tickets.every((t) => t && t.length === 43)).toBe(true)
    expect(new Set(tickets).size).toBe(2)
    for (const url of client.urls) {
      expect(url).not.toContain(token)
      expect(new URL(url).searchParams.get('user')).toBe('u1')
    }
    client.provider.destroy()
  })

  it('stops for good when the token no longer gets a ticket', async () => {
    const session = await createSession(server.url)
    const client = ticketClient(session.id, 'not-a-real-token-not-a-real-token-123456789')
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      client.provider.on('closed', (event) => resolve(event)),
    )
    expect(await closed).toEqual({ code: SyncCloseCode.tokenRevoked, reason: 'link withdrawn' })
    expect(client.urls).toEqual([])
    client.provider.destroy()
  })
})
