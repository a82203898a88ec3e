import { describe, expect, it, vi } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { sendOwnAwarenessOnly } from './ownAwarenessOnly.ts'

describe('sendOwnAwarenessOnly', () => {
  it("relays this client's awareness changes and drops everyone else's", () => {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider('ws://127.0.0.1:9', 'room', doc, {
      connect: false,
      disableBc: true,
    })
    // Stand in for y-websocket's sender to see what it would put on the wire.
    const sent = vi.fn()
    provider.awareness.off('update', provider._awarenessUpdateHandler)
    provider._awarenessUpdateHandler = sent
    provider.awareness.on('update', sent)

    sendOwnAwarenessOnly(provider)
    const own = provider.awareness.clientID
    provider.awareness.setLocalStateField('user', { name: 'Ada' })
    provider.awareness.emit('update', [{ added: [own + 1], updated: [], removed: [own + 2] }, 'remote'])

    expect(sent).toHaveBeenCalledTimes(1)
    expect(sent.mock.calls[0][0]).toEqual({ added: [], updated: [own], removed: [] })
    provider.destroy()
    provider.awareness.setLocalStateField('user', { name: 'Ada again' })
    expect(sent).toHaveBeenCalledTimes(1)
  })
})
