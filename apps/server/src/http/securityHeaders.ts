import { secureHeaders } from 'hono/secure-headers'

/**
 * The page may talk only to its own server: interviews run on locked-down networks and the
 * candidate's work stays in-house. This also stops tldraw's embeds and any licence pings.
 * tldraw renders with inline styles and data/blob URLs for images and exports.
 */
export const securityHeaders = secureHeaders({
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
