import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { meetsNodeRange, nodeVersionProblem } from './checkNode.mjs'

describe('the Node version check of pnpm start', () => {
  it('compares versions numerically against the engines range', () => {
    expect(meetsNodeRange('v22.13.0', '>=22.13.0')).toBe(true)
    expect(meetsNodeRange('v24.1.0', '>=22.13.0')).toBe(true)
    expect(meetsNodeRange('v22.9.0', '>=22.13.0')).toBe(false)
    expect(meetsNodeRange('v20.19.1', '>=22.13.0')).toBe(false)
  })

  it('says in one line what is needed and how to get it', () => {
    const problem = nodeVersionProblem('v20.19.1', '>=22.13.0')
    expect(problem).toContain('needs Node 22.13.0 or newer; this is Node 20.19.1')
    expect(problem).toContain('nvm install 22')
    expect(problem?.includes('\n')).toBe(false)
    expect(nodeVersionProblem(process.version, '>=22.13.0')).toBeNull()
  })

  it('passes silently on this Node, as the first step of pnpm start', () => {
    const output = execFileSync(process.execPath, ['apps/server/src/cli/checkNode.mjs'], { encoding: 'utf8' })
    expect(output).toBe('')
  })
})
