import { readFileSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'

/**
 * Both servers and the clients must run the same yjs (13.6.33, pinned by the pnpm override), or the
 * comparison measures two libraries. Resolves `yjs` the way each party's own code does.
 */
const PARTIES: Record<string, string> = {
  'bench clients (y-websocket)': import.meta.resolve('y-websocket'),
  'reference (@y/websocket-server)': import.meta.resolve('@y/websocket-server/utils'),
  'scaleboard (@scaleboard/sync-room)': new URL('../packages/sync-room/src/Room.ts', import.meta.url).href,
}

export function checkSingleYjs(expectedVersion: string): { version: string; dir: string } {
  const found = Object.entries(PARTIES).map(([party, from]) => {
    const manifest = realpathSync(createRequire(from).resolve('yjs/package.json'))
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }
    return { party, version, dir: dirname(manifest) }
  })
  const dirs = new Set(found.map((f) => f.dir))
  const wrong = found.filter((f) => f.version !== expectedVersion)
  if (dirs.size !== 1 || wrong.length > 0)
    throw new Error(
      `yjs differs between parties:\n${found.map((f) => `  ${f.party}: ${f.version} ${f.dir}`).join('\n')}`,
    )
  return { version: expectedVersion, dir: found[0].dir }
}
