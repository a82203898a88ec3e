import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** The Scaleboard server (apps/server) during development; the built app is served by it directly. */
const server = 'http://127.0.0.1:8787'

export default defineConfig({
  plugins: [react()],
  resolve: {
    // One copy of each: two copies of yjs (or React, or tldraw) break instanceof checks and context.
    dedupe: ['yjs', 'react', 'react-dom', 'tldraw', 'y-protocols', 'lib0'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // tldraw alone is ~2 MB minified; one warning per build is noise, not news.
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
