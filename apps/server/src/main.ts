import { ConfigError, loadConfig } from './config.ts'
import { organiserLink } from './http/links.ts'
import { startServer } from './server.ts'

/** The process entry: configuration from the environment, then signals for a clean shutdown. */
async function main(): Promise<void> {
  const config = loadConfig(process.env)
  const server = await startServer(config)
  const base = config.PUBLIC_URL ?? server.url
  console.log(`Scaleboard is running at ${base}`)
  console.log(`Data directory: ${config.DATA_DIR}`)
  // The token is printed once, when it is generated; afterwards only on request, so logs keep no copy.
  if (server.adminTokenGenerated)
    console.log(
      `Organiser link, shown this once (keep it secret; the token is in ${config.DATA_DIR}/admin-token, ` +
        `"pnpm organiser-link" prints the link again):\n  ${organiserLink(base, server.adminToken)}`,
    )
  else
    console.log(
      `Organiser token: ${config.ADMIN_TOKEN ? 'from ADMIN_TOKEN' : `in ${config.DATA_DIR}/admin-token`}; ` +
        '"pnpm organiser-link" prints the organiser link.',
    )
  if (!config.PUBLIC_URL && (config.HOST === '0.0.0.0' || config.HOST === '::'))
    console.log(
      'PUBLIC_URL is not set: links use the address each request arrived on. Set PUBLIC_URL to the address people use.',
    )
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

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error)
  process.exit(1)
})
