import { SESSION_STATE_MESSAGE, SessionStateMessage } from '@scaleboard/schema'
import * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'
import { type ReceivedView, receiveView } from './countdown.ts'

type Listener = (received: ReceivedView) => void

interface Channel {
  listeners: Set<Listener>
  last: ReceivedView | null
}

const channels = new WeakMap<WebsocketProvider, Channel>()

/**
 * Listens for the session-state channel on a board's socket: `varUint(100) varString(JSON of
 * SessionStateMessage)`, which the server sends after every phase or clock change and once right
 * after each (re)connect. Call it as soon as the provider exists, so the frame that follows the
 * first connect is not missed; the newest frame is kept for listeners that subscribe later.
 * Idempotent per provider.
 */
export function attachSessionChannel(provider: WebsocketProvider): void {
  if (channels.has(provider)) return
  const channel: Channel = { listeners: new Set(), last: null }
  channels.set(provider, channel)
  provider.messageHandlers[SESSION_STATE_MESSAGE] = (_encoder, decoder) => {
    let message: SessionStateMessage
    try {
      const parsed = SessionStateMessage.safeParse(JSON.parse(decoding.readVarString(decoder)))
      if (!parsed.success) throw parsed.error
      message = parsed.data
    } catch (error) {
      // Only the server writes this channel; a frame this page cannot read leaves the timer as it was.
      console.warn('[scaleboard] ignored an unreadable session-state message', error)
      return
    }
    const received = receiveView(message.session, performance.now(), Date.now())
    channel.last = received
    for (const listener of channel.listeners) listener(received)
  }
}

/** Calls `listener` with every session view the socket brings (first with the newest one already received). */
export function onSessionState(provider: WebsocketProvider, listener: Listener): () => void {
  attachSessionChannel(provider)
  const channel = channels.get(provider) as Channel
  channel.listeners.add(listener)
  if (channel.last) listener(channel.last)
  return () => {
    channel.listeners.delete(listener)
  }
}
