import { describe, expect, it } from 'vitest'
import { hashSecret } from '../secrets.ts'
import { resolveSyncGrant } from './syncGrant.ts'
import { createTicketStore } from './tickets.ts'

const grant = { sessionId: 'session-1234', role: 'candidate' as const }

function clock(start = 1_000_000) {
  let t = start
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

describe('ticket store', () => {
  it('issues unguessable tickets that open their grant exactly once', async () => {
    const time = clock()
    const store = createTicketStore({ ttlMs: 30_000, now: time.now })
    const a = await store.issue(grant)
    const b = await store.issue(grant)
    expect(a.ticket).not.toBe(b.ticket)
    expect(Buffer.from(a.ticket, 'base64url').length).toBe(32)
    expect(a.expiresAt).toBe(time.now() + 30_000)
    expect(await store.redeem(a.ticket)).toEqual(grant)
    expect(await store.redeem(a.ticket)).toBeNull()
    expect(await store.redeem(b.ticket)).toEqual(grant)
    expect(store.outstanding).toBe(0)
  })

  it('refuses unknown, empty and oversized tickets', async () => {
    const store = createTicketStore({ ttlMs: 30_000 })
    await store.issue(grant)
    expect(await store.redeem('')).toBeNull()
    expect(await store.redeem('x'.repeat(43))).toBeNull()
    expect(await store.redeem('x'.repeat(10_000))).toBeNull()
    expect(store.outstanding).toBe(1)
  })

  it('lets a ticket expire after its TTL and forgets expired tickets', async () => {
    const time = clock()
    const store = createTicketStore({ ttlMs: 30_000, now: time.now })
    const early = await store.issue(grant)
    time.advance(29_999)
    const late = await store.issue({ sessionId: 'session-5678', role: 'observer' })
    time.advance(1)
    expect(await store.redeem(early.ticket)).toBeNull()
    expect(store.outstanding).toBe(1)
    expect(await store.redeem(late.ticket)).toEqual({ sessionId: 'session-5678', role: 'observer' })
  })

  it('holds at most maxOutstanding tickets, dropping the oldest', async () => {
    const store = createTicketStore({ ttlMs: 30_000, maxOutstanding: 3 })
    const issued = await Promise.all(Array.from({ length: 5 }, async () => (await store.issue(grant)).ticket))
    expect(store.outstanding).toBe(3)
    expect(await store.redeem(issued[0])).toBeNull()
    expect(await store.redeem(issued[1])).toBeNull()
    expect(await store.redeem(issued[4])).toEqual(grant)
  })
})

describe('resolveSyncGrant', () => {
  const tokenGrant = { sessionId: 'session-1234', role: 'interviewer' as const }
  const storage = {
    findTokenGrant: async (hash: string) => (hash === hashSecret('role-token') ? tokenGrant : null),
  }
  const url = (query: string) => new URL(`http://localhost/sync/session-1234${query}`)

  it('redeems a ticket once', async () => {
    const tickets = createTicketStore({ ttlMs: 30_000 })
    const { ticket } = await tickets.issue(grant)
    expect(await resolveSyncGrant(url(`?ticket=${ticket}&user=u1`), storage, tickets)).toEqual(grant)
    expect(await resolveSyncGrant(url(`?ticket=${ticket}`), storage, tickets)).toBeNull()
  })

  it('accepts a role token for non-browser clients', async () => {
    const tickets = createTicketStore({ ttlMs: 30_000 })
    expect(await resolveSyncGrant(url('?token=role-token'), storage, tickets)).toEqual(tokenGrant)
    expect(await resolveSyncGrant(url('?token=wrong'), storage, tickets)).toBeNull()
    expect(await resolveSyncGrant(url('?user=u1'), storage, tickets)).toBeNull()
  })

  it('does not fall back to the token when a ticket is present but invalid', async () => {
    const tickets = createTicketStore({ ttlMs: 30_000 })
    expect(await resolveSyncGrant(url('?ticket=stale&token=role-token'), storage, tickets)).toBeNull()
  })
})
