import { isRoleTokenShaped } from '@scaleboard/schema'
import { ADMIN_TOKEN_STORAGE_KEY } from './home/adminToken.ts'
import type { Route, RouteLocation } from './routes.ts'

export interface TokenHome {
  location: RouteLocation
  history: Pick<History, 'state' | 'replaceState'>
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>
  /** Where the home page keeps the organiser token (the organiser's view reads it). */
  localStorage?: Pick<Storage, 'getItem'>
}

/** The fragment that opens a board as the organiser: `/s/<id>#as=organiser`. */
const ORGANISER_VIEW = 'organiser'

/**
 * Where the organiser opens a session's board as its interviewer, with the organiser token saved
 * by the home page (never in the address: the fragment only says whose view it is).
 */
export function organiserBoardPath(sessionId: string): string {
  return `/s/${encodeURIComponent(sessionId)}#as=${ORGANISER_VIEW}`
}

/** Whether this address is the organiser's view of a board (`#as=organiser`). */
export function isOrganiserView(location: Pick<RouteLocation, 'hash'>): boolean {
  return new URLSearchParams(location.hash.replace(/^#/, '')).get('as') === ORGANISER_VIEW
}

/**
 * Whether a link's token could be one the server issued (43 base64url characters). Anything else
 * was damaged on its way (cut short when copied), which the page says before asking the server.
 */
export function isWellFormedLinkToken(token: string): boolean {
  return isRoleTokenShaped(token)
}

const storageKey = (sessionId: string) => `scaleboard:token:${sessionId}`

/**
 * Takes a board link's token out of the address bar (and so out of history, bookmarks and
 * screenshots) into this tab's sessionStorage, keyed by session id; a reload of `/s/<id>` then
 * reads it back. If the tab cannot store it (storage disabled), the token stays in the address
 * bar: a board that works after a reload beats a tidy URL.
 */
export function claimLinkToken(route: Route, home: TokenHome): Route {
  if (route.page !== 'board' && route.page !== 'replay') return route
  // The organiser's view uses the saved organiser token; it is never copied into this tab's
  // role-token slot, so the bare `/s/<id>` stays whatever link this tab opened before.
  if (route.token === null && isOrganiserView(home.location)) {
    let saved: string | null = null
    try {
      saved = home.localStorage?.getItem(ADMIN_TOKEN_STORAGE_KEY) ?? null
    } catch {}
    return { ...route, token: saved || null }
  }
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
