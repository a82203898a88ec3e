const STORAGE_KEY = 'scaleboard.adminToken'

/**
 * The server prints an organiser URL with `?admin=<token>`. Take the token from the address bar
 * into localStorage and remove it from the URL, so it does not linger in history or screenshots.
 */
export function takeAdminTokenFromUrl(
  location: Location = window.location,
  history: History = window.history,
) {
  const url = new URL(location.href)
  const token = url.searchParams.get('admin')
  if (token === null) return null
  url.searchParams.delete('admin')
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`)
  if (!token.trim()) return null
  saveAdminToken(token.trim())
  return token.trim()
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
  const match = /[?&]admin=([^&#\s]+)/.exec(trimmed)
  return match ? decodeURIComponent(match[1]) : trimmed
}
