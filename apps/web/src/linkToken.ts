import type { Route, RouteLocation } from './routes.ts'

export interface TokenHome {
  location: RouteLocation
  history: Pick<History, 'state' | 'replaceState'>
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>
}

const storageKey = (sessionId: string) => `scaleboard:token:${sessionId}`

/**
 * Takes a board link's token out of the address bar (and so out of history, bookmarks and
 * screenshots) into this tab's sessionStorage, keyed by session id; a reload of `/s/<id>` then
 * reads it back. If the tab cannot store it (storage disabled), the token stays in the address
 * bar: a board that works after a reload beats a tidy URL.
 */
export function claimLinkToken(route: Route, home: TokenHome): Route {
  if (route.page !== 'board') return route
  const key = storageKey(route.sessionId)
  if (route.token === null) {
    let stored: string | null = null
    try {
      stored = home.sessionStorage.getItem(key)
    } catch {}
    return { ...route, token: stored || null }
  }
  try {
    home.sessionStorage.setItem(key, route.token)
  } catch {
    return route
  }
  home.history.replaceState(home.history.state, '', withoutToken(home.location))
  return route
}

/** The same address without `token` in its query or fragment. */
function withoutToken({ pathname, search, hash }: RouteLocation): string {
  const query = new URLSearchParams(search)
  query.delete('token')
  const fragment = new URLSearchParams(hash.replace(/^#/, ''))
  const hadFragmentToken = fragment.has('token')
  fragment.delete('token')
  const restOfHash = hadFragmentToken ? fragment.toString() : hash.replace(/^#/, '')
  const q = query.toString()
  return `${pathname}${q ? `?${q}` : ''}${restOfHash ? `#${restOfHash}` : ''}`
}
