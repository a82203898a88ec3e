import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { checkScenarioConsistency } from './consistency.ts'
import { loadScenario, loadScenarios, readScenarioDir } from './loadScenarios.ts'
import { DEFAULT_SCENARIOS_DIR, SCENARIO_FILE } from './paths.ts'
import { ScenarioLoadError } from './ScenarioLoadError.ts'

describe('the scenarios shipped in scenarios/', () => {
  it('has at least four scenarios, each valid and named after its folder', async () => {
    const results = await readScenarioDir(DEFAULT_SCENARIOS_DIR)
    expect(results.length).toBeGreaterThanOrEqual(4)
    for (const result of results) expect(result.ok ? [] : result.problems).toEqual([])
    const scenarios = await loadScenarios()
    for (const s of scenarios)
      expect(results.find((r) => r.ok && r.scenario.id === s.id)?.file).toContain(s.id)
  })

  it('covers the four exercise themes', async () => {
    const ids = (await loadScenarios()).map((s) => s.id)
    expect(ids).toEqual(
      expect.arrayContaining(['recommendations', 'fraud-scoring', 'llm-assistant', 'image-moderation']),
    )
  })

  it('every scenario passes the consistency check', async () => {
    for (const s of await loadScenarios())
      expect({ id: s.id, problems: checkScenarioConsistency(s) }).toEqual({ id: s.id, problems: [] })
  })

  it('every scenario offers all three levels and prices every option with a dated source', async () => {
    for (const s of await loadScenarios()) {
      expect(s.levels.map((l) => l.level)).toEqual(['junior', 'mid', 'senior'])
      for (const o of s.options) expect(o.source.seen).toMatch(/^\d{4}-\d{2}/)
    }
  })

  it('every level plans every phase, with 60 to 90 minutes of design', async () => {
    for (const s of await loadScenarios())
      for (const l of s.levels) {
        const where = `${s.id} ${l.level}`
        expect(Object.keys(l.phaseMinutes ?? {}).sort(), where).toEqual([
          'briefing',
          'design',
          'feedback',
          'revision',
          'walkthrough',
        ])
        expect(l.phaseMinutes?.design, where).toBeGreaterThanOrEqual(60)
        expect(l.phaseMinutes?.design, where).toBeLessThanOrEqual(90)
      }
  })

  it('loads one scenario by id', async () => {
    const s = await loadScenario(DEFAULT_SCENARIOS_DIR, 'fraud-scoring')
    expect(s.requirements.find((r) => r.kind === 'latency')).toMatchObject({ p99LatencyMs: 50 })
  })
})

describe('broken scenario files', () => {
  let dir: string

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'scaleboard-scenarios-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  /** Copies a shipped scenario into `dir/<folder>`, optionally changed. */
  // biome-ignore lint/suspicious/noExplicitAny: raw YAML data, edited freely to break it
  async function writeScenario(folder: string, change: (data: Record<string, any>) => void = () => {}) {
    const text = await readFile(path.join(DEFAULT_SCENARIOS_DIR, 'fraud-scoring', SCENARIO_FILE), 'utf8')
    const data = parse(text)
    data.id = folder
    change(data)
    await mkdir(path.join(dir, folder))
    const file = path.join(dir, folder, SCENARIO_FILE)
    await writeFile(file, stringify(data, { aliasDuplicateObjects: false }))
    return file
  }

  it('names the file and the field path of a wrongly typed value', async () => {
    const file = await writeScenario('fraud', (d) => {
      d.requirements[0].p99LatencyMs = 'fast'
    })
    const error = await loadScenarios(dir).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ScenarioLoadError)
    const problems = (error as ScenarioLoadError).problems
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(
      `${file}: requirements[0].p99LatencyMs: Invalid input: expected number, received string`,
    )
  })

  it('names the file and field of a broken reference', async () => {
    const file = await writeScenario('fraud', (d) => {
      d.levels[2].requirementIds.push('latency-typo')
    })
    const error = (await loadScenario(dir, 'fraud').catch((e: unknown) => e)) as ScenarioLoadError
    expect(error.code).toBe('invalid')
    expect(error.message).toBe(`${file}: levels[2].requirementIds[8]: unknown requirement "latency-typo"`)
  })

  it('reports every broken file and keeps the good ones readable', async () => {
    await writeScenario('good')
    const bad = await writeScenario('bad', (d) => {
      delete d.title
    })
    const results = await readScenarioDir(dir)
    expect(results.map((r) => r.ok)).toEqual([false, true])
    expect(results[0]).toMatchObject({
      ok: false,
      problems: [`${bad}: title: Invalid input: expected string, received undefined`],
    })
    await expect(loadScenarios(dir)).rejects.toThrow(`${bad}: title:`)
  })

  it('names the file and line of a YAML syntax error', async () => {
    await mkdir(path.join(dir, 'broken'))
    const file = path.join(dir, 'broken', SCENARIO_FILE)
    await writeFile(file, 'id: broken\ntitle: [unclosed\n')
    const [result] = await readScenarioDir(dir)
    expect(result.ok).toBe(false)
    if (!result.ok)
      expect(result.problems[0]).toMatch(new RegExp(`^${escapeRegExp(file)}:\\d+:\\d+: YAML syntax: `))
  })

  it('requires the id to match the folder', async () => {
    const file = await writeScenario('folder-name', (d) => {
      d.id = 'other-name'
    })
    await expect(loadScenarios(dir)).rejects.toThrow(
      `${file}: id: "other-name" must match its folder name "folder-name"`,
    )
  })

  it('reports a folder without a scenario file', async () => {
    await mkdir(path.join(dir, 'empty'))
    const [result] = await readScenarioDir(dir)
    expect(result).toMatchObject({
      ok: false,
      problems: [`${path.join(dir, 'empty', SCENARIO_FILE)}: file not found`],
    })
  })

  it('answers not-found for unknown ids and ids that are not kebab-case', async () => {
    for (const id of ['missing', '../fraud-scoring', 'Fraud'])
      await expect(loadScenario(DEFAULT_SCENARIOS_DIR, id)).rejects.toMatchObject({ code: 'not-found' })
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
