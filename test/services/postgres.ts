/**
 * A private PostgreSQL server for tests and benchmarks: its own cluster in a fresh temp folder,
 * listening on 127.0.0.1 only, at a port the OS picked, its unix socket in that folder. One server
 * per test file; a database per test (`createDatabase`, optionally copied from a template, which
 * is much faster than migrating each one).
 *
 * PostgreSQL refuses to run as root, so when we are root the cluster is made and run as the
 * unprivileged `postgres` system user that the Debian package creates. Clients connect as the
 * `postgres` role with trust authentication, configured for the loopback address only.
 */
import { spawn, spawnSync } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './freePort.ts'

export interface PostgresService {
  /** URL of the server's default database (`postgres`) */
  url: string
  /** Creates an empty database, or a copy of `template` (which must have no open connection), and returns its URL. */
  createDatabase(name?: string, options?: { template?: string }): Promise<string>
  /** Stops the server and removes its folder. */
  stop(): Promise<void>
}

export interface StartPostgresOptions {
  /**
   * Server settings (`-c name=value`) over the test defaults, which drop durability (fsync=off,
   * synchronous_commit=off): a test never survives a power loss. A benchmark passes `{ fsync: 'on', … }`.
   */
  settings?: Record<string, string>
}

const SKIP_ENV = 'SCALEBOARD_SKIP_SCALEOUT'

/**
 * Why the scale-out suites (PostgreSQL, Redis) are skipped, or null when they run: they run
 * unless `SCALEBOARD_SKIP_SCALEOUT=1`. Missing binaries are an error (`startPostgres`), never a skip.
 */
export function scaleoutSkipReason(): string | null {
  return process.env[SKIP_ENV] === '1'
    ? `${SKIP_ENV}=1: the scale-out tests (PostgreSQL, Redis) are skipped on purpose`
    : null
}

const START_TIMEOUT_S = 60
const COMMAND_TIMEOUT_MS = 90_000
const TEST_SETTINGS: Record<string, string> = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '200',
}
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresService> {
  const bin = findPostgresBinaries()
  const owner = serverUser()
  const root = mkdtempSync(join(tmpdir(), 'scaleboard-pg-'))
  const data = join(root, 'data')
  const logFile = join(root, 'server.log')
  const pgCtl = (args: string[]) => run(join(bin, 'pg_ctl'), ['-D', data, ...args], owner)
  let started = false
  try {
    chmodSync(root, 0o700)
    if (owner) chownSync(root, owner.uid, owner.gid)
    await run(
      join(bin, 'initdb'),
      [
        '-D',
        data,
        '-U',
        'postgres',
        '--auth=trust',
        '--no-sync',
        '--no-instructions',
        '--encoding=UTF8',
        '--locale=C',
      ],
      owner,
    )
    // Trust, and only over loopback TCP and the socket in our own 0700 folder.
    writeFileSync(join(data, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n')
    const settings = { ...TEST_SETTINGS, ...options.settings }
    // A port the OS just handed out may be taken by someone else before the server binds it.
    let port = 0
    for (let attempt = 1; ; attempt++) {
      port = await freePort()
      const flags = [`-p ${port}`, "-c listen_addresses='127.0.0.1'", `-c unix_socket_directories='${root}'`]
      for (const [name, value] of Object.entries(settings)) flags.push(`-c ${name}='${value}'`)
      try {
        // -w: pg_ctl returns once the server accepts connections, or fails after -t seconds.
        await pgCtl(['start', '-w', '-t', String(START_TIMEOUT_S), '-l', logFile, '-o', flags.join(' ')])
        started = true
        break
      } catch (error) {
        const log = readLog(logFile)
        if (attempt < 3 && /could not bind|address already in use/i.test(log)) continue
        throw new Error(`PostgreSQL did not start: ${String(error)}\n${log}`)
      }
    }
    await run(
      join(bin, 'pg_isready'),
      ['-q', '-h', '127.0.0.1', '-p', String(port), '-t', String(START_TIMEOUT_S)],
      null,
    )

    const url = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`
    const psql = (sql: string) =>
      run(
        join(bin, 'psql'),
        [
          '-X',
          '-q',
          '-v',
          'ON_ERROR_STOP=1',
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          '-U',
          'postgres',
          '-d',
          'postgres',
          '-c',
          sql,
        ],
        null,
      )
    // Should the test process end without stop() (a crash, a timeout), take the server down with it.
    const stopNow = () =>
      spawnSync(join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'immediate', '-w'], {
        ...(owner ?? {}),
        stdio: 'ignore',
      })
    process.once('exit', stopNow)
    let created = 0
    return {
      url: url('postgres'),
      async createDatabase(name = `test_${process.pid}_${++created}`, { template } = {}) {
        if (!IDENTIFIER.test(name) || (template !== undefined && !IDENTIFIER.test(template)))
          throw new Error(`database names here are plain lower-case identifiers: ${name}, ${template}`)
        // FILE_COPY: copying a small template's files beats logging every page of the copy.
        await psql(
          template
            ? `CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`
            : `CREATE DATABASE ${name}`,
        )
        return url(name)
      },
      async stop() {
        process.removeListener('exit', stopNow)
        try {
          await pgCtl(['stop', '-m', 'fast', '-w', '-t', '30'])
        } finally {
          rmSync(root, { recursive: true, force: true })
        }
      },
    }
  } catch (error) {
    if (started)
      spawnSync(join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'immediate'], {
        ...(owner ?? {}),
        stdio: 'ignore',
      })
    rmSync(root, { recursive: true, force: true })
    throw error
  }
}

/** The folder with initdb, pg_ctl, psql and pg_isready: $PG_BIN, else the newest /usr/lib/postgresql/<n>/bin. */
function findPostgresBinaries(): string {
  const candidates: string[] = []
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN)
  const debian = '/usr/lib/postgresql'
  if (existsSync(debian))
    for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a)))
      candidates.push(join(debian, version, 'bin'))
  const needed = ['initdb', 'pg_ctl', 'postgres', 'psql', 'pg_isready']
  const found = candidates.find((dir) => needed.every((name) => existsSync(join(dir, name))))
  if (!found)
    throw new Error(
      `PostgreSQL server binaries (${needed.join(', ')}) not found in $PG_BIN or /usr/lib/postgresql/*/bin. ` +
        `Install them with \`apt-get install postgresql\` (or set ${SKIP_ENV}=1 to skip the scale-out tests on purpose).`,
    )
  return found
}

interface Owner {
  uid: number
  gid: number
}

/** As root: the `postgres` system user, since PostgreSQL will not run as root. Otherwise ourselves. */
function serverUser(): Owner | null {
  if (process.getuid?.() !== 0) return null
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((line) => line.startsWith('postgres:'))
  if (!entry)
    throw new Error(
      'running as root, but there is no `postgres` system user to run PostgreSQL as (`apt-get install postgresql` creates it)',
    )
  const [, , uid, gid] = entry.split(':')
  return { uid: Number(uid), gid: Number(gid) }
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-3000)
  } catch {
    return '(no server log)'
  }
}

/** Runs a command to its end, failing with its output (and never hanging past COMMAND_TIMEOUT_MS). */
function run(command: string, args: string[], owner: Owner | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(owner ?? {}),
      cwd: tmpdir(),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: COMMAND_TIMEOUT_MS,
    })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
    })
    child.once('error', reject)
    child.once('close', (code, signal) => {
      if (code === 0) resolve()
      else {
        const why = signal ? `killed by ${signal}` : `exit ${code}`
        reject(new Error(`${command} ${args.join(' ')} failed (${why}): ${output.trim().slice(-2000)}`))
      }
    })
  })
}
