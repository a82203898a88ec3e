/**
 * Thrown when scenario files cannot be used. `problems` holds one line per problem, each naming
 * the file and the field, ready to print; `code` lets a server answer 404 for an unknown id.
 */
export class ScenarioLoadError extends Error {
  readonly code: 'not-found' | 'invalid'
  readonly problems: string[]

  constructor(code: 'not-found' | 'invalid', problems: string[]) {
    super(problems.join('\n'))
    this.name = 'ScenarioLoadError'
    this.code = code
    this.problems = problems
  }
}
