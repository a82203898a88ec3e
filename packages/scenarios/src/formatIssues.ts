import path from 'node:path'

type PathKey = PropertyKey

/** `['requirements', 2, 'p99LatencyMs']` → `requirements[2].p99LatencyMs`, the way people read it. */
export function formatFieldPath(keys: readonly PathKey[]): string {
  if (keys.length === 0) return '(root)'
  let out = ''
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}

/** Files are named relative to the working directory when inside it, so messages stay short. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file
}

/** One line per problem: `<file>: <field path>: <message>`. */
export function problemLine(file: string, field: string, message: string): string {
  return `${file}: ${field}: ${message}`
}
