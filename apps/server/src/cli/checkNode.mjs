// Plain JavaScript on purpose: this runs first in `pnpm start`, on whatever Node the machine has,
// before anything that needs a recent Node (TypeScript type stripping) can fail obscurely.
import { readFileSync } from 'node:fs'

/** Whether `version` ("20.19.1") meets `range` (">=22.13.0"); only the ">=" form is used here. */
export function meetsNodeRange(version, range) {
  const wanted = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(range.trim())
  if (!wanted) return true
  const have = version.replace(/^v/, '').split('.').map(Number)
  for (let i = 0; i < 3; i++) {
    const a = have[i] ?? 0
    const b = Number(wanted[i + 1])
    if (a !== b) return a > b
  }
  return true
}

/** The one line a user sees when their Node is too old, or null when it is fine. */
export function nodeVersionProblem(version, range) {
  if (meetsNodeRange(version, range)) return null
  const minimum = range.replace(/^>=\s*/, '')
  const major = minimum.split('.')[0]
  return `Scaleboard needs Node ${minimum} or newer; this is Node ${version.replace(/^v/, '')}. Install Node ${major} or later (https://nodejs.org, or \`nvm install ${major}\`), then run the command again.`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { engines } = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'))
  const problem = nodeVersionProblem(process.version, engines.node)
  if (problem) {
    console.error(problem)
    process.exit(1)
  }
}
