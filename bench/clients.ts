import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/** Where one room's clients connect: y-websocket appends `/<room>` to `wsBase`. */
export interface RoomTarget {
  wsBase: string
  room: string
  params: Record<string, string>
}

export interface BenchClient {
  doc: Y.Doc
  provider: WebsocketProvider
}

/**
 * A stock, unpatched y-websocket client over the `ws` package. (It relays peers' awareness states;
 * the Scaleboard server drops entries for ids a connection does not own.) Both servers get the
 * same client.
 */
export function connectClient(target: RoomTarget, user: string): BenchClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(target.wsBase, target.room, doc, {
    params: { ...target.params, user },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  return { doc, provider }
}

export function whenSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve()
  return new Promise((resolve) => {
    const onSync = (synced: boolean) => {
      if (!synced) return
      provider.off('sync', onSync)
      resolve()
    }
    provider.on('sync', onSync)
  })
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), Math.max(ms, 0))
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
