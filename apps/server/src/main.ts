import { ConfigError, loadConfig } from './config.ts'
import { organiserLink } from './http/links.ts'
import { startServer } from './server.ts'

/** The process entry: configuration from the environment, then signals for a clean shutdown. */
async function main(): Promise<void> {
  const config = loadConfig(process.env)
  const server = await startServer(config)
  const base = config.PUBLIC_URL ?? server.url
  console.log(`Data directory: ${config.DATA_DIR}`)
  if (!config.PUBLIC_URL && (config.HOST === '0.0.0.0' || config.HOST === '::'))
    console.log(
      'PUBLIC_URL is not set: links use the address each request arrived on. Set PUBLIC_URL to the address people use.',
    )
  // The organiser link comes last, where a first-time user looks. The token is printed once, when
  // it is generated; afterwards only on request, so logs keep no copy.
  const lines = server.adminTokenGenerated
    ? [
        `Scaleboard is running at ${base}`,
        '',
        'Open this organiser link to create interviews (keep it secret; it is shown this once):',
        `  ${organiserLink(base, server.adminToken)}`,
        '',
        `The token is kept in ${config.DATA_DIR}/admin-token; "pnpm organiser-link" prints the link again.`,
      ]
    : [
        `Scaleboard is running at ${base}`,
        '',
        `Organiser link: run "pnpm organiser-link" (token ${config.ADMIN_TOKEN ? 'from ADMIN_TOKEN' : `in ${config.DATA_DIR}/admin-token`}).`,
      ]
  console.log(banner(lines))
  const stop = (signal: string) => {
    console.log(`${signal}: saving rooms and stopping…`)
    server.close().then(
      () => {
        console.log('Scaleboard stopped.')
        process.exit(0)
      },
      (error) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

/** Lines between two rules, so the address and the link stand out from the log above them. */
function banner(lines: string[]): string {
  const rule = '─'.repeat(Math.min(100, Math.max(...lines.map((line) => line.length))))
  return ['', rule, ...lines, rule, ''].join('\n')
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error)
  process.exit(1)
})
