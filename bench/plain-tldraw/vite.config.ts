import { resolve } from 'node:path'

/**
 * Builds the plain tldraw page with the web app's copies of tldraw, React and Scaleboard's
 * packages (bench/ does not depend on them), so both pages run the same code:
 *
 *   pnpm --filter @scaleboard/web exec vite build --config ../../bench/plain-tldraw/vite.config.ts --outDir /tmp/bigboard-plain --emptyOutDir
 */
const web = resolve(import.meta.dirname, '../../apps/web/node_modules')
const shared = [
  'react',
  'react-dom',
  'tldraw',
  '@tldraw/assets',
  '@scaleboard/components',
  '@scaleboard/board-sync',
]

// a plain object: bench/ cannot resolve 'vite' itself, and defineConfig only adds types
export default {
  root: import.meta.dirname,
  base: './',
  resolve: {
    alias: shared.map((name) => ({
      find: new RegExp(`^${name.replace('/', '\\/')}(/.*)?$`),
      replacement: `${web}/${name}$1`,
    })),
    dedupe: ['yjs', 'react', 'react-dom', 'tldraw', 'lib0'],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 8192 },
}
