import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

/** The Scaleboard server (apps/server) during development; the built app is served by it directly. */
const server = 'http://127.0.0.1:8787'

/**
 * The server's runtime settings (tldraw licence key) as a classic script that runs before the app.
 * Added here rather than written in index.html, where Vite would try, and warn that it fails, to
 * bundle a file that only exists on the server.
 */
const runtimeConfigScript: Plugin = {
  name: 'scaleboard-runtime-config',
  transformIndexHtml: () => [{ tag: 'script', attrs: { src: '/config.js' }, injectTo: 'head' }],
}

export default defineConfig({
  plugins: [react(), runtimeConfigScript],
  resolve: {
    // One copy of each: two copies of yjs (or React, or tldraw) break instanceof checks and context.
    dedupe: ['yjs', 'react', 'react-dom', 'tldraw', 'y-protocols', 'lib0'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // tldraw alone is ~2 MB minified, in the board's own chunk; a warning per build is noise, not news.
    chunkSizeWarningLimit: 4096,
  },
  server: {
    proxy: {
      '/api': server,
      '/config.js': server,
      '/sync': { target: server, ws: true },
    },
  },
})
