// `pnpm scenarios:check`: validates every scenario pack and checks its arithmetic.
// Usage: node packages/scenarios/src/cli.ts [scenarios-dir]
import path from 'node:path'
import { checkScenarioDir } from './checkScenarioDir.ts'
import { displayPath } from './formatIssues.ts'
import { DEFAULT_SCENARIOS_DIR } from './paths.ts'

const dir = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_SCENARIOS_DIR

try {
  const { checked, problems } = await checkScenarioDir(dir)
  for (const line of problems) console.error(line)
  if (checked === 0) {
    console.error(`${displayPath(dir)}: no scenario folders found`)
    process.exitCode = 1
  } else if (problems.length > 0) {
    console.error(`${problems.length} problem(s) in ${checked} scenario(s)`)
    process.exitCode = 1
  } else {
    console.log(`${checked} scenario(s) in ${displayPath(dir)}: valid and consistent`)
  }
} catch (error) {
  console.error(`${displayPath(dir)}: ${(error as Error).message}`)
  process.exitCode = 1
}
