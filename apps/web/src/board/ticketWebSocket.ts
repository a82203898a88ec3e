/**
 * Why a ticket could not be had, as the close code and reason the provider should see:
 * e.g. 4401 (the link was withdrawn: permanent) or 4529 (asked too often: back off).
 * Any other error means "could not reach the server" and becomes an abnormal close (1006).
 */
export class TicketRefusal extends Error {
  override name = 'TicketRefusal'
  readonly code: number

  constructor(code: number, reason: string) {
    super(reason)
    this.code = code
  }
}

/** The close code a socket reports when it never got as far as a handshake. */
const ABNORMAL_CLOSURE = 1006

type SocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket

/**
 * A WebSocket class for y-websocket's `WebSocketPolyfill` that fetches a fresh single-use ticket
 * before every connection and adds it to the URL as `ticket=…`. y-websocket creates one socket per
 * (re)connect, so each attempt gets its own ticket; its backoff, status events and close-code
 * handling all stay as they are. The role token stays in a request header and never appears in a
 * WebSocket URL, where proxies log it.
 *
 * While the ticket is fetched the socket is CONNECTING. If no ticket comes, it reports a close
 * (TicketRefusal's code, or 1006) as a socket that failed to connect would.
 */
export function ticketWebSocket(
  getTicket: () => Promise<string>,
  Socket: SocketConstructor = WebSocket,
): typeof WebSocket {
  class TicketWebSocket {
    static readonly CONNECTING = 0
    static readonly OPEN = 1
    static readonly CLOSING = 2
    static readonly CLOSED = 3
    readonly CONNECTING = 0
    readonly OPEN = 1
    readonly CLOSING = 2
    readonly CLOSED = 3

    binaryType: BinaryType = 'blob'
    onopen: ((event: Event) => void) | null = null
    onmessage: ((event: MessageEvent) => void) | null = null
    onerror: ((event: Event) => void) | null = null
    onclose: ((event: CloseEvent) => void) | null = null
    readonly url: string
    #socket: WebSocket | null = null
    #closed = false

    constructor(url: string, protocols?: string | string[]) {
      this.url = url
      getTicket().then(
        (ticket) => {
          if (this.#closed) return
          const socket = new Socket(withTicket(url, ticket), protocols)
          socket.binaryType = this.binaryType
          socket.onopen = (event) => this.onopen?.(event)
          socket.onmessage = (event) => this.onmessage?.(event)
          socket.onerror = (event) => this.onerror?.(event)
          socket.onclose = (event) => {
            this.#closed = true
            this.onclose?.(event)
          }
          this.#socket = socket
        },
        (error: unknown) => {
          if (this.#closed) return
          this.#closed = true
          const refusal = error instanceof TicketRefusal ? error : null
          this.onerror?.(new Event('error'))
          this.onclose?.({
            type: 'close',
            code: refusal ? refusal.code : ABNORMAL_CLOSURE,
            reason: refusal ? refusal.message : '',
            wasClean: false,
          } as CloseEvent)
        },
      )
    }

    get readyState(): number {
      if (this.#socket) return this.#socket.readyState
      return this.#closed ? TicketWebSocket.CLOSED : TicketWebSocket.CONNECTING
    }

    get bufferedAmount(): number {
      return this.#socket?.bufferedAmount ?? 0
    }

    send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (!this.#socket) throw new Error('The socket is not open yet.')
      this.#socket.send(data as Parameters<WebSocket['send']>[0])
    }

    close(code?: number, reason?: string): void {
      this.#closed = true
      this.#socket?.close(code, reason)
    }
  }
  return TicketWebSocket as unknown as typeof WebSocket
}

function withTicket(url: string, ticket: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`
}
