/**
 * A private nginx in front of Scaleboard instances, for the scale-out tests and benchmarks: its own
 * prefix in a fresh temp folder (config, pid, logs, temp files), listening on 127.0.0.1 only,
 * round-robin over the instances' loopback ports without sticky sessions.
 *
 * The proxy settings are not written here: the config includes the shipped
 * deploy/nginx/scaleboard-maps.conf (http level) and deploy/nginx/scaleboard-proxy.conf (location
 * level), so what the tests exercise is what operators deploy.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { freePort } from './freePort.ts'

export interface NginxService {
  /** http://127.0.0.1:<port> */
  url: string
  port: number
  /** Stops nginx and removes its folder. */
  stop(): Promise<void>
}

export interface StartNginxOptions {
  /** Loopback ports of the Scaleboard instances behind it. */
  upstreams: number[]
  /** Port to listen on (when the instances must know it first, as PUBLIC_URL); a free one when unset. */
  port?: number
}

const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx'
const DEPLOY_DIR = resolve(import.meta.dirname, '../../deploy/nginx')
export const NGINX_MAPS_CONF = join(DEPLOY_DIR, 'scaleboard-maps.conf')
export const NGINX_PROXY_CONF = join(DEPLOY_DIR, 'scaleboard-proxy.conf')
const START_TIMEOUT_MS = 15_000
const STOP_TIMEOUT_MS = 10_000

export async function startNginx({ upstreams, port: wanted }: StartNginxOptions): Promise<NginxService> {
  if (!existsSync(NGINX_BIN))
    throw new Error(
      `nginx not found at ${NGINX_BIN}: install it with \`apt-get install nginx\` ` +
        '(or set SCALEBOARD_SKIP_SCALEOUT=1 to skip the scale-out tests on purpose)',
    )
  for (const file of [NGINX_MAPS_CONF, NGINX_PROXY_CONF])
    if (!existsSync(file)) throw new Error(`the shipped nginx settings are missing: ${file}`)
  if (upstreams.length === 0) throw new Error('nginx needs at least one upstream port')

  // A port the OS just handed out may be taken before nginx binds it: try another (unless fixed).
  for (let attempt = 1; ; attempt++) {
    const port = wanted ?? (await freePort())
    const prefix = mkdtempSync(join(tmpdir(), 'scaleboard-nginx-'))
    try {
      return await launch(prefix, port, upstreams)
    } catch (error) {
      rmSync(prefix, { recursive: true, force: true })
      if (wanted === undefined && attempt < 3 && /Address already in use/i.test(String(error))) continue
      throw error
    }
  }
}

async function launch(prefix: string, port: number, upstreams: number[]): Promise<NginxService> {
  const conf = join(prefix, 'nginx.conf')
  writeFileSync(conf, nginxConf(prefix, port, upstreams))
  // -e: the start-up error log goes to our folder, not the packaged /var/log/nginx.
  const child = spawn(NGINX_BIN, ['-p', `${prefix}/`, '-c', conf, '-e', join(prefix, 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  // Should the test process end without stop() (a crash, a timeout), take nginx down with it.
  const killNow = () => child.kill('SIGKILL')
  process.once('exit', killNow)
  const report = () => `${output}\n${readTail(join(prefix, 'error.log'))}`.trim()
  try {
    await waitForListening(child, port, join(prefix, 'nginx.pid'), report)
  } catch (error) {
    process.removeListener('exit', killNow)
    child.kill('SIGKILL')
    await exited(child)
    throw error
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      process.removeListener('exit', killNow)
      // SIGTERM: a fast shutdown (a graceful one would wait for every open WebSocket to end).
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
      await exited(child)
      clearTimeout(timer)
      rmSync(prefix, { recursive: true, force: true })
    },
  }
}

/**
 * One worker, so round robin is one sequence over the upstreams (each worker would otherwise
 * keep its own) and consecutive connections land on consecutive instances. As root the worker
 * runs as root too: it must write the temp folders in our 0700 prefix. The upstream's failure
 * settings are the ones scaleboard-proxy.conf asks of its includer.
 */
function nginxConf(prefix: string, port: number, upstreams: number[]): string {
  const proxy = readFileSync(NGINX_PROXY_CONF, 'utf8')
  // The shipped location block may name its upstream (`proxy_pass http://scaleboard;`): use that name.
  const named = /^\s*proxy_pass\s+https?:\/\/([A-Za-z0-9_.-]+)\s*;/m.exec(proxy)
  const upstream = named?.[1] ?? 'scaleboard'
  const temp = (name: string) => {
    const dir = join(prefix, name)
    mkdirSync(dir, { recursive: true })
    return dir
  }
  return `${process.getuid?.() === 0 ? 'user root root;\n' : ''}daemon off;
master_process on;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;

events {
  worker_connections 4096;
}

http {
  access_log off;
  client_body_temp_path ${temp('client_body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};

  include ${NGINX_MAPS_CONF};

  upstream ${upstream} {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')}
  }

  server {
    listen 127.0.0.1:${port};
    location / {
${named ? '' : `      proxy_pass http://${upstream};\n`}      include ${NGINX_PROXY_CONF};
    }
  }
}
`
}

/**
 * Resolves once nginx wrote its pid file (it does so after binding its sockets) and the port
 * accepts connections; rejects if nginx exits first.
 */
function waitForListening(
  child: ChildProcess,
  port: number,
  pidFile: string,
  report: () => string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    let done = false
    const finish = (error?: Error) => {
      if (done) return
      done = true
      child.off('exit', onExit)
      if (error) reject(error)
      else resolve()
    }
    const onExit = (code: number | null, signal: string | null) =>
      finish(new Error(`nginx exited (${signal ?? code}) before listening on ${port}:\n${report()}`))
    child.once('exit', onExit)
    const probe = () => {
      if (done) return
      if (!existsSync(pidFile)) return retry()
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        finish()
      })
      socket.once('error', () => {
        socket.destroy()
        retry()
      })
    }
    const retry = () => {
      if (Date.now() - started > START_TIMEOUT_MS)
        finish(new Error(`nginx did not listen on ${port} within ${START_TIMEOUT_MS} ms:\n${report()}`))
      else setTimeout(probe, 50)
    }
    probe()
  })
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

function readTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-4000)
  } catch {
    return ''
  }
}
