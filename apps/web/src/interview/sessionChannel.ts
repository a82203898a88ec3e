import { SESSION_STATE_MESSAGE, SessionChangedMessage, SessionStateMessage } from '@scaleboard/schema'
import * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'
import { type ReceivedView, receiveView } from './countdown.ts'

type Listener = (received: ReceivedView) => void

/** What a `{ type: 'changed' }` frame names: the resource to refetch. */
export type ChangedResource = SessionChangedMessage['what']
type ChangeListener = (what: ChangedResource) => void

interface Channel {
  listeners: Set<Listener>
  changeListeners: Set<ChangeListener>
  last: ReceivedView | null
}

/**
 * One frame of the channel, or null for a frame of a type this page does not know (ignored, so the
 * server can add types) or one it cannot read.
 */
export function parseChannelFrame(
  json: string,
): { type: 'session'; message: SessionStateMessage } | { type: 'changed'; what: ChangedResource } | null {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    console.warn('[scaleboard] ignored an unreadable session-state message')
    return null
  }
  const type = (value as { type?: unknown } | null)?.type
  if (type === 'session') {
    const parsed = SessionStateMessage.safeParse(value)
    if (parsed.success) return { type: 'session', message: parsed.data }
    // Only the server writes this channel; a frame this page cannot read leaves the timer as it was.
    console.warn('[scaleboard] ignored an unreadable session-state message', parsed.error)
    return null
  }
  if (type === 'changed') {
    const parsed = SessionChangedMessage.safeParse(value)
    return parsed.success ? { type: 'changed', what: parsed.data.what } : null
  }
  return null
}

const channels = new WeakMap<WebsocketProvider, Channel>()

/**
 * Listens for the session-state channel on a board's socket: `varUint(100) varString(JSON of
 * SessionStateMessage)`, which the server sends after every phase or clock change and once right
 * after each (re)connect; and `{ type: 'changed', what }` frames when the checklist, the Q&A
 * thread or the feedback changed (the page refetches that resource). Other types are ignored. Call it as soon as the provider exists, so the frame that follows the
 * first connect is not missed; the newest frame is kept for listeners that subscribe later.
 * Idempotent per provider.
 */
export function attachSessionChannel(provider: WebsocketProvider): void {
  if (channels.has(provider)) return
  const channel: Channel = { listeners: new Set(), changeListeners: new Set(), last: null }
  channels.set(provider, channel)
  provider.messageHandlers[SESSION_STATE_MESSAGE] = (_encoder, decoder) => {
    let frame: ReturnType<typeof parseChannelFrame>
    try {
      frame = parseChannelFrame(decoding.readVarString(decoder))
    } catch (error) {
      console.warn('[scaleboard] ignored an unreadable session-state message', error)
      return
    }
    if (!frame) return
    if (frame.type === 'changed') {
      for (const listener of channel.changeListeners) listener(frame.what)
      return
    }
    const received = receiveView(frame.message.session, performance.now(), Date.now())
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

/** Calls `listener` whenever the server says the checklist, the Q&A thread or the feedback changed. */
export function onSessionChange(provider: WebsocketProvider, listener: ChangeListener): () => void {
  attachSessionChannel(provider)
  const channel = channels.get(provider) as Channel
  channel.changeListeners.add(listener)
  return () => {
    channel.changeListeners.delete(listener)
  }
}
