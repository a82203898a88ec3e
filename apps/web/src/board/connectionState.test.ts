import { SyncCloseCode } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import {
  type ConnectionEvent,
  type ConnectionFacts,
  connectionState,
  FIRST_CONNECT_ATTEMPTS,
  initialConnectionFacts,
  reduceConnection,
  shouldReconnectAfter,
} from './connectionState.ts'

function run(events: ConnectionEvent[], from: ConnectionFacts = initialConnectionFacts): ConnectionFacts {
  return events.reduce(reduceConnection, from)
}

const goLive: ConnectionEvent[] = [
  { type: 'status', status: 'connected' },
  { type: 'sync', synced: true },
]
const drop: ConnectionEvent[] = [
  { type: 'connection-closed', code: 1006 },
  { type: 'status', status: 'disconnected' },
]

describe('connection state', () => {
  it('is connecting until the first sync, then live', () => {
    expect(connectionState(initialConnectionFacts)).toBe('connecting')
    expect(connectionState(run([{ type: 'status', status: 'connected' }]))).toBe('connecting')
    expect(connectionState(run(goLive))).toBe('live')
  })

  it('is reconnecting after a drop, and live again after the next sync', () => {
    const dropped = run([...goLive, ...drop, { type: 'status', status: 'connecting' }])
    expect(connectionState(dropped)).toBe('reconnecting')
    expect(connectionState(run(goLive, dropped))).toBe('live')
  })

  it('says offline with unsynced edits when the user edits while disconnected, until synced', () => {
    const edited = run([...goLive, ...drop, { type: 'local-edit' }])
    expect(connectionState(edited)).toBe('offline')
    const reconnected = run([{ type: 'status', status: 'connected' }], edited)
    expect(connectionState(reconnected)).toBe('offline')
    expect(connectionState(run([{ type: 'sync', synced: true }], reconnected))).toBe('live')
  })

  it('ignores edits made while live', () => {
    expect(run([...goLive, { type: 'local-edit' }]).unsyncedEdits).toBe(false)
  })

  it('gives up on a board it never reached after a few failed attempts', () => {
    const closes = Array.from({ length: FIRST_CONNECT_ATTEMPTS }, () => ({
      type: 'connection-closed' as const,
      code: 1006,
    }))
    expect(run(closes.slice(0, -1)).failure).toBeNull()
    expect(run(closes).failure?.kind).toBe('unreachable')
    // Once the board was live, drops never give up: the user may have unsynced work.
    expect(run([...goLive, ...closes, ...closes]).failure).toBeNull()
  })

  it('does not count closes we caused ourselves', () => {
    const closes = Array.from({ length: 5 }, () => ({ type: 'connection-closed' as const, code: null }))
    expect(run(closes).failedAttempts).toBe(0)
  })

  it('explains refusals by close code, and retry clears them', () => {
    const full = run([{ type: 'refused', code: SyncCloseCode.roomFull }])
    expect(full.failure?.kind).toBe('room-full')
    expect(run([{ type: 'retry' }], full).failure).toBeNull()
    expect(
      run([...goLive, { type: 'connection-closed', code: SyncCloseCode.frameTooLarge }]).failure?.kind,
    ).toBe('too-large')
  })

  it('reconnects after ordinary closes but not after refusals or oversized frames', () => {
    expect(shouldReconnectAfter(1006)).toBe(true)
    expect(shouldReconnectAfter(SyncCloseCode.serverRestart)).toBe(true)
    expect(shouldReconnectAfter(SyncCloseCode.roomFull)).toBe(false)
    expect(shouldReconnectAfter(SyncCloseCode.frameTooLarge)).toBe(false)
  })
})
