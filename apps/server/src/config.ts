import { resolve } from 'node:path'
import { z } from 'zod'

const DEFAULT_WEB_DIST = resolve(import.meta.dirname, '../../web/dist')

/** Every setting comes from the environment and is checked once, at start-up. */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional(),
  PUBLIC_URL: z
    .url()
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  TLDRAW_LICENSE_KEY: z.string().min(1).optional(),
  /** Largest WebSocket frame accepted; a bigger one closes that connection with 1009. */
  MAX_FRAME_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  MAX_CONNECTIONS_PER_ROOM: z.coerce.number().int().min(1).default(50),
  WEB_DIST_DIR: z.string().default(DEFAULT_WEB_DIST),
  SCENARIOS_DIR: z.string().optional(),
})

export type Config = z.infer<typeof ConfigSchema>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  )
  const result = ConfigSchema.safeParse(present)
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return { ...result.data, DATA_DIR: resolve(result.data.DATA_DIR) }
}
