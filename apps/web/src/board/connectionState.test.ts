import { SyncCloseCode } from '@scaleboard/schema'
import { describe, expect, it } from 'vitest'
import {
  type ConnectionEvent,
  type ConnectionFacts,
  connectionState,
  FIRST_CONNECT_ATTEMPTS,
  initialConnectionFacts,
  minimumBackoffSteps,
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

  it('gives every permanent close code its own plain message and the action that fixes it', () => {
    const refused = (code: number, reason = '') => run([...goLive, { type: 'refused', code, reason }])
    const change = refused(SyncCloseCode.changeRefused, 'locked current-state shape shape:cs-1')
    expect(change.failure).toMatchObject({
      kind: 'change-refused',
      action: 'reload',
      detail: 'locked current-state shape shape:cs-1',
    })
    expect(change.failure?.message).toMatch(/not saved.*Reload the board.*discarded/)
    // The refused change lives only in this tab: the indicator must not claim the board is fine.
    expect(connectionState(change)).toBe('offline')

    const limit = refused(SyncCloseCode.limitExceeded)
    expect(limit.failure).toMatchObject({ kind: 'limit-exceeded', action: 'reload', detail: null })
    expect(limit.failure?.message).toMatch(/size limit/)

    const revoked = refused(SyncCloseCode.tokenRevoked)
    expect(revoked.failure).toMatchObject({ kind: 'revoked', action: null })
    expect(revoked.failure?.message).toMatch(/withdrawn.*organiser/)
    expect(connectionState(revoked)).toBe('disconnected')

    // A deleted session: nothing on the page helps, and it is not "withdrawn".
    const deleted = refused(SyncCloseCode.sessionDeleted, 'this interview was deleted')
    expect(deleted.failure).toMatchObject({ kind: 'deleted', action: null })
    expect(deleted.failure?.message).toMatch(/interview was deleted/)
    expect(shouldReconnectAfter(SyncCloseCode.sessionDeleted)).toBe(false)

    expect(refused(SyncCloseCode.roomFull).failure).toMatchObject({ kind: 'room-full', action: 'retry' })
    expect(refused(4499).failure).toMatchObject({ kind: 'refused', action: 'reload' })
    const messages = [change, limit, revoked].map((f) => f.failure?.message)
    expect(new Set(messages).size).toBe(3)
  })

  it('keeps reconnecting after temporary closes, saying why, until the next sync', () => {
    for (const [code, kind] of [
      [SyncCloseCode.storageUnavailable, 'storage-unavailable'],
      [SyncCloseCode.rateLimited, 'rate-limited'],
      [SyncCloseCode.slowReader, 'slow-reader'],
      [SyncCloseCode.serverRestart, 'server-restart'],
    ] as const) {
      expect(shouldReconnectAfter(code), String(code)).toBe(true)
      const closed = run([...goLive, { type: 'connection-closed', code, reason: 'why' }])
      expect(closed.failure, String(code)).toBeNull()
      expect(closed.notice, String(code)).toMatchObject({ kind, detail: 'why' })
      expect(run(goLive, closed).notice).toBeNull()
    }
  })

  it('shows unsynced edits while the server cannot store them', () => {
    const down = run([
      ...goLive,
      { type: 'connection-closed', code: SyncCloseCode.storageUnavailable, reason: '' },
      { type: 'status', status: 'disconnected' },
    ])
    expect(connectionState(down)).toBe('offline')
    expect(down.notice?.message).toMatch(/cannot save.*Do not close this tab/)
    const limited = run([
      ...goLive,
      { type: 'connection-closed', code: SyncCloseCode.rateLimited },
      { type: 'status', status: 'disconnected' },
    ])
    expect(connectionState(limited)).toBe('reconnecting')
  })

  it('does not give up on a board that keeps answering "try again later" before the first sync', () => {
    const closes = Array.from({ length: FIRST_CONNECT_ATTEMPTS + 2 }, () => ({
      type: 'connection-closed' as const,
      code: SyncCloseCode.storageUnavailable,
    }))
    const facts = run(closes)
    expect(facts.failure).toBeNull()
    expect(facts.notice?.kind).toBe('storage-unavailable')
  })

  it('waits longer before reconnecting when the server asked to slow down', () => {
    expect(minimumBackoffSteps(SyncCloseCode.rateLimited)).toBeGreaterThanOrEqual(4)
    expect(minimumBackoffSteps(SyncCloseCode.storageUnavailable)).toBeGreaterThanOrEqual(4)
    expect(minimumBackoffSteps(SyncCloseCode.slowReader)).toBeGreaterThan(0)
    expect(minimumBackoffSteps(1006)).toBe(0)
    expect(minimumBackoffSteps(SyncCloseCode.serverRestart)).toBe(0)
  })
})
