import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSession, startTestServer, TEST_ADMIN_TOKEN } from '../../apps/server/src/testing.ts'

/**
 * REST fuzzing driven by the server's own OpenAPI document: every path and method it lists gets
 * valid and invalid requests generated from its schemas (parameters and JSON bodies: missing
 * fields, wrong types, huge strings, unicode, deep nesting, broken JSON) under every kind of token
 * (organiser, each role of this session, another session's, unknown, malformed, none). Asserted:
 * no 5xx, ever, and every status answered is one the document lists for that operation.
 * Seeded (FUZZ_SEED=<n> to vary it) and bounded to CASES requests.
 */
const CASES = 2000
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_130)

type Server = Awaited<ReturnType<typeof startTestServer>>
type Session = Awaited<ReturnType<typeof createSession>>
type Schema = Record<string, unknown>
interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: Schema
}
interface Operation {
  method: string
  path: string
  parameters: Parameter[]
  body: Schema | null
  bodyRequired: boolean
  responses: string[]
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function operationsOf(document: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const operations: Operation[] = []
  for (const [path, item] of Object.entries(document.paths)) {
    const shared = (item.parameters as Parameter[] | undefined) ?? []
    for (const [method, raw] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      const op = raw as {
        parameters?: Parameter[]
        requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> }
        responses: Record<string, unknown>
      }
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: [...shared, ...(op.parameters ?? [])],
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        bodyRequired: op.requestBody?.required ?? false,
        responses: Object.keys(op.responses),
      })
    }
  }
  return operations
}

/** Whether the operation's responses list `status` (exactly, as `4XX`, or as `default`). */
function documents(op: Operation, status: number): boolean {
  return op.responses.some(
    (key) => key === String(status) || key === `${String(status)[0]}XX` || key === 'default',
  )
}

const UNICODE = ['Ünïcødé', '日本語のテキスト', '🚀🔥💥', 'עברית', '\u0000nul', '\u202eevil', '\ud800', 'Z͑ͫ̓ͪ̂ͫ̽͏̴̙̤̞͉͚̯̞̠͍']

class Generator {
  readonly #random: () => number
  readonly #components: Record<string, Schema>
  constructor(random: () => number, components: Record<string, Schema>) {
    this.#random = random
    this.#components = components
  }
  int(n: number): number {
    return Math.floor(this.#random() * n)
  }
  chance(p: number): boolean {
    return this.#random() < p
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]
  }

  resolve(schema: Schema): Schema {
    const ref = schema.$ref as string | undefined
    if (!ref) return schema
    return this.resolve(this.#components[ref.split('/').pop() ?? ''] ?? {})
  }

  /** A value the schema accepts, as far as a generator can tell (patterns get a plain string). */
  valid(raw: Schema, depth = 0): unknown {
    const schema = this.resolve(raw)
    if ('const' in schema) return schema.const
    if (Array.isArray(schema.enum)) return this.pick(schema.enum)
    const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined
    if (alternatives) return this.valid(this.pick(alternatives), depth)
    if (Array.isArray(schema.allOf))
      return Object.assign({}, ...(schema.allOf as Schema[]).map((s) => this.valid(s, depth)))
    const type = Array.isArray(schema.type)
      ? this.pick(schema.type as string[])
      : (schema.type as string | undefined)
    switch (type) {
      case 'null':
        return null
      case 'boolean':
        return this.chance(0.5)
      case 'integer':
      case 'number': {
        const min = (schema.minimum as number | undefined) ?? 0
        const max = (schema.maximum as number | undefined) ?? min + 100
        const value = min + this.#random() * (max - min)
        return type === 'integer' ? Math.round(value) : value
      }
      case 'string': {
        if (schema.format === 'date-time') return new Date(1_800_000_000_000).toISOString()
        if (schema.format === 'uri' || schema.format === 'url') return 'https://example.com/'
        const min = (schema.minLength as number | undefined) ?? 1
        const max = Math.min((schema.maxLength as number | undefined) ?? 24, 64)
        return 'interview-'.padEnd(Math.max(min, Math.min(max, 12)), 'x').slice(0, Math.max(min, max))
      }
      case 'array':
        return depth > 4
          ? []
          : Array.from({ length: this.int(3) }, () => this.valid((schema.items as Schema) ?? {}, depth + 1))
      default: {
        const properties = (schema.properties ?? {}) as Record<string, Schema>
        const required = new Set((schema.required ?? []) as string[])
        const out: Record<string, unknown> = {}
        for (const [key, value] of Object.entries(properties))
          if (required.has(key) || this.chance(0.6)) out[key] = this.valid(value, depth + 1)
        return out
      }
    }
  }

  /** Something of the wrong shape, size or kind. */
  invalidValue(): unknown {
    return this.pick<() => unknown>([
      () => 'x'.repeat(10_000 + this.int(200_000)),
      () => this.pick(UNICODE),
      () => -1,
      () => 1e308,
      () => Number.MAX_SAFE_INTEGER + 2,
      () => true,
      () => null,
      () => [],
      () => ({}),
      () => [1, 'two', { three: 3 }],
      () => '',
      () => '   ',
      () => ({ __proto__: { admin: true }, constructor: { prototype: {} } }),
      () => '../../../../etc/passwd',
      () => "'; DROP TABLE sessions; --",
      () => '<script>alert(1)</script>',
    ])()
  }

  /** A body: valid, mutated (field missing, wrong type, extra), or not an object at all. */
  body(schema: Schema | null): { text: string | null; what: string } {
    const base = schema ? this.valid(schema) : {}
    switch (this.int(12)) {
      case 0:
      case 1:
      case 2:
        return { text: JSON.stringify(base), what: 'valid body' }
      case 3: {
        const copy = { ...(base as object) } as Record<string, unknown>
        const keys = Object.keys(copy)
        if (keys.length > 0) delete copy[this.pick(keys)]
        return { text: JSON.stringify(copy), what: 'a field missing' }
      }
      case 4: {
        const copy = { ...(base as object) } as Record<string, unknown>
        const keys = Object.keys(copy)
        copy[keys.length > 0 ? this.pick(keys) : 'title'] = this.invalidValue()
        return { text: JSON.stringify(copy), what: 'a field of the wrong kind' }
      }
      case 5:
        return {
          text: JSON.stringify({ ...(base as object), unexpected: this.invalidValue() }),
          what: 'an extra field',
        }
      case 6: {
        // Deep nesting: 20 to 100,000 levels.
        const depth = this.pick([20, 40, 1000, 100_000])
        return { text: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, what: `nested ${depth} deep` }
      }
      case 7: {
        const depth = this.pick([50, 10_000])
        return { text: `${'['.repeat(depth)}${']'.repeat(depth)}`, what: `array nested ${depth} deep` }
      }
      case 8:
        return {
          text: this.pick([
            '{',
            '{"title": }',
            'null',
            '[]',
            '"string"',
            '42',
            '',
            '\u0000',
            '{"title":"a"}{"b":1}',
          ]),
          what: 'broken or non-object JSON',
        }
      case 9:
        return {
          text: JSON.stringify({
            ...(base as object),
            title: 'y'.repeat(this.pick([300, 70_000, 2_000_000])),
          }),
          what: 'a huge string',
        }
      case 10:
        return {
          text: JSON.stringify({ title: this.pick(UNICODE), candidateName: this.pick(UNICODE) }),
          what: 'unicode',
        }
      default:
        return { text: null, what: 'no body' }
    }
  }
}

/** Every UTF-8 byte as %XX (a lone surrogate becomes U+FFFD, where encodeURIComponent throws). */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`)
    .join('')
}

interface Result {
  op: Operation
  status: number
  what: string
}

describe('REST fuzzing from the OpenAPI document', () => {
  let server: Server
  let sessions: Session[]
  let scenarioId: string
  beforeAll(async () => {
    // Limits high enough that the generated cases reach the handlers; 429s are checked separately.
    server = await startTestServer({
      RATE_LIMIT_PER_IP: '1000000',
      RATE_LIMIT_PER_TOKEN: '1000000',
      RATE_LIMIT_AUTH_FAILURES: '1000000',
    })
    const scenarios = (await (
      await fetch(`${server.url}/api/scenarios`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
    ).json()) as Array<{ id: string }>
    scenarioId = scenarios[0]?.id ?? 'none'
    sessions = [
      await createSession(server.url, { title: 'fuzz A', scenarioId }),
      await createSession(server.url, { title: 'fuzz B' }),
    ]
  })
  afterAll(async () => {
    await server?.close()
  })

  it(`answers ${CASES} generated requests with no 5xx and only documented status codes (seed ${SEED})`, async () => {
    const response = await fetch(`${server.url}/api/openapi.json`)
    expect(response.status).toBe(200)
    const document = (await response.json()) as {
      paths: Record<string, Record<string, unknown>>
      components?: { schemas?: Record<string, Schema> }
    }
    const operations = operationsOf(document)
    expect(operations.length).toBeGreaterThan(3)
    const gen = new Generator(mulberry32(SEED), document.components?.schemas ?? {})
    const [own, other] = sessions

    const tokens: Array<[string, string | null]> = [
      ['organiser', `Bearer ${TEST_ADMIN_TOKEN}`],
      ['candidate', `Bearer ${own.token('candidate')}`],
      ['interviewer', `Bearer ${own.token('interviewer')}`],
      ['observer', `Bearer ${own.token('observer')}`],
      ["another session's interviewer", `Bearer ${other.token('interviewer')}`],
      ['unknown token', `Bearer ${'A'.repeat(43)}`],
      [
        'malformed header',
        gen.pick(['Bearer', 'Basic dXNlcjpwYXNz', `bearer  ${own.token('candidate')} extra`]),
      ],
      // 8 KB: under Node's 16 KB header limit, so the app answers (past it, Node's parser says 431).
      ['huge token', `Bearer ${'t'.repeat(8_000)}`],
      ['no token', null],
    ]
    const idValues = (param: string, path: string): Array<[string, string]> => [
      ['own id', path.startsWith('/api/scenarios') ? scenarioId : own.id],
      ["other session's id", other.id],
      ['unknown id', 'AAAAAAAAAAAAAAAAAAAAAA'],
      ['too short', 'ab'],
      ['unicode', percentEncode(gen.pick(UNICODE))],
      ['traversal', '..%2F..%2Fetc%2Fpasswd'],
      ['bad percent-encoding', '%E0%A4%A'],
      ['NUL', '%00'],
      ['long', 'x'.repeat(gen.pick([65, 5000]))],
      [`${param} as a number`, '12345678901234567890'],
    ]

    const results: Result[] = []
    const failures: string[] = []
    let retried = 0
    for (let i = 0; i < CASES; i++) {
      const op = operations[i % operations.length]
      const [tokenName, authorization] = gen.pick(tokens)
      const what: string[] = [tokenName]
      let path = op.path
      const query = new URLSearchParams()
      const headers: Record<string, string> = {}
      if (authorization !== null) headers.authorization = authorization
      for (const param of op.parameters) {
        if (param.in === 'path') {
          const [name, value] = gen.chance(0.5)
            ? idValues(param.name, op.path)[0]
            : gen.pick(idValues(param.name, op.path))
          what.push(`${param.name}: ${name}`)
          path = path.replace(`{${param.name}}`, value)
        } else if (param.in === 'query') {
          if (!param.required && gen.chance(0.3)) continue
          const value = gen.chance(0.5) ? gen.valid(param.schema ?? {}) : gen.invalidValue()
          // At most 4 KB: past Node's 16 KB request-head limit its parser answers 431 before the app.
          const text = (typeof value === 'string' ? value : JSON.stringify(value)).slice(0, 4096)
          query.append(param.name, text)
          if (gen.chance(0.1)) query.append(param.name, text)
          what.push(`${param.name}=${text.slice(0, 20)}`)
        }
      }
      let body: string | undefined
      if (op.body || gen.chance(0.1)) {
        const generated = gen.body(op.body)
        what.push(generated.what)
        if (generated.text !== null) {
          body = generated.text
          headers['content-type'] = gen.chance(0.9)
            ? 'application/json'
            : gen.pick([
                'text/plain',
                'application/x-www-form-urlencoded',
                'application/json; charset=latin1',
              ])
        }
      }
      const url = `${server.url}${path}${query.size > 0 ? `?${query}` : ''}`
      let status: number
      const send = async () => {
        const answer = await fetch(url, {
          method: op.method,
          headers,
          body: op.method === 'GET' ? undefined : body,
          signal: AbortSignal.timeout(15_000),
        })
        await answer.arrayBuffer()
        return answer.status
      }
      try {
        try {
          status = await send()
        } catch (error) {
          // A pooled keep-alive socket the server closed as it was reused: a transport race, retried once.
          if (
            !/other side closed|ECONNRESET|socket/i.test(
              String((error as Error & { cause?: Error }).cause?.message),
            )
          )
            throw error
          retried += 1
          status = await send()
        }
      } catch (error) {
        const cause = (error as Error & { cause?: Error }).cause
        failures.push(
          `${op.method} ${op.path} [${what.join(', ')}]: no answer (${(error as Error).message}${cause ? `: ${cause.message}` : ''}; previous: ${results.at(-1)?.op.method} ${results.at(-1)?.op.path} ${results.at(-1)?.status} [${results.at(-1)?.what}])`,
        )
        continue
      }
      results.push({ op, status, what: what.join(', ') })
    }

    // Methods a path does not list: never a 5xx (405 with Allow, or 404, are both fine here).
    for (const path of Object.keys(document.paths)) {
      for (const method of ['PUT', 'DELETE', 'PATCH']) {
        if (method.toLowerCase() in document.paths[path]) continue
        const concrete = path.replace(/\{[^}]+\}/g, own.id)
        const answer = await fetch(`${server.url}${concrete}`, {
          method,
          headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        })
        await answer.arrayBuffer()
        if (answer.status >= 500) failures.push(`${method} ${path} (not in the document): ${answer.status}`)
      }
    }

    const serverErrors = results.filter((r) => r.status >= 500)
    const undocumented = new Map<string, Set<number>>()
    for (const r of results)
      if (!documents(r.op, r.status)) {
        const key = `${r.op.method} ${r.op.path}`
        undocumented.set(key, (undocumented.get(key) ?? new Set()).add(r.status))
      }
    const tally = new Map<string, Map<number, number>>()
    for (const r of results) {
      const key = `${r.op.method} ${r.op.path}`
      const byStatus = tally.get(key) ?? new Map<number, number>()
      byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1)
      tally.set(key, byStatus)
    }
    console.log(
      `fuzz-rest seed ${SEED}: ${results.length} answers over ${operations.length} operations (${retried} retried after a closed keep-alive socket)\n${[
        ...tally,
      ]
        .map(([op, byStatus]) => `  ${op}: ${[...byStatus].map(([s, n]) => `${s}×${n}`).join(' ')}`)
        .join('\n')}`,
    )
    expect(failures).toEqual([])
    expect(serverErrors.map((r) => `${r.op.method} ${r.op.path} → ${r.status} [${r.what}]`)).toEqual([])
    expect(
      Object.fromEntries([...undocumented].map(([op, codes]) => [op, [...codes].sort()])),
      'status codes answered but not listed in the OpenAPI document',
    ).toEqual({})
  }, 120_000)

  it('documents the 429 a burst of bad tokens gets under the default limits', async () => {
    const limited = await startTestServer()
    try {
      const document = (await (await fetch(`${limited.url}/api/openapi.json`)).json()) as {
        paths: Record<string, Record<string, unknown>>
      }
      const op = operationsOf(document).find((o) => o.method === 'GET' && o.path === '/api/sessions')
      expect(op).toBeDefined()
      const statuses = new Set<number>()
      for (let i = 0; i < 60; i++) {
        const answer = await fetch(`${limited.url}/api/sessions`, {
          headers: { authorization: `Bearer guess-${i}` },
        })
        await answer.arrayBuffer()
        statuses.add(answer.status)
      }
      expect(statuses.has(429)).toBe(true)
      expect([...statuses].filter((s) => !documents(op as Operation, s))).toEqual([])
    } finally {
      await limited.close()
    }
  })
})
