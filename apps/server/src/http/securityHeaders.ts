import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

/**
 * The page may talk only to its own server: interviews run on locked-down networks and the
 * candidate's work stays in-house. This also stops tldraw's embeds and any licence pings.
 * tldraw renders with inline styles and data/blob URLs for images and exports.
 */
const appHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'", 'data:', 'blob:'],
    workerSrc: ["'self'", 'blob:'],
    frameSrc: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    frameAncestors: ["'self'"],
  },
  referrerPolicy: 'no-referrer',
  // HTTPS and HSTS are the reverse proxy's business; on plain-HTTP installs the header is noise.
  strictTransportSecurity: false,
  crossOriginEmbedderPolicy: false,
})

/**
 * The app's headers on every response; a route that set a stricter policy of its own (the
 * printable report allows nothing but inline style and data: images) keeps it.
 */
export const securityHeaders: MiddlewareHandler = async function securityHeaders(c, next) {
  let ownPolicy: string | null = null
  await appHeaders(c, async () => {
    await next()
    ownPolicy = c.res.headers.get('content-security-policy')
  })
  if (ownPolicy) c.res.headers.set('content-security-policy', ownPolicy)
}
