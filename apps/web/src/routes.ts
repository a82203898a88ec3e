/** The app's pages, chosen from the URL path (no router: there are only two). */
export type Route =
  | { page: 'home' }
  | { page: 'board'; sessionId: string; token: string | null }
  /** `/s/:id/replay`: the session's history, opened with the same link token as its board */
  | { page: 'replay'; sessionId: string; token: string | null }
  | { page: 'not-found' }
  /** a board address whose percent-encoding is broken, e.g. a link cut short when pasted */
  | { page: 'malformed-link' }

export interface RouteLocation {
  pathname: string
  search: string
  hash: string
}

export function parseRoute(location: RouteLocation): Route {
  const path = location.pathname.replace(/\/+$/, '') || '/'
  if (path === '/') return { page: 'home' }
  const board = /^\/s\/([^/]+)(\/replay)?$/.exec(path)
  if (board) {
    const sessionId = safeDecode(board[1] ?? '')
    if (sessionId === null) return { page: 'malformed-link' }
    return { page: board[2] ? 'replay' : 'board', sessionId, token: linkToken(location) }
  }
  return { page: 'not-found' }
}

/**
 * The role token of a board link: `#token=…` (what the server hands out: a fragment never reaches
 * a server, a log or a Referer) or, in links made before that, `?token=…`.
 */
export function linkToken(location: Pick<RouteLocation, 'search' | 'hash'>): string | null {
  const fromFragment = new URLSearchParams(location.hash.replace(/^#/, '')).get('token')
  return fromFragment || new URLSearchParams(location.search).get('token') || null
}

/** `decodeURIComponent`, or null for a malformed sequence such as `%E0%A4%A`. */
function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}
