import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateSecret } from './secrets.ts'

/**
 * The organiser's token: ADMIN_TOKEN if set, else one generated on first start and kept in
 * DATA_DIR/admin-token (mode 0600), so `pnpm start` on a laptop is usable at once.
 */
export function resolveAdminToken(
  dataDir: string,
  fromEnv: string | undefined,
): { token: string; generated: boolean } {
  if (fromEnv) return { token: fromEnv, generated: false }
  const file = join(dataDir, 'admin-token')
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), generated: false }
  mkdirSync(dataDir, { recursive: true })
  const token = generateSecret()
  writeFileSync(file, `${token}\n`, { mode: 0o600 })
  return { token, generated: true }
}
