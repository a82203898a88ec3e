import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { Scenario, ScenarioRefId } from '@scaleboard/schema'
import { parse, YAMLParseError } from 'yaml'
import { displayPath, formatFieldPath, problemLine } from './formatIssues.ts'
import { DEFAULT_SCENARIOS_DIR, SCENARIO_FILE } from './paths.ts'
import { ScenarioLoadError } from './ScenarioLoadError.ts'

/** The outcome of reading one scenario file: the scenario, or the problems that keep it out. */
export type ScenarioFileResult =
  | { file: string; ok: true; scenario: Scenario }
  | { file: string; ok: false; problems: string[] }

/**
 * Reads and validates every `<dir>/<id>/scenario.yaml`, in folder order, without throwing on a
 * broken file, so a checker can report all problems at once. Only a missing `dir` throws.
 */
export async function readScenarioDir(dir: string = DEFAULT_SCENARIOS_DIR): Promise<ScenarioFileResult[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
  return Promise.all(folders.map((folder) => readScenarioFile(path.join(dir, folder, SCENARIO_FILE), folder)))
}

/** All scenarios of `dir`, sorted by id. Throws ScenarioLoadError listing every problem if any file is broken. */
export async function loadScenarios(dir: string = DEFAULT_SCENARIOS_DIR): Promise<Scenario[]> {
  const results = await readScenarioDir(dir)
  const problems = results.flatMap((r) => (r.ok ? [] : r.problems))
  if (problems.length > 0) throw new ScenarioLoadError('invalid', problems)
  return results.flatMap((r) => (r.ok ? [r.scenario] : []))
}

/** One scenario by id. Throws ScenarioLoadError: code 'not-found' for an unknown id, 'invalid' for a broken file. */
export async function loadScenario(dir: string, id: string): Promise<Scenario> {
  // The id becomes a path segment: only kebab-case ids, so "../x" cannot escape `dir`.
  if (!ScenarioRefId.safeParse(id).success)
    throw new ScenarioLoadError('not-found', [`no scenario "${id}" (ids are kebab-case)`])
  const file = path.join(dir, id, SCENARIO_FILE)
  const result = await readScenarioFile(file, id)
  if (!result.ok) throw new ScenarioLoadError(isMissing(result) ? 'not-found' : 'invalid', result.problems)
  return result.scenario
}

const MISSING = 'file not found'

function isMissing(result: { problems: string[] }): boolean {
  return result.problems.length === 1 && result.problems[0].endsWith(MISSING)
}

/** Parses and validates one file; `folder` is the id the file must declare. */
export async function readScenarioFile(file: string, folder: string): Promise<ScenarioFileResult> {
  const shown = displayPath(file)
  const fail = (problems: string[]): ScenarioFileResult => ({ file: shown, ok: false, problems })

  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fail([`${shown}: ${MISSING}`])
    throw error
  }

  let data: unknown
  try {
    data = parse(text)
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos ? `:${error.linePos[0].line}:${error.linePos[0].col}` : ''
      // The position is already in the prefix; keep the message's first line only.
      const firstLine = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
      return fail([`${shown}${where}: YAML syntax: ${firstLine}`])
    }
    throw error
  }

  const parsed = Scenario.safeParse(data)
  if (!parsed.success)
    return fail(parsed.error.issues.map((i) => problemLine(shown, formatFieldPath(i.path), i.message)))
  if (parsed.data.id !== folder)
    return fail([problemLine(shown, 'id', `"${parsed.data.id}" must match its folder name "${folder}"`)])
  return { file: shown, ok: true, scenario: parsed.data }
}
