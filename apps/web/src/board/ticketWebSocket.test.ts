import { describe, expect, it } from 'vitest'
import { TicketRefusal, ticketWebSocket } from './ticketWebSocket.ts'

/** A stand-in for the browser's WebSocket that records how it was made and lets the test drive it. */
class FakeSocket {
  static made: FakeSocket[] = []
  readyState = 0
  binaryType = 'blob'
  onopen: ((e: Event) => void) | null = null
  onmessage: ((e: MessageEvent) => void) | null = null
  onerror: ((e: Event) => void) | null = null
  onclose: ((e: CloseEvent) => void) | null = null
  sent: unknown[] = []
  closedWith: number | undefined
  readonly url: string
  constructor(url: string) {
    this.url = url
    FakeSocket.made.push(this)
  }
  send(data: unknown) {
    this.sent.push(data)
  }
  close(code?: number) {
    this.closedWith = code
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

function setup(getTicket: () => Promise<string>) {
  FakeSocket.made = []
  return ticketWebSocket(getTicket, FakeSocket as unknown as typeof WebSocket)
}

describe('ticketWebSocket', () => {
  it('fetches a new ticket for every socket and adds it to the URL', async () => {
    let n = 0
    const Socket = setup(async () => `ticket-${++n}`)
    const a = new Socket('wss://board.test/sync/s1?user=u1')
    expect(a.readyState).toBe(WebSocket.CONNECTING)
    a.binaryType = 'arraybuffer'
    await flush()
    new Socket('wss://board.test/sync/s1')
    await flush()
    expect(FakeSocket.made.map((s) => s.url)).toEqual([
      'wss://board.test/sync/s1?user=u1&ticket=ticket-1',
      'wss://board.test/sync/s1?ticket=ticket-2',
    ])
    expect(FakeSocket.made[0].binaryType).toBe('arraybuffer')
  })

  it('forwards the real socket’s events and sends', async () => {
    const Socket = setup(async () => 't')
    const socket = new Socket('wss://board.test/sync/s1')
    const seen: string[] = []
    socket.onopen = () => seen.push('open')
    socket.onmessage = (e) => seen.push(`message ${e.data}`)
    socket.onclose = (e) => seen.push(`close ${e.code}`)
    await flush()
    const real = FakeSocket.made[0]
    real.readyState = 1
    real.onopen?.(new Event('open'))
    expect(socket.readyState).toBe(socket.OPEN)
    socket.send('hello')
    real.onmessage?.({ data: 'x' } as MessageEvent)
    real.onclose?.({ code: 4422 } as CloseEvent)
    expect(real.sent).toEqual(['hello'])
    expect(seen).toEqual(['open', 'message x', 'close 4422'])
  })

  it('never opens a socket that was closed while its ticket was on the way', async () => {
    let release: (t: string) => void = () => {}
    const Socket = setup(() => new Promise((r) => (release = r)))
    const socket = new Socket('wss://board.test/sync/s1')
    let closes = 0
    socket.onclose = () => closes++
    socket.close()
    release('late')
    await flush()
    expect(FakeSocket.made).toEqual([])
    expect(socket.readyState).toBe(WebSocket.CLOSED)
    expect(closes).toBe(0)
  })

  it('reports a refused ticket as a close with its code, and any other failure as 1006', async () => {
    const revoked = setup(async () => {
      throw new TicketRefusal(4401, 'This link is not valid.')
    })
    const a = new revoked('wss://board.test/sync/s1')
    const closes: { code: number; reason: string }[] = []
    a.onclose = (e) => closes.push({ code: e.code, reason: e.reason })
    const down = setup(async () => {
      throw new TypeError('fetch failed')
    })
    const b = new down('wss://board.test/sync/s1')
    b.onclose = (e) => closes.push({ code: e.code, reason: e.reason })
    await flush()
    expect(closes).toEqual([
      { code: 4401, reason: 'This link is not valid.' },
      { code: 1006, reason: '' },
    ])
    expect(FakeSocket.made).toEqual([])
  })
})
