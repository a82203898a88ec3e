/**
 * A role link: `<origin>/s/<sessionId>#token=<token>`. The token is in the fragment, which
 * browsers never send to a server: it stays out of access logs, proxies and `Referer` headers.
 * The web app moves it into sessionStorage on load and removes it from the address bar.
 */
export function sessionLink(origin: string, sessionId: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/s/${encodeURIComponent(sessionId)}#token=${encodeURIComponent(token)}`
}

/**
 * The organiser link: `<origin>/#admin=<token>`, the token in the fragment like the role links'.
 * The web app reads the token from it once, keeps it in localStorage and removes it from the
 * address bar.
 */
export function organiserLink(origin: string, adminToken: string): string {
  return `${origin.replace(/\/+$/, '')}/#admin=${encodeURIComponent(adminToken)}`
}
