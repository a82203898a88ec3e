/** Types of checkNode.mjs (plain JavaScript so that it runs on any Node). */
export function meetsNodeRange(version: string, range: string): boolean
export function nodeVersionProblem(version: string, range: string): string | null
