import { checkAgainstAnalysis } from './analysisCheck.ts'
import { checkScenarioConsistency } from './consistency.ts'
import { problemLine } from './formatIssues.ts'
import { readScenarioDir } from './loadScenarios.ts'
import { DEFAULT_SCENARIOS_DIR } from './paths.ts'

export type ScenarioDirReport = { checked: number; problems: string[] }

/**
 * Validates every scenario of `dir`, checks its arithmetic, and runs the design analysis on its
 * current architecture, whose utilisation and cost must agree with the stated metrics: one line
 * per problem, each naming the file and the field. What `pnpm scenarios:check` prints.
 */
export async function checkScenarioDir(dir: string = DEFAULT_SCENARIOS_DIR): Promise<ScenarioDirReport> {
  const results = await readScenarioDir(dir)
  const problems = results.flatMap((r) =>
    r.ok
      ? [...checkScenarioConsistency(r.scenario), ...checkAgainstAnalysis(r.scenario)].map((p) =>
          problemLine(r.file, p.path, p.message),
        )
      : r.problems,
  )
  return { checked: results.length, problems }
}
