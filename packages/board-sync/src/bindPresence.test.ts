import { createShapeId, type TLInstancePresence, type TLStore } from 'tldraw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { bindBoard } from './bindBoard.ts'
import {
  type AwarenessBoardState,
  bindPresence,
  type PresenceUser,
  presenceIdForClient,
} from './bindPresence.ts'
import { createBoardStore } from './createBoardStore.ts'
import { geoShape, linkAwareness, linkDocs, newAwareness } from './testPeers.ts'

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

const alice: PresenceUser = { id: 'user-alice', name: 'Alice', color: '#1971c2', role: 'candidate' }
const bob: PresenceUser = { id: 'user-bob', name: 'Bob', color: '#e8590c', role: 'interviewer' }

/** A bound board whose store has the session records presence is derived from. */
function boardPeer(user: PresenceUser) {
  const doc = new Y.Doc()
  const store = createBoardStore({ user })
  const awareness = newAwareness(doc)
  cleanups.push(() => awareness.destroy())
  return { doc, store, awareness, user }
}

function connect(a: ReturnType<typeof boardPeer>, b: ReturnType<typeof boardPeer>) {
  cleanups.push(bindBoard({ store: a.store, doc: a.doc }).dispose)
  cleanups.push(linkDocs(a.doc, b.doc).dispose)
  cleanups.push(bindBoard({ store: b.store, doc: b.doc }).dispose)
  cleanups.push(linkAwareness(a.awareness, b.awareness))
}

/** Lets scheduled awareness sends (microtasks) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

function presences(store: TLStore): TLInstancePresence[] {
  return store.allRecords().filter((r): r is TLInstancePresence => r.typeName === 'instance_presence')
}

function moveSelection(store: TLStore, shapeIds: string[]) {
  const pageState = store.allRecords().find((r) => r.typeName === 'instance_page_state')
  if (!pageState) throw new Error('no page state')
  store.put([{ ...pageState, selectedShapeIds: shapeIds } as typeof pageState])
}

describe('bindPresence', () => {
  it("shows A's presence as an instance_presence record in B, with A's name, colour and selection", async () => {
    const a = boardPeer(alice)
    const b = boardPeer(bob)
    connect(a, b)
    cleanups.push(
      bindPresence({ store: a.store, awareness: a.awareness, user: alice, throttleMs: 0 }).dispose,
    )
    cleanups.push(bindPresence({ store: b.store, awareness: b.awareness, user: bob, throttleMs: 0 }).dispose)

    const shape = createShapeId('box')
    a.store.put([geoShape(a.store, shape)])
    moveSelection(a.store, [shape])
    await settle()

    const inB = presences(b.store)
    expect(inB).toHaveLength(1)
    expect(inB[0]).toMatchObject({
      id: presenceIdForClient(a.awareness.clientID),
      userId: 'user:user-alice',
      userName: 'Alice',
      color: '#1971c2',
      selectedShapeIds: [shape],
    })
    // Nobody sees their own presence as a collaborator.
    expect(presences(a.store).map((p) => p.userName)).toEqual(['Bob'])
  })

  it('puts the user (stable id, role) in the awareness state for avatars', async () => {
    const a = boardPeer(alice)
    const b = boardPeer(bob)
    connect(a, b)
    cleanups.push(
      bindPresence({ store: a.store, awareness: a.awareness, user: alice, throttleMs: 0 }).dispose,
    )
    await settle()
    const stateInB = b.awareness.getStates().get(a.awareness.clientID) as AwarenessBoardState
    expect(stateInB.user).toEqual(alice)
  })

  it("removes A's presence from B when A's awareness state goes away", async () => {
    const a = boardPeer(alice)
    const b = boardPeer(bob)
    connect(a, b)
    cleanups.push(
      bindPresence({ store: a.store, awareness: a.awareness, user: alice, throttleMs: 0 }).dispose,
    )
    cleanups.push(bindPresence({ store: b.store, awareness: b.awareness, user: bob, throttleMs: 0 }).dispose)
    await settle()
    expect(presences(b.store)).toHaveLength(1)

    // What y-websocket does when a peer's connection closes.
    removeAwarenessStates(b.awareness, [a.awareness.clientID], 'connection closed')
    expect(presences(b.store)).toEqual([])
  })

  it('shares only the user when the cursor is not shared (observers)', async () => {
    const a = boardPeer(alice)
    const b = boardPeer(bob)
    connect(a, b)
    cleanups.push(
      bindPresence({ store: a.store, awareness: a.awareness, user: alice, throttleMs: 0, shareCursor: false })
        .dispose,
    )
    cleanups.push(bindPresence({ store: b.store, awareness: b.awareness, user: bob, throttleMs: 0 }).dispose)
    await settle()
    expect(presences(b.store)).toEqual([])
    const stateInB = b.awareness.getStates().get(a.awareness.clientID) as AwarenessBoardState
    expect(stateInB.user?.name).toBe('Alice')
  })

  it('skips a remote presence that does not validate', async () => {
    const a = boardPeer(alice)
    const b = boardPeer(bob)
    connect(a, b)
    const onSkippedPresence = vi.fn()
    cleanups.push(
      bindPresence({ store: b.store, awareness: b.awareness, user: bob, throttleMs: 0, onSkippedPresence })
        .dispose,
    )
    a.awareness.setLocalStateField('presence', { userName: 42, cursor: 'nowhere' })
    expect(presences(b.store)).toEqual([])
    expect(onSkippedPresence).toHaveBeenCalledTimes(1)
  })

  it('never writes presence into the board doc', async () => {
    const a = boardPeer(alice)
    const b = boardPeer(bob)
    connect(a, b)
    const updates = vi.fn()
    b.doc.on('update', updates)
    cleanups.push(
      bindPresence({ store: a.store, awareness: a.awareness, user: alice, throttleMs: 0 }).dispose,
    )
    cleanups.push(bindPresence({ store: b.store, awareness: b.awareness, user: bob, throttleMs: 0 }).dispose)
    moveSelection(a.store, [])
    await settle()
    expect(presences(b.store)).toHaveLength(1)
    expect(updates).not.toHaveBeenCalled()
  })

  it('throttles awareness updates from a moving cursor', async () => {
    const a = boardPeer(alice)
    cleanups.push(bindBoard({ store: a.store, doc: a.doc }).dispose)
    const sent = vi.fn()
    a.awareness.on('change', sent)
    cleanups.push(
      bindPresence({ store: a.store, awareness: a.awareness, user: alice, throttleMs: 30 }).dispose,
    )
    const pointer = a.store.allRecords().find((r) => r.typeName === 'pointer')
    if (!pointer) throw new Error('no pointer')
    sent.mockClear()
    for (let x = 1; x <= 20; x++) a.store.put([{ ...pointer, x } as typeof pointer])
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(sent.mock.calls.length).toBeGreaterThanOrEqual(1)
    expect(sent.mock.calls.length).toBeLessThanOrEqual(3)
    const state = a.awareness.getLocalState() as AwarenessBoardState
    expect(state.presence?.cursor?.x).toBe(20)
  })
})
