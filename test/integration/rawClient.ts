import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'

/**
 * A hostile or buggy client: a Y.Doc synced by hand over a raw `ws` socket, that can send any
 * frame it likes and reports how the server closed it.
 */
export interface RawClient {
  doc: Y.Doc
  socket: WebSocket
  /** Resolves with the close code and reason once the server (or we) closed the socket. */
  closed: Promise<{ code: number; reason: string }>
  /** True once the server's document reached us (sync step 2). */
  synced(): boolean
  /** Sends a Yjs update as a y-websocket sync update frame. */
  sendUpdate(update: Uint8Array): void
  /** Applies `change` to our doc in one transaction and sends exactly that change. */
  change(change: (doc: Y.Doc) => void): void
  sendAwareness(clientId: number, clock: number, state: unknown): void
  send(frame: Uint8Array): void
  /** Frames received so far. */
  received: number
}

export function openRawClient(url: string): Promise<RawClient> {
  const doc = new Y.Doc()
  const socket = new WebSocket(url)
  socket.binaryType = 'arraybuffer'
  let synced = false
  const client: RawClient = {
    doc,
    socket,
    received: 0,
    closed: new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    ),
    synced: () => synced,
    send: (frame) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(frame)
    },
    sendUpdate: (update) => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 0)
      syncProtocol.writeUpdate(encoder, update)
      client.send(encoding.toUint8Array(encoder))
    },
    change: (change) => {
      const before = Y.encodeStateVector(doc)
      doc.transact(() => change(doc), 'local')
      client.sendUpdate(Y.encodeStateAsUpdate(doc, before))
    },
    sendAwareness: (clientId, clock, state) => {
      const inner = encoding.createEncoder()
      encoding.writeVarUint(inner, 1)
      encoding.writeVarUint(inner, clientId)
      encoding.writeVarUint(inner, clock)
      encoding.writeVarString(inner, JSON.stringify(state))
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
      client.send(encoding.toUint8Array(encoder))
    },
  }
  socket.on('error', () => {})
  socket.on('message', (data: ArrayBuffer) => {
    client.received += 1
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) !== 0) return
    const reply = encoding.createEncoder()
    encoding.writeVarUint(reply, 0)
    const kind = syncProtocol.readSyncMessage(decoder, reply, doc, 'server')
    if (kind === syncProtocol.messageYjsSyncStep2) synced = true
    if (encoding.length(reply) > 1) client.send(encoding.toUint8Array(reply))
  })
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      // Ask for the server's document as a y-websocket client does.
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 0)
      syncProtocol.writeSyncStep1(encoder, doc)
      client.send(encoding.toUint8Array(encoder))
      resolve(client)
    })
    socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
  })
}
