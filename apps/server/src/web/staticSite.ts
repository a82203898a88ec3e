import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { OpenAPIHono } from '@hono/zod-openapi'

export interface StaticSiteOptions {
  distDir: string
  tldrawLicenseKey: string | undefined
}

/**
 * The built web app. `/config.js` carries runtime settings (the tldraw licence key), so one
 * build serves every deployment; unknown paths fall back to index.html for client routing, except
 * paths that name a file (`/assets/…`, or a last segment with an extension), which are 404.
 */
export function registerStaticSite(app: OpenAPIHono, { distDir, tldrawLicenseKey }: StaticSiteOptions): void {
  const config = { tldrawLicenseKey: tldrawLicenseKey ?? null }
  const configScript = `window.__SCALEBOARD_CONFIG__ = ${JSON.stringify(config).replace(/</g, '\\u003c')};\n`
  app.get('/config.js', (c) =>
    c.body(configScript, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-store',
    }),
  )

  const indexFile = join(distDir, 'index.html')
  if (existsSync(distDir)) registerFiles(app, distDir)
  else console.warn(`[web] ${distDir} does not exist yet: run "pnpm build" to serve the app`)
  app.get('*', (c) => {
    // Client routes have no file extension; a missing file (`/assets/x.js.map`) is a 404, not the page.
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/assets/') || hasFileExtension(c.req.path))
      return c.notFound()
    if (!existsSync(indexFile))
      return c.text(`The web app is not built (${indexFile} is missing). Run "pnpm build".`, 503)
    return c.html(readFileSync(indexFile, 'utf8'), 200, { 'cache-control': 'no-cache' })
  })
}

function registerFiles(app: OpenAPIHono, distDir: string): void {
  app.use(
    '/assets/*',
    serveStatic({
      root: distDir,
      // Vite puts a content hash in every asset name, so they never change.
      onFound: (_path, c) => c.header('cache-control', 'public, max-age=31536000, immutable'),
    }),
  )
  app.use(
    '*',
    serveStatic({
      root: distDir,
      onFound: (path, c) => {
        if (path.endsWith('.html')) c.header('cache-control', 'no-cache')
      },
    }),
  )
}

/** `/a/b.js.map` yes; `/s/abc` and `/` no. */
function hasFileExtension(path: string): boolean {
  return /\.[A-Za-z0-9]+$/.test(path.slice(path.lastIndexOf('/') + 1))
}
