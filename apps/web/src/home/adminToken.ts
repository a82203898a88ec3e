/** Where the home page keeps the organiser token (localStorage); the board reads it for the organiser's view. */
export const ADMIN_TOKEN_STORAGE_KEY = 'scaleboard.adminToken'
const STORAGE_KEY = ADMIN_TOKEN_STORAGE_KEY

/**
 * The server prints an organiser URL with `#admin=<token>` (older ones: `?admin=<token>`). Take
 * the token out of the address bar, so it does not linger in history or screenshots (the fragment
 * never reaches the server or a proxy's logs). It is not saved here: the home page keeps it only
 * once the server accepted it, so a wrong link never replaces a saved token that works.
 */
export function takeAdminTokenFromUrl(
  location: Location = window.location,
  history: History = window.history,
) {
  const url = new URL(location.href)
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''))
  const inFragment = fragment.has('admin')
  const token = fragment.get('admin') ?? url.searchParams.get('admin')
  if (token === null) return null
  url.searchParams.delete('admin')
  fragment.delete('admin')
  const rest = fragment.toString()
  const hash = inFragment ? (rest ? `#${rest}` : '') : url.hash
  history.replaceState(history.state, '', `${url.pathname}${url.search}${hash}`)
  return token.trim() || null
}

export function loadAdminToken(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

export function saveAdminToken(token: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, token)
  } catch {
    // Storage unavailable: the token works for this visit only.
  }
}

export function forgetAdminToken(): void {
  try {
    localStorage.removeItem(STORAGE_KEY)
  } catch {
    // nothing stored
  }
}

/** People paste either the token or the whole organiser URL: accept both. */
export function tokenFromPaste(text: string): string {
  const trimmed = text.trim()
  const match = /[?&#]admin=([^&#\s]+)/.exec(trimmed)
  return match ? decodeURIComponent(match[1]) : trimmed
}
