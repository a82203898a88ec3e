import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SCENARIOS_DIR, SCENARIO_FILE } from './paths.ts'

const run = promisify(execFile)
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url))

/** Runs the CLI in a fresh Node process, as `pnpm scenarios:check` does. */
async function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args])
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('scenarios:check CLI', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'scaleboard-cli-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('passes on the shipped scenarios with a summary line', async () => {
    const result = await check()
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toMatch(/^\d+ scenario\(s\) in .*scenarios: valid and consistent\n$/)
  })

  it('fails with one line per problem naming file and field', async () => {
    const text = await readFile(path.join(DEFAULT_SCENARIOS_DIR, 'recommendations', SCENARIO_FILE), 'utf8')
    await mkdir(path.join(dir, 'recommendations'))
    const file = path.join(dir, 'recommendations', SCENARIO_FILE)
    // Two independent breakages: the stated monthly cost and a requirement's type.
    const broken = text
      .replace('monthlyUsd: 584.00', 'monthlyUsd: 999')
      .replace('p99LatencyMs: 150', 'p99LatencyMs: "150ms"')
    expect(broken).not.toBe(text)
    await writeFile(file, broken)

    let result = await check(dir)
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}: requirements[0].p99LatencyMs: Invalid input: expected number, received string`,
      '1 problem(s) in 1 scenario(s)',
    ])

    await writeFile(file, broken.replace('p99LatencyMs: "150ms"', 'p99LatencyMs: 150'))
    result = await check(dir)
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}: currentCost.monthlyUsd: states $999 but Σ replicas × $/h × 730 = $584`,
      // the board the session starts from shows the same $584: the analysis check says so too
      `${file}: currentCost.monthlyUsd: states $999 a month but the analysis of the current state computes $584`,
      '2 problem(s) in 1 scenario(s)',
    ])
  })

  it('fails on an empty or missing folder', async () => {
    expect((await check(dir)).code).toBe(1)
    const missing = await check(path.join(dir, 'nope'))
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('ENOENT')
  })
})
