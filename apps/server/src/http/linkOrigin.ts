import type { Context } from 'hono'

export interface LinkOriginOptions {
  /** PUBLIC_URL: when set, the only origin links use */
  publicUrl: string | undefined
  /** ALLOWED_HOSTS: Host headers (`host` or `host:port`, lower case) trusted to name the origin */
  allowedHosts: readonly string[]
  /** the address the server listens on, e.g. `http://127.0.0.1:8787` (known once it listens) */
  listeningUrl: () => string
}

/**
 * The origin of the links the server hands out: PUBLIC_URL; else the request's own origin only if
 * its `Host` is in ALLOWED_HOSTS; else the address the server listens on. A forged `Host` header
 * never reaches a link (a link to an attacker's host would leak the role tokens in it).
 */
export function linkOrigin({ publicUrl, allowedHosts, listeningUrl }: LinkOriginOptions) {
  return function linkOriginOf(c: Context): string {
    if (publicUrl) return publicUrl
    const host = c.req.header('host')?.toLowerCase()
    if (host && allowedHosts.includes(host)) return new URL(c.req.url).origin
    return listeningOrigin(c, listeningUrl())
  }
}

/**
 * The listening URL, except when the server listens on every interface (`0.0.0.0`, `::`): then
 * the local address this connection arrived on, which the client cannot choose.
 */
function listeningOrigin(c: Context, listening: string): string {
  const url = new URL(listening)
  if (url.hostname !== '0.0.0.0' && url.hostname !== '[::]') return url.origin
  try {
    const incoming = (c.env as { incoming?: { socket?: { localAddress?: string; localPort?: number } } })
      .incoming
    const address = incoming?.socket?.localAddress?.replace(/^::ffff:/, '')
    if (!address) return url.origin
    const host = address.includes(':') ? `[${address}]` : address
    return `${url.protocol}//${host}:${incoming?.socket?.localPort ?? url.port}`
  } catch {
    return url.origin
  }
}
