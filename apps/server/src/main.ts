import { ConfigError, loadConfig } from './config.ts'
import { startServer } from './server.ts'

/** The process entry: configuration from the environment, then signals for a clean shutdown. */
async function main(): Promise<void> {
  const config = loadConfig(process.env)
  const server = await startServer(config)
  const base = config.PUBLIC_URL ?? server.url
  console.log(`Scaleboard is running at ${base}`)
  console.log(`Data directory: ${config.DATA_DIR}`)
  if (config.ADMIN_TOKEN) console.log('Organiser token: from ADMIN_TOKEN')
  else
    console.log(
      `Organiser link (keep it secret; token stored in ${config.DATA_DIR}/admin-token):\n  ${base}/?admin=${server.adminToken}`,
    )
  const stop = (signal: string) => {
    console.log(`${signal}: saving rooms and stopping…`)
    server.close().then(
      () => process.exit(0),
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
