import type { WebsocketProvider } from 'y-websocket'

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] }

/**
 * y-websocket sends every awareness change to the server, other clients' states included (it
 * relays what it received, and its 30 s timeout "removes" silent peers). The Scaleboard server
 * lets a connection speak only for its own awareness client and closes it otherwise (4403), so
 * the provider must send our own client's changes and nothing else.
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): void {
  const ownId = provider.awareness.clientID
  const relay = provider._awarenessUpdateHandler
  provider.awareness.off('update', relay)
  const sendOwn = (change: AwarenessChange, origin: unknown) => {
    const own = (ids: number[]) => ids.filter((id) => id === ownId)
    const mine = { added: own(change.added), updated: own(change.updated), removed: own(change.removed) }
    if (mine.added.length + mine.updated.length + mine.removed.length > 0) relay(mine, origin)
  }
  // Stored back on the provider so its destroy() unregisters this handler.
  provider._awarenessUpdateHandler = sendOwn
  provider.awareness.on('update', sendOwn)
}
