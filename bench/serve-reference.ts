/**
 * The reference: the stock `@y/websocket-server` 0.1.1 room logic (`setupWSConnection`) behind a
 * bare `ws` server, with no auth and no persistence (YPERSISTENCE unset). It is the yardstick the
 * Scaleboard server is compared with. Started by bench/sync-fanout.ts.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'
import { reportToParent } from './serverProcess.ts'

if (process.env.YPERSISTENCE) throw new Error('the reference server must run without YPERSISTENCE')

const http = createServer((_request, response) => response.writeHead(404).end())
const wss = new WebSocketServer({ noServer: true })
// Same wiring as the package's own src/server.js; the doc name is the path, e.g. "sync/<room>".
http.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => setupWSConnection(ws, request))
})
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))

reportToParent({ port: (http.address() as AddressInfo).port, info: {} }, async () => {
  for (const client of wss.clients) client.terminate()
  await new Promise<void>((resolve) => http.close(() => resolve()))
})
