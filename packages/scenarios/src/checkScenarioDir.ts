import { checkScenarioConsistency } from './consistency.ts'
import { problemLine } from './formatIssues.ts'
import { readScenarioDir } from './loadScenarios.ts'
import { DEFAULT_SCENARIOS_DIR } from './paths.ts'

export type ScenarioDirReport = { checked: number; problems: string[] }

/**
 * Validates every scenario of `dir` and checks its arithmetic: one line per problem, each naming
 * the file and the field. What `pnpm scenarios:check` prints.
 */
export async function checkScenarioDir(dir: string = DEFAULT_SCENARIOS_DIR): Promise<ScenarioDirReport> {
  const results = await readScenarioDir(dir)
  const problems = results.flatMap((r) =>
    r.ok
      ? checkScenarioConsistency(r.scenario).map((p) => problemLine(r.file, p.path, p.message))
      : r.problems,
  )
  return { checked: results.length, problems }
}
