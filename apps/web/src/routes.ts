/** The app's pages, chosen from the URL path (no router: there are only two). */
export type Route =
  | { page: 'home' }
  | { page: 'board'; sessionId: string; token: string | null }
  | { page: 'not-found' }

export function parseRoute(location: { pathname: string; search: string }): Route {
  const path = location.pathname.replace(/\/+$/, '') || '/'
  if (path === '/') return { page: 'home' }
  const board = /^\/s\/([^/]+)$/.exec(path)
  if (board) {
    const token = new URLSearchParams(location.search).get('token')
    return { page: 'board', sessionId: decodeURIComponent(board[1]), token: token || null }
  }
  return { page: 'not-found' }
}
