import { readStoredAdminToken } from '../adminToken.ts'
import { ConfigError, loadConfig } from '../config.ts'
import { organiserLink } from '../http/links.ts'

/**
 * `pnpm organiser-link`: prints the organiser link on request, from the same environment as the
 * server (ADMIN_TOKEN, or the token generated in DATA_DIR/admin-token; PUBLIC_URL, else HOST and
 * PORT). The server prints it only once, when it generates the token.
 */
function main(): number {
  const config = loadConfig(process.env)
  const token = config.ADMIN_TOKEN ?? readStoredAdminToken(config.DATA_DIR)
  if (!token) {
    console.error(
      `There is no organiser token in ${config.DATA_DIR}/admin-token and ADMIN_TOKEN is not set. ` +
        'Start the server once (pnpm start) to generate one, or set ADMIN_TOKEN.',
    )
    return 1
  }
  console.log(organiserLink(config.PUBLIC_URL ?? localOrigin(config.HOST, config.PORT), token))
  return 0
}

/** The listening address as a browser on this machine reaches it. */
function localOrigin(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`
}

try {
  process.exitCode = main()
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error)
  process.exitCode = 1
}
